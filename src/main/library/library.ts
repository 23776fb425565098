/**
 * The library service: the folders the person chose (roots), scanning them — incremental,
 * cancellable, one scan at a time — watching them while the app runs, and the cover cache.
 */
import { stat } from 'node:fs/promises';
import type { EngineConfig } from '../config';
import type { EventBus } from '../events';
import type { Store } from '../store/index';
import type { Root } from '../store/roots';
import type { RootUsage, ScanSummary } from '../../shared/library';
import { WorkerPool } from '../workers/pool';
import { workerFile } from '../workers/worker-file';
import { createLogger } from '../log';
import type { FileReading, TagJob } from './read-file';
import { scanRoot } from './scanner';
import type { RootScanCounts } from './scan-counts';
import type { ScanStep } from './scan-executor';
import { addScanCounts, filesSeen, zeroScanCounts } from './scan-counts';
import { CoverCache } from './cover-cache';
import { LibraryWatcher } from './watcher';
import { describeFsError } from './walk';
import { expandHome } from './home-path';

const log = createLogger('library');

/** Young-generation limit of each tag worker, MB (see tagPool). */
const TAG_YOUNG_MB = 4;

/** How long a removed folder can be added back with its history: after that it is forgotten. */
export const REMOVED_ROOT_KEPT_MS = 30 * 24 * 3600 * 1000;

export interface LibraryDeps {
  config: EngineConfig;
  store: Store;
  events: EventBus;
}

export interface ScanRequest {
  /** Roots to scan (default: all). They must have been added. */
  roots?: string[];
  /** Scan only these folders (each inside a root): the watcher's incremental rescans. */
  folders?: string[];
}

export class Library {
  readonly covers: CoverCache;
  private pool: WorkerPool<TagJob, FileReading> | null = null;
  private running: Promise<unknown> = Promise.resolve();
  /** Scans asked for and not yet finished (the running one included). */
  private pending = 0;
  private abort: AbortController | null = null;
  private watcher: LibraryWatcher | null = null;
  private closed = false;

  constructor(private readonly deps: LibraryDeps) {
    this.covers = new CoverCache(deps.config.dataDir, deps.store.covers);
  }

  /**
   * Adds a folder to the library (it must exist now; `~` is the home folder); returns the root.
   * A folder removed earlier comes back with its tracks' ids and history (library.changed lists
   * them as added; the next scan finds their files).
   */
  async addRoot(path: string): Promise<Root> {
    const absolute = expandHome(path);
    let isDir = false;
    try {
      isDir = (await stat(absolute)).isDirectory();
    } catch (err) {
      throw new Error(`cannot add ${absolute}: ${describeFsError(err as NodeJS.ErrnoException)}`);
    }
    if (!isDir) throw new Error(`cannot add ${absolute}: not a folder`);
    const { restored, ...root } = await this.deps.store.roots.add(absolute);
    this.watcher?.setRoots(await this.deps.store.roots.list());
    if (restored.length > 0)
      this.deps.events.emit('library.changed', { added: restored, updated: [], removed: [] });
    return root;
  }

  /**
   * Takes a folder and its tracks out of the library (the files are not touched). Their history
   * and feedback are kept for REMOVED_ROOT_KEPT_MS, so adding the folder back undoes it.
   */
  async removeRoot(path: string): Promise<boolean> {
    const now = Date.now();
    const removed = await this.deps.store.roots.remove(expandHome(path), now);
    await this.deps.store.roots.purgeRemoved(now - REMOVED_ROOT_KEPT_MS);
    this.watcher?.setRoots(await this.deps.store.roots.list());
    if (!removed) return false;
    if (removed.length > 0)
      this.deps.events.emit('library.changed', { added: [], updated: [], removed });
    return true;
  }

  /** How many tracks and how much listening history removing `path` concerns. */
  async rootUsage(path: string): Promise<RootUsage> {
    const usage = await this.deps.store.roots.usage(expandHome(path));
    if (!usage) throw new Error(`${expandHome(path)} is not a library folder`);
    return usage;
  }

  roots(): Promise<Root[]> {
    return this.deps.store.roots.list();
  }

  /** True while a scan runs. */
  get scanning(): boolean {
    return this.abort !== null;
  }

  /** Scans the library (waits for a running scan to finish first); emits progress and change events. */
  scan(request: ScanRequest = {}): Promise<ScanSummary> {
    this.pending++;
    const next = this.running.then(() => this.runScan(request)).finally(() => this.settleScan());
    this.running = next.catch(() => undefined);
    return next;
  }

  /** Tag worker threads alive now: some during a scan that reads files, none between scans. */
  get tagWorkers(): number {
    return this.pool?.size ?? 0;
  }

  /**
   * After the last queued scan, the tag workers go: idle, each still holds its parser and heap
   * (~40 MB; 3 of them were 120 MB of a 100,000-file rescan's 574 MB peak), and the next scan that
   * needs them starts new ones in milliseconds. Scans queued back to back share one pool.
   */
  private async settleScan(): Promise<void> {
    this.pending--;
    if (this.pending > 0 || !this.pool) return;
    const pool = this.pool;
    this.pool = null;
    await pool.close();
  }

  /** Stops the running scan; what was read is kept, and the next scan goes on from there. */
  cancelScan(): void {
    this.abort?.abort(new Error('scan cancelled'));
  }

