/**
 * One scan of one library root (or a folder inside it): walk the disk, compare with what the store
 * knows, read new and changed files in the tag workers, write them in batches, recognise moved
 * files by fingerprint, remove deleted ones, and mark as missing — never delete — what sits on a
 * root or folder that cannot be seen right now.
 */
import { open, stat } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import type { Store } from '../store/index';
import type { KnownFile, ScannedFile } from '../store/tracks';
import type { Root } from '../store/roots';
import type { TrackId } from '../../shared/library';
import { WorkerJobError, type WorkerPool } from '../workers/pool';
import type { CoverImage, FileReading, TagJob } from './read-file';
import { describeFsError, outsideEntry, type WalkedFile, type WalkResult } from './walk';
import { walk } from './walk-runner';
import { realRoots } from './real-roots';
import { errorFields } from './error-fields';
import { CoverCollector } from './cover-collector';
import type { CoverCache } from './cover-cache';
import { createLogger } from '../log';

const log = createLogger('scanner');

export interface RootScanCounts {
  added: number;
  updated: number;
  moved: number;
  removed: number;
  unchanged: number;
  errors: number;
  markedMissing: number;
  unavailable: boolean;
  /** Folders below the root that could not be listed. */
  unreadableFolders: { path: string; error: string }[];
  cancelled: boolean;
  /** `available`: tracks that went missing or came back, their files unchanged. */
  changed: { added: TrackId[]; updated: TrackId[]; removed: TrackId[]; available: TrackId[] };
}

export interface RootScanDeps {
  store: Store;
  /** The tag workers, started on first use: a rescan that finds no change never starts them. */
  pool(): WorkerPool<TagJob, FileReading>;
  covers: CoverCache;
  signal: AbortSignal;
  /** Called as files are seen and read. */
  progress(p: {
    phase: 'walking' | 'reading' | 'finishing';
    seen: number;
    done: number;
    errors: number;
    currentPath: string | null;
  }): void;
  /** Called after each batch of tracks is written, so they show while the scan goes on. */
  written?(change: { added: TrackId[]; updated: TrackId[] }): void;
}

/** Files per folder whose pictures are read before the album is taken to have no embedded cover. */
const COVER_TRIES_PER_FOLDER = 3;

/** Files written per transaction: large enough to amortise the commit, small enough to stay responsive. */
const BATCH = 200;

/** True when `path` is `folder` or lies below it. */
const isInside = (path: string, folder: string): boolean =>
  path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

