/**
 * The analyser: the background queue that gives every track its audio features. The queue is the
 * store's set of tracks without a current feature row (store.features.pending), so it survives
 * restarts; tracks the listener is about to hear go first (prioritise). Jobs run in a worker pool
 * sized to the cores minus one, each with a timeout: a hung or crashed decode is killed, recorded
 * as 'failed', and the queue goes on. Emits 'analysis.progress' and 'analysis.updated'.
 */
import type { AnalysisProgress, AudioFeatures } from '../../shared/analysis';
import type { LibraryChange, TrackId } from '../../shared/library';
import type { EventBus } from '../events';
import { createLogger } from '../log';
import type { FeatureRecord, PendingTrack } from '../store/features';
import type { Store } from '../store/index';
import { WorkerJobError, WorkerPool } from '../workers/pool';
import { workerFile } from '../workers/worker-file';
import type { AnalyseJob, AnalyseResult } from './job';
import { rawSoundVector } from '../vectors/sound-vector';
import { ANALYSIS_VERSION } from '../../shared/analysis-version';

const log = createLogger('analysis');

export interface AnalyserOptions {
  store: Store;
  events: EventBus;
  /** Worker threads (cores minus one, at least one). */
  workers: number;
  /** Milliseconds one track may take before its worker is killed; default 60 s. */
  timeoutMs?: number;
  /** Start analysing by itself after 'library.changed'; default true. */
  auto?: boolean;
  /** Try ffmpeg before the WASM decoders (the benchmark compares both). */
  preferFfmpeg?: boolean;
}

export interface RunOptions {
  /** Stop after this many tracks. */
  limit?: number;
}

/** What one run did. */
export interface RunSummary {
  done: number;
  ok: number;
  errors: number;
  cancelled: boolean;
  seconds: number;
}

/** Recompute the library standardisation statistics after this many new 'ok' rows in a run. */
const STATS_EVERY = 500;
/** At most this many progress events a second: the UI redraws on each. */
const PROGRESS_INTERVAL_MS = 250;

export class Analyser {
  private pool: WorkerPool<AnalyseJob, AnalyseResult> | undefined;
  private running: Promise<RunSummary> | undefined;
  private paused = false;
  private cancelled = false;
  private playing = false;
  /** The person's "analyse the music" setting; off means no background runs at all. */
  private enabled = true;
  private closed = false;
  private resumeWaiters: (() => void)[] = [];
  private priority: TrackId[] = [];
  private buffer: PendingTrack[] = [];
  private readonly inFlight = new Set<TrackId>();
  private progressState: AnalysisProgress = {
    state: 'idle',
    done: 0,
    total: 0,
    errors: 0,
    rate: 0,
    etaS: null,
    lastTrackId: null,
  };
  private lastEmit = 0;
  private readonly unsubscribe: () => void;

  constructor(private readonly opts: AnalyserOptions) {
    const offs = [
      opts.events.on('library.changed', (change: LibraryChange) => {
        if (change.added.length === 0 && change.updated.length === 0) return;
        // A run under way picks the new tracks up by itself; only its total must grow.
        if (this.running) void this.recount();
        else this.startInBackground();
      }),
      // A scan that changed nothing (every scan after a restart, "Scan now") still finds the queue
      // a previous run left unfinished: the queue is the store's, not this process's.
      opts.events.on('scan.finished', () => void this.resumeQueued()),
    ];
    this.unsubscribe = () => offs.forEach((off) => off());
  }

  /**
   * Starts a background run when tracks are waiting (left by an earlier run or an earlier
   * process) and background analysis is on; called at start-up and after every scan.
   */
  async resumeQueued(): Promise<void> {
    if (this.running || this.closed || !(this.opts.auto ?? true) || !this.enabled) return;
    if ((await this.opts.store.features.counts()).pending > 0) this.startInBackground();
  }

  private startInBackground(): void {
    if (this.closed || !(this.opts.auto ?? true) || !this.enabled) return;
    void this.start().catch((err: unknown) => log.error('background analysis failed', err));
  }