  /**
   * Checks the roots with an incremental rescan (cheap when nothing changed: what changed while
   * Encore was closed), then watches them and rescans changed folders (debounced) until unwatch()
   * or close(). A root that vanishes or comes back is rescanned whole.
   */
  async watch(): Promise<void> {
    if (this.watcher || this.closed) return;
    const rescan = (request: ScanRequest, why: string): void =>
      void this.scan(request).catch((err: Error) => log.warn(`rescan ${why} failed`, err));
    this.watcher = new LibraryWatcher(
      (folders) => rescan({ folders }, 'after change'),
      (root) => rescan({ roots: [root] }, `of ${root}`),
    );
    const roots = await this.deps.store.roots.list();
    this.watcher.setRoots(roots);
    if (roots.length > 0) rescan({}, 'at start');
  }

  async unwatch(): Promise<void> {
    await this.watcher?.close();
    this.watcher = null;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.cancelScan();
    await this.unwatch();
    await this.running;
    await this.pool?.close();
    this.pool = null;
  }

  private tagPool(): WorkerPool<TagJob, FileReading> {
    this.pool ??= new WorkerPool<TagJob, FileReading>({
      file: workerFile('tag-worker'),
      size: tagWorkers(this.deps.config.workers),
      timeoutMs: this.deps.config.parseTimeoutMs,
      // A malformed file that makes the parser allocate without end kills its worker, not Encore.
      // A small young generation: a tag read leaves almost nothing alive, so V8's default (which
      // grows to tens of MB per thread) only holds garbage; measured on 20,000 files, first scan,
      // 3 workers: peak RSS 272 → 217 MB, CPU time 31.0 → 31.8 s (one run each, loaded machine).
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: TAG_YOUNG_MB },
    });
    return this.pool;
  }

  private async runScan(request: ScanRequest): Promise<ScanSummary> {
    if (this.closed) throw new Error('library is closed');
    const started = Date.now();
    const abort = new AbortController();
    this.abort = abort;
    const summary: ScanSummary = {
      ...zeroScanCounts(),
      unavailableRoots: [],
      unreadableFolders: [],
      cancelled: false,
      durationMs: 0,
    };
    const changes = { removed: [] as number[], available: [] as number[] };
    try {
      for (const { root, folder } of await this.targets(request)) {
        if (abort.signal.aborted) break;
        const offset = { seen: filesSeen(summary) };
        const counts: RootScanCounts = await scanRoot(
          root,
          {
            store: this.deps.store,
            pool: () => this.tagPool(),
            covers: this.covers,
            signal: abort.signal,
            progress: (p) => this.emitProgress(p, offset.seen, started),
            // Each batch is announced as it is written: a first scan of a large library shows
            // its tracks (and analysis starts on them) long before the scan ends.
            written: ({ added, updated }) =>
              this.deps.events.emit('library.changed', { added, updated, removed: [] }),
          },
          folder,
        );
        addScanCounts(summary, counts);
        if (counts.unavailable) summary.unavailableRoots.push(root.path);
        summary.unreadableFolders.push(...counts.unreadableFolders);
        summary.cancelled ||= counts.cancelled;
        changes.removed.push(...counts.changed.removed);
        changes.available.push(...counts.changed.available);
      }
    } finally {
      this.abort = null;
    }
    summary.cancelled ||= abort.signal.aborted;
    for (const root of summary.unavailableRoots) this.watcher?.markUnavailable(root);
    summary.durationMs = Date.now() - started;
    // Added and updated tracks were announced batch by batch; deletions, and tracks that went
    // missing or came back, are known at the end.
    if (changes.removed.length + changes.available.length > 0) {
      this.deps.events.emit('library.changed', {
        added: [],
        updated: [],
        removed: changes.removed,
        ...(changes.available.length > 0 ? { available: changes.available } : {}),
      });
    }
    this.deps.events.emit('scan.finished', summary);
    return summary;
  }

  /** Which roots (and folders inside them) a request covers. */
  private async targets(request: ScanRequest): Promise<{ root: Root; folder?: string }[]> {
    const roots = await this.deps.store.roots.list();
    if (request.folders) {
      return request.folders.flatMap((folder) => {
        const root = roots.find(
          (r) =>
            folder === r.path || folder.startsWith(r.path.endsWith('/') ? r.path : `${r.path}/`),
        );
        return root ? [{ root, folder: folder === root.path ? undefined : folder }] : [];
      });
    }
    if (!request.roots) return roots.map((root) => ({ root }));
    return request.roots.map((path) => {
      const root = roots.find((r) => r.path === expandHome(path));
      if (!root) throw new Error(`${path} is not a library folder; add it first`);
      return { root };
    });
  }

  private emitProgress(p: ScanStep, offset: number, started: number): void {
    const elapsedS = (Date.now() - started) / 1000;
    const done = offset + p.done;
    const seen = offset + p.seen;
    const rate = elapsedS > 0 ? done / elapsedS : 0;
    const etaS = p.phase === 'reading' && rate > 0 ? Math.max(0, (seen - done) / rate) : null;
    this.deps.events.emit('scan.progress', { ...p, seen, done, rate, etaS });
  }
}

/**
 * Tag workers for `workers` heavy-work threads: tag reading mostly waits on the disk, so one more
 * than the CPU work would need keeps the disk busy (measured on 2 cores with 10,000 files: 2 →
 * 26 s, 3 → 20 s, 4 → 21 s); at most 8, since each worker holds its own parser and heap (~55 MB
 * while reading 100,000 files: 1 worker instead of 3 took 113 MB off that scan's peak).
 */
function tagWorkers(workers: number): number {
  return Math.min(8, Math.max(2, workers + 2));
}
