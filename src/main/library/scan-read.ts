/**
 * Reads one file of a scan in the tag workers and turns it into the row to write: its tags, or,
 * when it cannot be read, a record of why (so `tracks --errors` lists it and the next scan knows).
 */
import { open } from 'node:fs/promises';
import type { ScannedFile } from '../store/tracks';
import type { Root } from '../store/roots';
import { WorkerJobError, type WorkerPool } from '../workers/pool';
import type { CoverImage, FileReading, TagJob } from './read-file';
import type { ReadTask } from './scan-plan';
import { describeFsError } from './walk';
import { errorFields } from './error-fields';

/** What reading one file gave. */
export type ScanReading =
  | { kind: 'read'; scanned: ScannedFile; fingerprint: string; cover: CoverImage | null }
  /** Unreadable: the row records why. */
  | { kind: 'failed'; scanned: ScannedFile }
  /** The file could not be opened now and its good row is kept as it was: nothing to write. */
  | { kind: 'kept' };

/** Reads `task`'s file; throws only when the tag workers themselves cannot run. */
export async function readScanned(
  task: ReadTask,
  root: Root,
  pool: () => WorkerPool<TagJob, FileReading>,
  wantCover: boolean,
): Promise<ScanReading> {
  const { file } = task;
  try {
    if (file.error) throw new Error(file.error);
    const reading = await pool().run({
      path: file.path,
      root: root.path,
      size: file.size,
      hasSidecar: file.hasSidecar,
      wantCover,
    });
    const { size, mtimeMs, path } = file;
    const { fingerprint } = reading;
    const fields = { ...reading.fields, rootId: root.id, path, size, mtimeMs, fingerprint };
    return {
      kind: 'read',
      scanned: { fields: { ...fields, coverId: null }, lyrics: reading.lyrics },
      fingerprint: reading.fingerprint,
      cover: reading.cover,
    };
  } catch (err) {
    // The workers themselves cannot run (or are shutting down): no file is to blame.
    if (err instanceof WorkerJobError && (err.kind === 'broken' || err.kind === 'closed'))
      throw err;
    const scanned = { fields: errorFields(root.id, file, (err as Error).message), lyrics: null };
    // The file could not even be opened (vanished mid-scan, unplugged, permission denied): not
    // a fact about its content. A good row is kept as it was (and not counted as unreadable:
    // `tracks --errors` would not list it); a new or failed one is written with an impossible
    // mtime, so the next scan tries again instead of taking it as unchanged.
    const unreachable = file.error ? null : await openProblem(file.path);
    if (unreachable !== null) {
      if (task.knownId !== null && !task.hadError) return { kind: 'kept' };
      scanned.fields.mtimeMs = -1;
    }
    return { kind: 'failed', scanned };
  }
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