  /** The latest progress. */
  progress(): AnalysisProgress {
    return { ...this.progressState };
  }

  /**
   * Analyses queued tracks until the queue is empty, `limit` is reached or cancel() is called.
   * While a run is going, returns that run (its options stay as they were).
   */
  start(run: RunOptions = {}): Promise<RunSummary> {
    this.running ??= this.runQueue(run).finally(() => (this.running = undefined));
    return this.running;
  }

  /**
   * Turns background analysis on or off (the person's setting). Off stops a run under way —
   * what was analysed is kept — and ignores library changes; on picks the queue up again.
   */
  async setEnabled(enabled: boolean): Promise<void> {
    if (enabled === this.enabled) return;
    this.enabled = enabled;
    if (!enabled) await this.cancel();
    else this.startInBackground();
  }

  pause(): void {
    if (!this.running || this.paused) return;
    this.paused = true;
    this.setState('paused');
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    for (const wake of this.resumeWaiters.splice(0)) wake();
    if (this.running) this.setState('running');
  }

  /** Stops the current run; jobs in flight are abandoned and stay queued. */
  async cancel(): Promise<void> {
    const running = this.running;
    if (!running) return;
    this.cancelled = true;
    this.resume();
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
    await running.catch(() => undefined);
  }

  /** Tracks the listener is about to hear: analysed next, in this order (replaces the last call). */
  prioritise(trackIds: TrackId[]): void {
    // The player reports its state often (position saves); the same list changes nothing.
    if (
      trackIds.length === this.priority.length &&
      trackIds.every((id, i) => id === this.priority[i])
    )
      return;
    this.priority = [...trackIds];
    this.buffer = [];
  }

  /** While music plays, use half the workers (at least one) so playback keeps its headroom. */
  setPlaying(playing: boolean): void {
    this.playing = playing;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    await this.cancel();
    await this.pool?.close();
    this.pool = undefined;
  }

  private limit = Infinity;

  private async recount(): Promise<void> {
    const { pending } = await this.opts.store.features.counts();
    const p = this.progressState;
    p.total = Math.max(p.total, Math.min(this.limit, p.done + pending));
  }

  private getPool(): WorkerPool<AnalyseJob, AnalyseResult> {
    this.pool ??= new WorkerPool<AnalyseJob, AnalyseResult>({
      file: workerFile('analysis-worker'),
      size: Math.max(1, this.opts.workers),
      timeoutMs: this.opts.timeoutMs ?? 60_000,
      // JS heap cap per worker; the WASM decoders and essentia live outside it.
      resourceLimits: { maxOldGenerationSizeMb: 256 },
    });
    return this.pool;
  }

  private async next(): Promise<PendingTrack | undefined> {
    for (;;) {
      const track = this.buffer.shift();
      if (track) {
        if (this.inFlight.has(track.id)) continue;
        this.priority = this.priority.filter((id) => id !== track.id);
        return track;
      }
      const fetched = await this.opts.store.features.pending(
        32 + this.inFlight.size,
        this.priority,
      );
      this.buffer = fetched.filter((t) => !this.inFlight.has(t.id));
      if (this.buffer.length === 0) return undefined;
    }
  }

