/**
 * Tags guessed from where a file sits, for files whose tags are missing: the usual layout
 * `Artist/Album/NN - Title.ext` (also `Artist - Title.ext`, `NN. Title.ext`, `NN Title.ext`).
 */
import { basename, dirname, extname, relative, sep } from 'node:path';

export interface PathTags {
  title: string;
  artist: string | null;
  album: string | null;
  trackNo: number | null;
}

/** Reads title, artist, album and track number from `path`, relative to its library `root`. */
export function tagsFromPath(path: string, root: string): PathTags {
  const stem = basename(path, extname(path)).trim();
  const folders = dirname(relative(root, path))
    .split(sep)
    .filter((p) => p && p !== '.');
  const album = folders.length >= 1 ? folders[folders.length - 1] : null;
  let artist = folders.length >= 2 ? folders[folders.length - 2] : null;
  let title = stem;
  let trackNo: number | null = null;

  // "03 - Title", "03. Title", "03 Title", "1-03 Title" (disc-track)
  const numbered = /^(?:\d{1,2}-)?(\d{1,3})(?:\s*[-._)]\s*|\s+)(.+)$/.exec(stem);
  if (numbered) {
    trackNo = Number(numbered[1]);
    title = numbered[2].trim();
  }
  // "Artist - Title" when the folders did not name an artist
  const dashed = / - /.exec(title);
  if (dashed && !artist) {
    artist = title.slice(0, dashed.index).trim();
    title = title.slice(dashed.index + 3).trim();
  }
  return { title: title || stem, artist, album, trackNo };
}
