/**
 * Walks a library root: every audio file with its size and mtime (and whether a lyric sidecar
 * sits beside it), the cover images found in folders, and the folders that could not be read (so
 * their tracks are marked missing, never deleted), handed on in chunks of whole folders. Follows symlinks, but visits each real folder (device + inode) once, so
 * a symlink loop ends, and only into the library: a link (to a folder or a file) whose real path
 * lies outside every library root is reported, not followed, since the media responder would
 * refuse to play what it leads to (real-roots.ts). Hidden folders (.Trash, .git, …) are skipped.
 *
 * Synchronous on purpose: it runs in its own worker thread (walk-worker.ts), where blocking calls
 * cost nothing and are several times faster than a promise per stat() through libuv's pool.
 */
import { existsSync, readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join } from 'node:path';
import { isAudioPath, isFolderImageName, isLyricsSidecarName } from './formats';
import { insideAny, realpathOrNull } from './real-roots';

export interface WalkedFile {
  path: string;
  size: number;
  mtimeMs: number;
  /** A lyric sidecar (.lrc, .txt) of the same name sits beside it. */
  hasSidecar: boolean;
  /** Set when the file cannot be read under this path (its name is not valid UTF-8). */
  error?: string;
}

/**
 * One part of a walk: the files of whole folders (a file's sidecar and cover image are in the
 * same part as the file), so a scan can read them while the walk goes on.
 */
export interface WalkChunk {
  files: WalkedFile[];
  /** Folder → its cover image file (cover.jpg, folder.png, …) when it has one. */
  folderImages: [folder: string, image: string][];
  /** Folders that exist but could not be listed (permission denied, I/O error), with why. */
  unreadable: { path: string; error: string }[];
  /** Links (and a start folder reached through one) whose real path is outside every root. */
  outside: { path: string; target: string }[];
}

export interface WalkHooks {
  /** Called with each chunk: about CHUNK_FILES files, whole folders, and finally what is left. */
  onChunk(chunk: WalkChunk): void;
  /** Called every few hundred files with the count so far and the folder being read. */
  onProgress?: (seen: number, currentPath: string) => void;
  /** Polled between folders; true stops the walk (its result is then incomplete). */
  shouldStop?: () => boolean;
}

/** Guards against pathological nesting. */
const MAX_DEPTH = 64;
/** Files between progress reports. */
const REPORT_EVERY = 500;
/**
 * Files per chunk: small enough that a 100,000-file walk is never held (or cloned between
 * threads) at once, large enough that a message costs little next to the files in it.
 */
export const CHUNK_FILES = 500;

const emptyChunk = (): WalkChunk => ({ files: [], folderImages: [], unreadable: [], outside: [] });

/**
 * Walks `root` (a library root or a folder inside one); `realRoots` are the real paths of all the
 * library's roots, the places links may lead to. Returns the number of audio files found.
 */
export function walkSync(root: string, realRoots: readonly string[], hooks: WalkHooks): number {
  let chunk = emptyChunk();
  let seen = 0;
  const send = (): void => {
    hooks.onChunk(chunk);
    chunk = emptyChunk();
  };
  // A folder handed in by the watcher may itself lie below a link that leads out.
  const realStart = realpathOrNull(root);
  if (realStart !== null && !insideAny(realRoots, realStart)) {
    chunk.outside.push({ path: root, target: realStart });
    send();
    return 0;
  }
  const visited = new Set<string>();
  const stack: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  let nextReport = REPORT_EVERY;

  while (stack.length > 0) {
    if (hooks.shouldStop?.()) break;
    const { dir, depth } = stack.pop() as { dir: string; depth: number };
    let entries: Dirent[];
    try {
      const s = statSync(dir);
      const key = `${s.dev}:${s.ino}`;
      if (visited.has(key)) continue;
      if (depth > MAX_DEPTH) {
        chunk.unreadable.push({ path: dir, error: `nested more than ${MAX_DEPTH} folders deep` });
        continue;
      }
      visited.add(key);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      chunk.unreadable.push({ path: dir, error: describeFsError(err as NodeJS.ErrnoException) });
      continue;
    }
    const files = listFolder(dir, entries, depth, realRoots, stack, chunk);
    seen += files.length;
    for (const f of files) chunk.files.push(f);
    if (hooks.onProgress && seen >= nextReport) {
      nextReport = seen + REPORT_EVERY;
      hooks.onProgress(seen, dir);
    }
    if (chunk.files.length >= CHUNK_FILES) send();
  }
  send();
  return seen;
}