  private async runQueue(run: RunOptions): Promise<RunSummary> {
    this.cancelled = false;
    const started = Date.now();
    const pending = (await this.opts.store.features.counts()).pending;
    this.limit = run.limit ?? Infinity;
    const total = Math.min(pending, this.limit);
    this.progressState = {
      state: 'running',
      done: 0,
      total,
      errors: 0,
      rate: 0,
      etaS: null,
      lastTrackId: null,
    };
    this.emitProgress(true);
    let taken = 0,
      ok = 0,
      sinceStats = 0;
    const lane = async (index: number): Promise<void> => {
      for (;;) {
        while (this.paused && !this.cancelled)
          await new Promise<void>((r) => this.resumeWaiters.push(r));
        if (this.cancelled || taken >= (run.limit ?? Infinity)) return;
        const lanes = this.playing
          ? Math.max(1, Math.floor(this.opts.workers / 2))
          : this.opts.workers;
        if (index >= lanes) {
          await new Promise((r) => setTimeout(r, 500));
          continue;
        }
        const track = await this.next();
        if (!track) return;
        taken++;
        this.inFlight.add(track.id);
        try {
          const record = await this.analyseOne(track);
          if (!record) return;
          await this.opts.store.features.save([record]);
          this.opts.events.emit('analysis.updated', { trackIds: [track.id] });
          if (record.features.status === 'ok') {
            ok++;
            if (++sinceStats >= STATS_EVERY) {
              sinceStats = 0;
              await this.opts.store.features.updateStats();
            }
          } else this.progressState.errors++;
          this.progressState.done++;
          this.progressState.lastTrackId = track.id;
          this.emitProgress(false, started);
        } finally {
          this.inFlight.delete(track.id);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.opts.workers) }, (_, i) => lane(i)));
    if (ok > 0 && !this.cancelled) await this.opts.store.features.updateStats();
    const summary: RunSummary = {
      done: this.progressState.done,
      ok,
      errors: this.progressState.errors,
      cancelled: this.cancelled,
      seconds: (Date.now() - started) / 1000,
    };
    this.setState(this.cancelled ? 'cancelled' : 'idle');
    return summary;
  }

  /** Runs one track; undefined when the run was cancelled under it. */
  private async analyseOne(track: PendingTrack): Promise<FeatureRecord | undefined> {
    const base = { trackId: track.id, version: ANALYSIS_VERSION, analysedAt: Date.now() };
    let result: AnalyseResult;
    try {
      const job: AnalyseJob = {
        path: track.path,
        durationS: track.durationS,
        preferFfmpeg: this.opts.preferFfmpeg,
      };
      result = await this.getPool().run(job);
    } catch (err) {
      if (this.cancelled || (err instanceof WorkerJobError && err.kind === 'closed'))
        return undefined;
      log.warn(`analysis of ${track.path} failed`, err);
      return {
        features: failedFeatures(base, (err as Error).message),
        soundVector: null,
        fileSize: track.size,
        fileMtimeMs: track.mtimeMs,
      };
    }
    const features: AudioFeatures =
      result.status === 'ok' && result.features
        ? { ...base, status: 'ok', error: null, decoder: result.decoder, ...result.features }
        : {
            ...failedFeatures(base, result.error ?? 'unknown error'),
            status: result.status,
            decoder: result.decoder,
          };
    const soundVector = features.status === 'ok' ? rawSoundVector(features) : null;
    return { features, soundVector, fileSize: track.size, fileMtimeMs: track.mtimeMs };
  }

  private setState(state: AnalysisProgress['state']): void {
    this.progressState.state = state;
    this.emitProgress(true);
  }

  private emitProgress(force: boolean, started?: number): void {
    const p = this.progressState;
    if (started) {
      const seconds = (Date.now() - started) / 1000;
      p.rate = seconds > 0 ? p.done / seconds : 0;
      p.etaS = p.rate > 0 ? Math.max(0, p.total - p.done) / p.rate : null;
    }
    const now = Date.now();
    if (!force && now - this.lastEmit < PROGRESS_INTERVAL_MS && p.done < p.total) return;
    this.lastEmit = now;
    this.opts.events.emit('analysis.progress', { ...p });
  }
}

function failedFeatures(
  base: Pick<AudioFeatures, 'trackId' | 'version' | 'analysedAt'>,
  error: string,
): AudioFeatures {
  return {
    ...base,
    status: 'failed',
    error,
    decoder: null,
    bpm: null,
    bpmConfidence: null,
    key: null,
    scale: null,
    keyStrength: null,
    loudnessLufs: null,
    loudnessRangeLu: null,
    gainDb: null,
    danceability: null,
    energy: null,
    rms: null,
    dynamicComplexity: null,
    onsetRate: null,
    spectralCentroid: null,
    zcr: null,
    mfccMean: null,
    mfccVar: null,
    hpcpMean: null,
    arousal: null,
    valence: null,
  };
}
