/**
 * The folder browser the browser host offers instead of a native dialog (a web page cannot learn
 * a folder's path): the places to start from — the home folder and mounted volumes — and the
 * subfolders of one folder. Folders only, never files; hidden folders left out; a folder that
 * cannot be read is a clear error, not an empty list.
 */
import { existsSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { FolderListing, FolderPlace } from '../../shared/library';
import { expandHome } from './home-path';
import { describeFsError } from './walk';

/** Folders under which removable drives and shares are mounted, per platform. */
const VOLUME_PARENTS: Record<string, string[]> = {
  linux: ['/media', '/mnt', '/run/media'],
  darwin: ['/Volumes'],
};

/** At most this many subfolders are listed: a folder of 100,000 entries stays a quick answer. */
const MAX_FOLDERS = 5000;

const isHidden = (name: string): boolean => name.startsWith('.') && name !== '.';

/**
 * The home folder, then every mounted volume (or drive letter on Windows) that exists now.
 * `volumeParents` are the folders volumes are mounted under (the platform's by default).
 */
export function folderPlaces(
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
  volumeParents: string[] = VOLUME_PARENTS[platform] ?? [],
): FolderPlace[] {
  const places: FolderPlace[] = [{ kind: 'home', label: basename(home) || home, path: home }];
  if (platform === 'win32') {
    for (const letter of 'CDEFGHIJKLMNOPQRSTUVWXYZ') {
      const drive = `${letter}:\\`;
      if (existsSync(drive)) places.push({ kind: 'volume', label: `${letter}:`, path: drive });
    }
    return places;
  }
  for (const parent of volumeParents) {
    for (const entry of safeList(parent)) {
      const path = join(parent, entry.name);
      if (isHidden(entry.name) || !isFolder(entry, path)) continue;
      // /media/<user>/<volume> and /run/media/<user>/<volume>: the user's folder holds the volumes.
      const inner = platform === 'linux' && basename(parent) === 'media' ? safeList(path) : [];
      const volumes = inner.filter((e) => !isHidden(e.name) && isFolder(e, join(path, e.name)));
      if (volumes.length > 0 && entry.name === basename(home)) {
        for (const v of volumes)
          places.push({ kind: 'volume', label: v.name, path: join(path, v.name) });
      } else places.push({ kind: 'volume', label: entry.name, path });
    }
  }
  return places;
}

/**
 * The subfolders of `path` (`~` expanded; the home folder when omitted), sorted by name, with the
 * parent to go up to and the places to jump to. Throws a clear error when `path` is not a
 * readable folder.
 */
export async function browseFolders(path?: string): Promise<FolderListing> {
  const folder = expandHome(path ?? '~');
  let entries: Dirent[];
  try {
    if (!(await stat(folder)).isDirectory()) throw new Error(`${folder} is not a folder`);
    entries = await readdir(folder, { withFileTypes: true });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (!e.code) throw err;
    throw new Error(`cannot open ${folder}: ${describeFsError(e)}`);
  }
  const folders = entries
    .filter((e) => !isHidden(e.name) && isFolder(e, join(folder, e.name)))
    .map((e) => ({ name: e.name, path: join(folder, e.name) }))
    .sort((a, b) =>
      a.name.localeCompare(b.name, undefined, { sensitivity: 'base', numeric: true }),
    );
  const parent = dirname(folder);
  return {
    path: folder,
    parent: parent === folder ? null : parent,
    folders: folders.slice(0, MAX_FOLDERS),
    truncated: folders.length > MAX_FOLDERS,
    places: folderPlaces(),
  };
}

/** A directory, or a link to one (a library on a linked drive is a folder to the person). */
function isFolder(entry: Dirent, path: string): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function safeList(path: string): Dirent[] {
  try {
    return readdirSync(path, { withFileTypes: true });
  } catch {
    return [];
  }
}
