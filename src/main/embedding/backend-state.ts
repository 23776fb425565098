/**
 * Which embedder the Meaning service uses, decided once per settings and re-decided when a
 * download becomes allowed. While a decision is under way (a model downloading), callers that do
 * not ask to download get the previous decision at once, so searches never wait on the network;
 * the status then shows the download's progress.
 */
import type { MeaningStatus, ModelKey, ModelProgress } from '../../shared/meaning';
import type { EventBus } from '../events';
import { createLogger } from '../log';
import type { VectorRepository } from '../store/vectors';
import type { ModelSpec } from './embed-core';
import { chooseBackend, type Backend } from './model-status';

const log = createLogger('meaning');

export interface BackendStateOptions {
  dataDir: string;
  vectors: VectorRepository;
  events: EventBus;
  threads?: number;
  probe: (spec: ModelSpec) => Promise<void>;
  signal: AbortSignal;
  /** Called when the model key changes (in-memory indexes must be rebuilt). */
  onKeyChange: () => void;
}

export class BackendState {
  private backend?: Promise<Backend>;
  private settled?: Backend;
  private deciding = false;
  /** Counts decisions, so a superseded one (after reset) does not overwrite the state. */
  private decision = 0;
  private tried = false;
  private lastDownload?: ModelProgress;
  private lastKey?: ModelKey;
  private lastReason?: string;

  constructor(private readonly opts: BackendStateOptions) {}

  /** True once a decision that allowed downloading was started (since the last reset). */
  get downloadTried(): boolean {
    return this.tried;
  }

  /**
   * The backend. `download` allows fetching a missing model (once per settings); `explicit`
   * (encore model download) retries even a recently failed download.
   */
  get(download: boolean, explicit = false): Promise<Backend> {
    const retry = download && !this.tried;
    if (this.backend && !retry) {
      return this.deciding && this.settled && !download
        ? Promise.resolve(this.settled)
        : this.backend;
    }
    if (download) this.tried = true;
    const previous = this.backend;
    this.deciding = true;
    const id = ++this.decision;
    const deciding = this.decide(previous, download, explicit, id);
    this.backend = deciding;
    deciding.catch(() => {
      if (this.decision === id) this.deciding = false;
    });
    return deciding;
  }

  /** The status to show: the backend's, or the download's progress while one runs. */
  overlay(status: MeaningStatus): MeaningStatus {
    const d = this.lastDownload;
    if (!this.deciding || d?.state !== 'downloading') return status;
    const mb = (n: number): string => (n / 1e6).toFixed(1);
    const reason = `downloading ${d.modelId}: ${mb(d.loaded)} of ${mb(d.total)} MB; ${status.reason} meanwhile`;
    return { ...status, state: 'downloading', progress: d.total ? d.loaded / d.total : 0, reason };
  }

  /** Forgets the decision (after a settings change). */
  reset(): void {
    this.backend = undefined;
    this.settled = undefined;
    this.deciding = false;
    this.tried = false;
    this.decision++;
  }

  private async decide(
    previous: Promise<Backend> | undefined,
    download: boolean,
    explicit: boolean,
    id: number,
  ): Promise<Backend> {
    const before = await previous;
    const backend = before?.status.semantic
      ? before
      : await chooseBackend({
          vectors: this.opts.vectors,
          dataDir: this.opts.dataDir,
          download,
          explicit,
          threads: this.opts.threads,
          probe: this.opts.probe,
          onProgress: (p) => {
            this.lastDownload = p;
            this.opts.events.emit('model.progress', p);
          },
          signal: this.opts.signal,
        });
    // Info, not a warning: the lexical fallback answers, and the status (UI, CLI note) says so.
    if (!backend.status.semantic && backend.status.reason !== this.lastReason)
      log.info(backend.status.reason);
    this.lastReason = backend.status.reason;
    if (this.decision === id) {
      this.settled = backend;
      this.deciding = false;
    }
    if (backend === before) return backend;
    await this.opts.vectors.setSetting('activeModel', JSON.stringify(backend.key));
    if (this.lastKey?.id !== backend.key.id || this.lastKey?.revision !== backend.key.revision) {
      this.opts.onKeyChange();
    }
    this.lastKey = backend.key;
    this.opts.events.emit('meaning.status', backend.status);
    return backend;
  }
}
