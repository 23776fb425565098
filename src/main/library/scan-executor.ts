/**
 * The scan executor: carries out a scan plan's reads in the tag workers (a bounded number in
 * flight, so neither walked files nor readings pile up), writes the readings to the store in
 * batches, gives albums their covers, counts, and reports progress. scanner.ts drives it.
 */
import { dirname } from 'node:path';
import type { ScanProgress, TrackId } from '../../shared/library';
import type { Store } from '../store/index';
import type { ScannedFile } from '../store/tracks';
import type { Root } from '../store/roots';
import type { WorkerPool } from '../workers/pool';
import type { CoverImage, FileReading, TagJob } from './read-file';
import type { ReadTask, ScanPlan } from './scan-plan';
import { readScanned, type ScanReading } from './scan-read';
import { CoverCollector } from './cover-collector';
import type { CoverCache } from './cover-cache';
import type { RootScanCounts } from './scan-counts';

/** What the scanner reports as it goes; the library service adds the rate and time left. */
export type ScanStep = Omit<ScanProgress, 'rate' | 'etaS'>;

export interface RootScanDeps {
  store: Store;
  /** The tag workers, started on first use: a rescan that finds no change never starts them. */
  pool(): WorkerPool<TagJob, FileReading>;
  covers: CoverCache;
  signal: AbortSignal;
  /** Called as files are seen and read. */
  progress(p: ScanStep): void;
  /** Called after each batch of tracks is written, so they show while the scan goes on. */
  written?(change: { added: TrackId[]; updated: TrackId[] }): void;
}

/** Files per folder whose pictures are read before the album is taken to have no embedded cover. */
const COVER_TRIES_PER_FOLDER = 3;

/** Files written per transaction: large enough to amortise the commit, small enough to stay responsive. */
const BATCH = 200;

/** Reads in flight per tag worker: enough to keep each fed while the main thread writes. */
const READS_PER_WORKER = 8;

type Change = 'added' | 'updated';

export class ScanExecutor {
  /** Audio files the walk has found so far. */
  seen = 0;
  /** Files read, or found unchanged, so far. */
  private done = 0;
  private readonly running = new Set<Promise<void>>();
  private limit = 0;
  private fatal: Error | null = null;
  private batch: { file: ScannedFile; change: Change; cover: CoverImage | null }[] = [];
  /** New files whose move-or-new question waits for the end of the walk. */
  private readonly held: Extract<ScanReading, { kind: 'read' }>[] = [];
  /** Per folder: how many reads asked for the embedded cover, or -1 once one was found. */
  private readonly coverAsks = new Map<string, number>();
  /** Folder → its cover image file, as the walk finds them. */
  readonly folderImages = new Map<string, string>();
  private readonly albums: CoverCollector;
  private albumsLoaded: Promise<void> | null = null;

  constructor(
    private readonly root: Root,
    private readonly deps: RootScanDeps,
    private readonly plan: ScanPlan,
    private readonly counts: RootScanCounts,
  ) {
    this.albums = new CoverCollector(deps.store, deps.covers, this.folderImages);
  }

  /** True when any file was read (so covers may need finishing). */
  get readAny(): boolean {
    return this.albumsLoaded !== null;
  }

  /** Counts unchanged files as done. */
  noteUnchanged(n: number): void {
    this.counts.unchanged += n;
    this.done += n;
  }

  /** The scan has taken `seen` walked files so far. */
  noteWalked(seen: number): void {
    this.seen = Math.max(this.seen, seen);
  }

  /** The walker has found `seen` files so far, now in `currentPath`. */
  walkProgress(seen: number, currentPath: string): void {
    this.seen = Math.max(this.seen, seen);
    this.report(this.albumsLoaded ? 'reading' : 'walking', currentPath);
  }

  /** Starts reading `task`; waits first while the workers have enough to do. */
  async read(task: ReadTask): Promise<void> {
    if (this.deps.signal.aborted) return;
    if (this.limit === 0) {
      this.limit = Math.max(4, this.deps.pool().size * READS_PER_WORKER);
      // A rescan that finds nothing new has no cover to look for.
      this.albumsLoaded = this.albums.load();
    }
    while (this.running.size >= this.limit) await Promise.race(this.running);
    this.throwIfFailed();
    const job = this.readOne(task).catch((err: Error) => {
      this.fatal ??= err;
    });
    this.running.add(job);
    void job.finally(() => this.running.delete(job));
  }

  /** Waits for every read started, then writes what is left in the batch. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.race(this.running);
    this.throwIfFailed();
    await this.flush();
  }

  /** The walk ended: the new files held for it are placed (moved or added) and written. */
  async endWalk(): Promise<void> {
    await this.drain();
    for (const reading of this.held.splice(0)) await this.place(reading);
    await this.flush();
  }

  /** Caches and links the albums' covers once the scan's writes are done. */
  async finishCovers(): Promise<void> {
    await this.albumsLoaded;
    await this.albums.finish(this.deps.signal);
  }

  report(phase: ScanStep['phase'], currentPath: string | null): void {
    const { seen, done } = this;
    this.deps.progress({ phase, seen, done, errors: this.counts.errors, currentPath });
  }

  private throwIfFailed(): void {
    if (this.fatal) throw this.fatal;
  }

  private async readOne(task: ReadTask): Promise<void> {
    // The first files read in each folder bring their embedded cover along (albums live in
    // folders), until one has it: no extra parse, and pictures are skipped for the rest.
    const folder = dirname(task.file.path);
    const asks = this.coverAsks.get(folder) ?? 0;
    const wantCover = asks >= 0 && asks < COVER_TRIES_PER_FOLDER;
    if (wantCover) this.coverAsks.set(folder, asks + 1);
    const reading = await readScanned(task, this.root, this.deps.pool, wantCover);
    this.done++;
    if (reading.kind === 'kept') return;
    if (reading.kind === 'failed') {
      this.counts.errors++;
      this.batch.push({
        file: reading.scanned,
        change: task.knownId ? 'updated' : 'added',
        cover: null,
      });
    } else {
      if (reading.cover) this.coverAsks.set(folder, -1);
      if (task.knownId !== null) {
        this.counts.updated++;
        this.batch.push({ file: reading.scanned, change: 'updated', cover: reading.cover });
      } else if (!(await this.place(reading))) this.held.push(reading);
    }
    this.report('reading', task.file.path);
    if (this.batch.length >= BATCH) await this.flush();
  }

  /** Batches a new file as moved or added; false when that has to wait for the walk's end. */
  private async place(reading: Extract<ScanReading, { kind: 'read' }>): Promise<boolean> {
    const place = this.plan.placeNew(reading.fingerprint);
    if (place.kind === 'wait') return false;
    if (place.kind === 'moved') {
      reading.scanned.movedFromId = place.from;
      this.counts.moved++;
    } else this.counts.added++;
    const change = place.kind === 'moved' ? 'updated' : 'added';
    this.batch.push({ file: reading.scanned, change, cover: reading.cover });
    if (this.batch.length >= BATCH) await this.flush();
    return true;
  }

  private async flush(): Promise<void> {
    const items = this.batch;
    this.batch = [];
    if (items.length === 0) return;
    await this.albumsLoaded;
    const ids = await this.deps.store.tracks.writeScanned(items.map((b) => b.file));
    const written = { added: [] as TrackId[], updated: [] as TrackId[] };
    items.forEach((item, i) => {
      this.albums.noteTrack(ids[i], item.file, item.cover);
      this.counts.changed[item.change].push(ids[i]);
      written[item.change].push(ids[i]);
    });
    this.deps.written?.(written);
  }
}
