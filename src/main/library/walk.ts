/**
 * Walks a library root: every audio file with its size and mtime, the cover images found in
 * folders, and the folders that could not be read (so their tracks are marked missing, never
 * deleted). Follows symlinks, but visits each real folder once, so a symlink loop ends. Hidden
 * folders (.Trash, .git, …) are skipped.
 */
import { opendir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Stats } from 'node:fs';
import { isAudioPath, isFolderImageName, isLyricsSidecarName } from './formats';

export interface WalkedFile {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface WalkResult {
  files: WalkedFile[];
  /** Folder → its cover image file (cover.jpg, folder.png, …) when it has one. */
  folderImages: Map<string, string>;
  /** Lyric sidecars (.lrc, .txt) by their path without extension, lower-cased. */
  sidecars: Map<string, string[]>;
  /** Folders that exist but could not be listed (permission denied, I/O error), with why. */
  unreadable: { path: string; error: string }[];
}

export interface WalkOptions {
  signal?: AbortSignal;
  /** Called every few hundred files with the count so far. */
  onProgress?: (seen: number, currentPath: string) => void;
}

/** Directory listings in flight at once: enough to keep a disk busy, few enough for a share. */
const DIR_CONCURRENCY = 8;
/** stat() calls in flight at once per folder. */
const STAT_CONCURRENCY = 32;
/** Guards against pathological nesting (and names that grow with a symlink cycle). */
const MAX_DEPTH = 64;

export async function walk(root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const result: WalkResult = {
    files: [],
    folderImages: new Map(),
    sidecars: new Map(),
    unreadable: [],
  };
  const visited = new Set<string>();
  const queue: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  let active = 0;
  let lastReport = 0;

  await new Promise<void>((resolve, reject) => {
    const pump = (): void => {
      if (options.signal?.aborted) {
        if (active === 0) reject(options.signal.reason ?? new Error('aborted'));
        return;
      }
      while (active < DIR_CONCURRENCY && queue.length > 0) {
        const next = queue.pop() as { dir: string; depth: number };
        active++;
        listDir(next.dir, next.depth)
          .catch((err: NodeJS.ErrnoException) => {
            result.unreadable.push({ path: next.dir, error: describeFsError(err) });
          })
          .finally(() => {
            active--;
            if (options.onProgress && result.files.length - lastReport >= 500) {
              lastReport = result.files.length;
              options.onProgress(result.files.length, next.dir);
            }
            pump();
          });
      }
      if (active === 0 && queue.length === 0) resolve();
    };

    const listDir = async (dir: string, depth: number): Promise<void> => {
      const dirStat = await stat(dir);
      const key = `${dirStat.dev}:${dirStat.ino}`;
      if (visited.has(key) || depth > MAX_DEPTH) return;
      visited.add(key);
      const handle = await opendir(dir, { bufferSize: 256 });
      const toStat: string[] = [];
      for await (const entry of handle) {
        const full = join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!entry.name.startsWith('.')) queue.push({ dir: full, depth: depth + 1 });
        } else if (entry.isFile()) {
          if (isAudioPath(entry.name)) toStat.push(full);
          else if (isLyricsSidecarName(entry.name)) addSidecar(full);
          else if (isFolderImageName(entry.name) && !result.folderImages.has(dir))
            result.folderImages.set(dir, full);
        } else if (entry.isSymbolicLink()) {
          await followLink(full, depth);
        }
      }
      await statAll(toStat);
    };

    const followLink = async (link: string, depth: number): Promise<void> => {
      let target: Stats;
      try {
        target = await stat(link);
      } catch {
        return; // a dangling link is not a file of the library
      }
      if (target.isDirectory()) queue.push({ dir: link, depth: depth + 1 });
      else if (target.isFile() && isAudioPath(link)) addFile(link, target);
    };

    const statAll = async (paths: string[]): Promise<void> => {
      for (let i = 0; i < paths.length; i += STAT_CONCURRENCY) {
        const slice = paths.slice(i, i + STAT_CONCURRENCY);
        const stats = await Promise.allSettled(slice.map((p) => stat(p)));
        stats.forEach((s, j) => {
          // A file that vanished between listing and stat is simply not there.
          if (s.status === 'fulfilled') addFile(slice[j], s.value);
        });
      }
    };

    const addSidecar = (path: string): void => {
      const key = path.slice(0, path.lastIndexOf('.')).toLowerCase();
      const list = result.sidecars.get(key);
      if (list) list.push(path);
      else result.sidecars.set(key, [path]);
    };

    const addFile = (path: string, s: Stats): void => {
      result.files.push({ path, size: s.size, mtimeMs: Math.trunc(s.mtimeMs) });
    };

    pump();
  });
  return result;
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