/** Scans `root` (only `subtree` of it when given) and returns what changed. */
export async function scanRoot(
  root: Root,
  deps: RootScanDeps,
  subtree?: string,
): Promise<RootScanCounts> {
  const counts: RootScanCounts = {
    added: 0,
    updated: 0,
    moved: 0,
    removed: 0,
    unchanged: 0,
    errors: 0,
    markedMissing: 0,
    unavailable: false,
    cancelled: false,
    unreadableFolders: [],
    changed: { added: [], updated: [], removed: [], available: [] },
  };
  const scope = subtree ?? root.path;
  const startedAt = Date.now();

  // A root that is gone, unreadable or empty (an unplugged drive, an unmounted share) keeps its
  // tracks. The store's view and the disk's are read at the same time.
  const rootProblem = await checkFolder(root.path);
  const inLibrary = await realRoots((await deps.store.roots.list()).map((r) => r.path));
  const [knownAll, walked] = await Promise.all([
    deps.store.tracks.knownFiles(root.id),
    rootProblem
      ? null
      : walk(scope, {
          realRoots: inLibrary,
          signal: deps.signal,
          onProgress: (seen, currentPath) =>
            deps.progress({ phase: 'walking', seen, done: 0, errors: 0, currentPath }),
        }).catch((err: Error) => {
          if (deps.signal.aborted) return null;
          throw err;
        }),
  ]);
  if (!rootProblem && !walked) return { ...counts, cancelled: true };
  const known = subtree ? knownAll.filter((k) => isInside(k.path, scope)) : knownAll;
  const rootUnreadable = walked?.unreadable.some((u) => u.path === root.path) ?? false;
  const rootEmpty =
    !subtree && walked?.files.length === 0 && walked.outside.length === 0 && known.length > 0;
  if (rootProblem || rootUnreadable || rootEmpty) {
    counts.unavailable = true;
    const vanished = known.filter((k) => !k.missing).map((k) => k.id);
    counts.markedMissing = await deps.store.tracks.markMissing(vanished);
    counts.changed.available.push(...vanished);
    await deps.store.roots.setStatus(
      root.id,
      rootProblem === 'permission denied' || rootUnreadable ? 'unreadable' : 'missing',
    );
    return counts;
  }
  const result = walked as WalkResult;
  const walkedAt = Date.now();
  for (const o of result.outside) log.warn(`not following ${o.path}: it leads out to ${o.target}`);
  // What lies behind a link out of the library is hidden like an unreadable folder's files: kept
  // as missing, so adding the folder it leads to brings the tracks back with their history.
  const blocked = [...result.unreadable, ...result.outside.map(outsideEntry)];
  const knownByPath = new Map(known.map((k) => [k.path, k]));
  const seenPaths = new Set(result.files.map((f) => f.path));

  const todo: { file: WalkedFile; knownId: TrackId | null; hadError?: boolean }[] = [];
  const back: TrackId[] = [];
  for (const file of result.files) {
    const k = knownByPath.get(file.path);
    if (k && k.size === file.size && k.mtimeMs === file.mtimeMs) {
      counts.unchanged++;
      if (k.missing) back.push(k.id);
    } else {
      todo.push({ file, knownId: k?.id ?? null, hadError: k?.hasError });
    }
  }
  await deps.store.tracks.markPresent(back);
  counts.changed.available.push(...back);

  // Files no longer seen: under an unreadable folder they are missing; elsewhere deleted or moved.
  const gone = known.filter((k) => !seenPaths.has(k.path));
  const hidden = gone.filter((k) => blocked.some((u) => isInside(k.path, u.path)));
  counts.unreadableFolders = blocked;
  const hiddenNow = hidden.filter((k) => !k.missing).map((k) => k.id);
  counts.markedMissing += await deps.store.tracks.markMissing(hiddenNow);
  counts.changed.available.push(...hiddenNow);
  const deleted = new Map<TrackId, KnownFile>(
    gone.filter((k) => !hidden.includes(k)).map((k) => [k.id, k]),
  );
  const movedFrom = new Map<string, TrackId>();
  for (const k of deleted.values())
    if (k.fingerprint && !k.hasError) movedFrom.set(k.fingerprint, k.id);

  const coversOfAlbums = new CoverCollector(deps.store, deps.covers, result.folderImages);
  // Per folder: how many reads asked for the embedded cover, or -1 once one was found.
  const coverAsks = new Map<string, number>();
  // A rescan that finds nothing new has no cover to look for.
  if (todo.length > 0) await coversOfAlbums.load();
  let batch: { file: ScannedFile; change: 'added' | 'updated'; cover: CoverImage | null }[] = [];
  let done = counts.unchanged;
  const flush = async (): Promise<void> => {
    const items = batch;
    batch = [];
    const ids = await deps.store.tracks.writeScanned(items.map((b) => b.file));
    const written = { added: [] as TrackId[], updated: [] as TrackId[] };
    items.forEach((item, i) => {
      coversOfAlbums.noteTrack(ids[i], item.file, item.cover);
      counts.changed[item.change].push(ids[i]);
      written[item.change].push(ids[i]);
    });
    if (ids.length > 0) deps.written?.(written);
  };

  const readOne = async ({
    file,
    knownId,
    hadError,
  }: {
    file: WalkedFile;
    knownId: TrackId | null;
    hadError?: boolean;
  }): Promise<void> => {
    const stem = file.path.slice(0, file.path.lastIndexOf('.')).toLowerCase();
    let scanned: ScannedFile;
    let change: 'added' | 'updated' = knownId === null ? 'added' : 'updated';
    let cover: CoverImage | null = null;
    // The first files read in each folder bring their embedded cover along (albums live in
    // folders), until one has it: no extra parse, and pictures are skipped for the rest.
    const folder = dirname(file.path);
    const asks = coverAsks.get(folder) ?? 0;
    const wantCover = asks >= 0 && asks < COVER_TRIES_PER_FOLDER;
    if (wantCover) coverAsks.set(folder, asks + 1);
    try {
      if (file.error) throw new Error(file.error);
      const reading = await deps.pool().run({
        path: file.path,
        root: root.path,
        size: file.size,
        hasSidecar: result.sidecars.has(stem),
        wantCover,
      });
      cover = reading.cover;
      if (cover) coverAsks.set(folder, -1);
      scanned = {
        fields: {
          ...reading.fields,
          rootId: root.id,
          path: file.path,
          size: file.size,
          mtimeMs: file.mtimeMs,
          fingerprint: reading.fingerprint,
          coverId: null,
        },
        lyrics: reading.lyrics,
      };
      const movedId = knownId === null ? movedFrom.get(reading.fingerprint) : undefined;
      if (movedId !== undefined) {
        movedFrom.delete(reading.fingerprint);
        deleted.delete(movedId);
        scanned.movedFromId = movedId;
        change = 'updated';
        counts.moved++;
      } else if (knownId === null) counts.added++;
      else counts.updated++;
    } catch (err) {
      // The workers themselves cannot run (or are shutting down): no file is to blame.
      if (err instanceof WorkerJobError && (err.kind === 'broken' || err.kind === 'closed'))
        throw err;
      scanned = { fields: errorFields(root.id, file, (err as Error).message), lyrics: null };
      // The file could not even be opened (vanished mid-scan, unplugged, permission denied): not
      // a fact about its content. A good row is kept as it was (and not counted as unreadable:
      // `tracks --errors` would not list it); a new or failed one is written with an impossible
      // mtime, so the next scan tries again instead of taking it as unchanged.
      const unreachable = file.error ? null : await openProblem(file.path);
      if (unreachable !== null) {
        if (knownId !== null && !hadError) {
          done++;
          return;
        }
        scanned.fields.mtimeMs = -1;
      }
      counts.errors++;
    }
    batch.push({ file: scanned, change, cover });
    done++;
    deps.progress({
      phase: 'reading',
      seen: result.files.length,
      done,
      errors: counts.errors,
      currentPath: file.path,
    });
    if (batch.length >= BATCH) await flush();
  };

  // Keep the workers fed without queueing the whole library at once.
  const inFlight = todo.length === 0 ? 0 : Math.max(4, deps.pool().size * 8);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(inFlight, todo.length) }, async () => {
      while (next < todo.length && !deps.signal.aborted) await readOne(todo[next++]);
    }),
  );
  await flush();
  if (deps.signal.aborted) {
    // Whatever was read is kept; nothing is removed from an incomplete picture of the disk.
    counts.cancelled = true;
    return counts;
  }
  // The root went away while its files were being read (unplugged, unmounted, moved): the
  // picture is incomplete, so nothing is removed; every track on it is missing until it returns.
  const vanished = subtree ? null : await checkFolder(root.path);
  if (vanished !== null) {
    counts.unavailable = true;
    counts.markedMissing += await deps.store.tracks.markMissing([
      ...known.filter((k) => !k.missing).map((k) => k.id),
      ...counts.changed.added,
      ...counts.changed.updated,
    ]);
    await deps.store.roots.setStatus(
      root.id,
      vanished === 'permission denied' ? 'unreadable' : 'missing',
    );
    log.warn(`${root.path} went away during the scan (${vanished}); its tracks are marked missing`);
    return counts;
  }

  const readAt = Date.now();
  deps.progress({
    phase: 'finishing',
    seen: result.files.length,
    done,
    errors: counts.errors,
    currentPath: null,
  });
  const removedIds = [...deleted.keys()];
  counts.removed = await deps.store.tracks.remove(removedIds);
  counts.changed.removed.push(...removedIds);
  if (todo.length > 0 || removedIds.length > 0) await coversOfAlbums.finish(deps.signal);
  await deps.store.roots.setStatus(root.id, 'ok', Date.now());
  log.info(
    `${scope}: walked ${result.files.length} files in ${walkedAt - startedAt} ms, read ${todo.length} in ${readAt - walkedAt} ms, covers and cleanup ${Date.now() - readAt} ms`,
  );
  return counts;
}

/** Null when `path` can be opened for reading now, else why not. */
async function openProblem(path: string): Promise<string | null> {
  try {
    await (await open(path, 'r')).close();
    return null;
  } catch (err) {
    return describeFsError(err as NodeJS.ErrnoException);
  }
}

/** Null when `path` is a readable folder, else why not. */
async function checkFolder(path: string): Promise<string | null> {
  try {
    const s = await stat(path);
    return s.isDirectory() ? null : 'not a folder';
  } catch (err) {
    return describeFsError(err as NodeJS.ErrnoException);
  }
}
