/**
 * One scan of one library root (or a folder inside it): the walk's chunks go through the scan
 * plan (scan-plan.ts: what is unchanged, new, changed, moved, vanished) as the walk lists them,
 * and the executor (scan-executor.ts) reads and writes what the plan says, while the walk goes
 * on. A root or folder that cannot be seen right now has its tracks marked missing — never
 * deleted — and nothing is removed from an incomplete picture of the disk.
 */
import { stat } from 'node:fs/promises';
import type { Store } from '../store/index';
import type { Root } from '../store/roots';
import type { ScanErrorEntry, TrackId } from '../../shared/library';
import { describeFsError, outsideEntry, type WalkChunk } from './walk';
import { walk } from './walk-runner';
import { realRoots } from './real-roots';
import { isInside, ScanPlan } from './scan-plan';
import { ScanExecutor, type RootScanDeps } from './scan-executor';
import { zeroScanCounts, type RootScanCounts } from './scan-counts';
import { createLogger } from '../log';

export type { RootScanDeps } from './scan-executor';

const log = createLogger('scanner');

/** Scans `root` (only `subtree` of it when given) and returns what changed. */
export async function scanRoot(
  root: Root,
  deps: RootScanDeps,
  subtree?: string,
): Promise<RootScanCounts> {
  const counts: RootScanCounts = {
    ...zeroScanCounts(),
    unavailable: false,
    cancelled: false,
    unreadableFolders: [],
    changed: { added: [], updated: [], removed: [], available: [] },
  };
  const scope = subtree ?? root.path;
  const startedAt = Date.now();

  // A root that is gone or unreadable (an unplugged drive, an unmounted share) keeps its tracks.
  const rootProblem = await checkFolder(root.path);
  const knownAll = await deps.store.tracks.knownFiles(root.id);
  const known = subtree ? knownAll.filter((k) => isInside(k.path, scope)) : knownAll;
  if (rootProblem) {
    const status = rootProblem === 'permission denied' ? 'unreadable' : 'missing';
    return markUnavailable(root, deps.store, counts, known, status);
  }

  const plan = new ScanPlan(known);
  const run = new ScanExecutor(root, deps, plan, counts);
  const inLibrary = await realRoots((await deps.store.roots.list()).map((r) => r.path));
  const chunks = walk(scope, {
    realRoots: inLibrary,
    signal: deps.signal,
    onProgress: (seen, currentPath) => run.walkProgress(seen, currentPath),
  });
  const blocked: ScanErrorEntry[] = [];
  let walked = 0;
  let outside = 0;
  let rootUnreadable = false;
  try {
    for await (const chunk of chunks) {
      walked += chunk.files.length;
      outside += chunk.outside.length;
      rootUnreadable ||= chunk.unreadable.some((u) => u.path === root.path);
      blocked.push(...chunk.unreadable, ...chunk.outside.map(outsideEntry));
      run.noteWalked(walked);
      const back = await takeChunk(chunk, plan, run, deps);
      counts.changed.available.push(...back);
    }
  } finally {
    // Reads already started finish (and are written) even when the walk failed or stopped.
    await run.drain();
  }
  if (deps.signal.aborted) return { ...counts, cancelled: true };
  const walkedAt = Date.now();

  // A root that cannot be listed, or is empty while the store knows tracks on it (an empty
  // mount point), is unavailable: nothing was read, and its tracks are kept as missing.
  const rootEmpty = !subtree && walked === 0 && outside === 0 && known.length > 0;
  if (rootUnreadable || rootEmpty) {
    return markUnavailable(
      root,
      deps.store,
      counts,
      known,
      rootUnreadable ? 'unreadable' : 'missing',
    );
  }
  // Files no longer seen: under an unreadable folder (or a link out) they are missing; elsewhere
  // deleted, unless a new file is one of them moved.
  counts.unreadableFolders = blocked;
  const hiddenNow = plan
    .endWalk(blocked)
    .filter((k) => !k.missing)
    .map((k) => k.id);
  counts.markedMissing += await deps.store.tracks.markMissing(hiddenNow);
  counts.changed.available.push(...hiddenNow);
  await run.endWalk();
  // Cancelled: whatever was written is kept (new files still waiting to be told moved or new
  // are not written, and are read again next time); nothing is removed.
  if (deps.signal.aborted) return { ...counts, cancelled: true };

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
    const status = vanished === 'permission denied' ? 'unreadable' : 'missing';
    await deps.store.roots.setStatus(root.id, status);
    log.warn(`${root.path} went away during the scan (${vanished}); its tracks are marked missing`);
    return counts;
  }

  const readAt = Date.now();
  run.report('finishing', null);
  const removedIds = plan.removed();
  counts.removed = await deps.store.tracks.remove(removedIds);
  counts.changed.removed.push(...removedIds);
  if (run.readAny || removedIds.length > 0) await run.finishCovers();
  await deps.store.roots.setStatus(root.id, 'ok', Date.now());
  log.info(
    `${scope}: walked ${walked} files and read the new and changed ones in ${walkedAt - startedAt} ms (the reads overlap the walk), covers and cleanup ${Date.now() - readAt} ms`,
  );
  return counts;
}

/**
 * Sorts one chunk through the plan and starts its reads (waiting while the workers are busy);
 * returns the unchanged files' tracks that were missing and are now marked present again.
 */
async function takeChunk(
  chunk: WalkChunk,
  plan: ScanPlan,
  run: ScanExecutor,
  deps: RootScanDeps,
): Promise<TrackId[]> {
  for (const [folder, image] of chunk.folderImages) run.folderImages.set(folder, image);
  for (const o of chunk.outside) log.warn(`not following ${o.path}: it leads out to ${o.target}`);
  const step = plan.take(chunk.files);
  run.noteUnchanged(step.unchanged);
  if (step.back.length > 0) await deps.store.tracks.markPresent(step.back);
  for (const task of step.read) if (!deps.signal.aborted) await run.read(task);
  return step.back;
}

/** Marks the root's known tracks missing and records that the root cannot be seen now. */
async function markUnavailable(
  root: Root,
  store: Store,
  counts: RootScanCounts,
  known: readonly { id: TrackId; missing: boolean }[],
  status: 'unreadable' | 'missing',
): Promise<RootScanCounts> {
  counts.unavailable = true;
  const vanished = known.filter((k) => !k.missing).map((k) => k.id);
  counts.markedMissing += await store.tracks.markMissing(vanished);
  counts.changed.available.push(...vanished);
  await store.roots.setStatus(root.id, status);
  return counts;
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