/**
 * The audio files of one listed folder (each told whether it has a lyric sidecar); its subfolders
 * go on `stack`, its cover image and links out into `chunk`.
 */
function listFolder(
  dir: string,
  entries: Dirent[],
  depth: number,
  realRoots: readonly string[],
  stack: { dir: string; depth: number }[],
  chunk: WalkChunk,
): WalkedFile[] {
  const files: WalkedFile[] = [];
  const sidecars = new Set<string>();
  let image: string | null = null;
  // A name that is not UTF-8 comes back with U+FFFD and cannot be opened by that string.
  if (entries.some((e) => e.name.includes('\uFFFD'))) addUndecodable(files, dir);
  for (const entry of entries) {
    if (entry.name.includes('\uFFFD') && !existsSync(join(dir, entry.name))) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!isHiddenName(entry.name)) stack.push({ dir: full, depth: depth + 1 });
    } else if (entry.isFile()) {
      if (isAudioPath(entry.name)) addFile(files, full, statOrNull(full));
      else if (isLyricsSidecarName(entry.name)) sidecars.add(stemOf(full));
      else if (isFolderImageName(entry.name)) image ??= full;
    } else if (entry.isSymbolicLink()) {
      const target = statOrNull(full); // a dangling link is not part of the library
      const isDir = target?.isDirectory() ?? false;
      if (!isDir && !(target?.isFile() && isAudioPath(full))) continue;
      const real = realpathOrNull(full);
      if (real === null) continue; // vanished since the stat
      if (!insideAny(realRoots, real)) chunk.outside.push({ path: full, target: real });
      else if (isDir) stack.push({ dir: full, depth: depth + 1 });
      else addFile(files, full, target);
    }
  }
  if (image !== null) chunk.folderImages.push([dir, image]);
  if (sidecars.size > 0) for (const f of files) f.hasSidecar = sidecars.has(stemOf(f.path));
  return files;
}

/** A file's path without its extension, lower-cased: how a lyric sidecar is matched to it. */
function stemOf(path: string): string {
  return path.slice(0, path.lastIndexOf('.')).toLowerCase();
}

/** .Trash, .git, .cache — but not an album called "...And Justice for All". */
function isHiddenName(name: string): boolean {
  return name.length > 1 && name[0] === '.' && name[1] !== '.';
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null; // vanished between listing and stat, or unreadable: not there for us
  }
}

function addFile(files: WalkedFile[], path: string, s: Stats | null): void {
  if (s) files.push({ path, size: s.size, mtimeMs: Math.trunc(s.mtimeMs), hasSidecar: false });
}

/** The name that the person sees for a file is not UTF-8: a raw byte sequence. */
export const UNDECODABLE_NAME =
  'file name is not valid UTF-8 (an old or foreign encoding): rename the file to add it';

/**
 * Lists `dir` again as raw bytes and records its audio files whose names are not UTF-8, as files
 * with an error (under the U+FFFD spelling of the name), so they are reported, not lost.
 */
function addUndecodable(files: WalkedFile[], dir: string): void {
  let raw: Dirent<Buffer>[];
  try {
    raw = readdirSync(dir, { withFileTypes: true, encoding: 'buffer' });
  } catch {
    return;
  }
  for (const entry of raw) {
    const name = entry.name.toString('utf8');
    // Valid UTF-8 names (even ones spelling U+FFFD itself) are listed by the normal walk.
    if (Buffer.from(name).equals(entry.name) || !isAudioPath(name)) continue;
    const full = Buffer.concat([Buffer.from(`${dir}/`), entry.name]);
    let s: Stats;
    try {
      s = statSync(full);
    } catch {
      continue;
    }
    if (!s.isFile()) continue;
    files.push({
      path: join(dir, name),
      size: s.size,
      mtimeMs: Math.trunc(s.mtimeMs),
      hasSidecar: false,
      error: UNDECODABLE_NAME,
    });
  }
}

/** A link out of the library as the scan summary tells it (beside the unreadable folders). */
export function outsideEntry(o: { path: string; target: string }): { path: string; error: string } {
  return {
    path: o.path,
    error: `it leads to ${o.target}, outside the library folders (add that folder to include it)`,
  };
}

/** A short, human reason for a file-system error. */
export function describeFsError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'not found';
    case 'ENOTDIR':
      return 'not a folder';
    case 'EIO':
      return 'input/output error (failing disk or network share?)';
    case 'ELOOP':
      return 'too many symbolic links';
    default:
      return err.code ? `${err.code}: ${err.message}` : err.message;
  }
}
