/**
 * M3U8 playlists (UTF-8 M3U with #EXTINF lines), as every player reads and writes them: writing
 * with absolute paths or paths relative to a folder, and reading entries back to library tracks
 * — absolute paths, file:// URLs, paths relative to the playlist's folder when it is known, and
 * otherwise by the end of the path, so a playlist written on another machine or under another
 * mount point still finds the same files. Entries that match nothing are returned, never dropped.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TrackId } from '../../shared/library';

export interface M3uEntry {
  path: string;
  title: string;
  artist: string;
  /** Seconds, or null when unknown (written as -1, M3U's "unknown"). */
  durationS: number | null;
}

/** The text of an M3U8 file; `relativeTo`: write paths relative to this folder where they are in it. */
export function writeM3u8(name: string, entries: readonly M3uEntry[], relativeTo?: string): string {
  const lines = ['#EXTM3U', `#PLAYLIST:${oneLine(name)}`];
  for (const e of entries) {
    const seconds = e.durationS === null ? -1 : Math.round(e.durationS);
    const label = [e.artist, e.title].filter(Boolean).join(' - ');
    lines.push(`#EXTINF:${seconds},${oneLine(label)}`, pathFor(e.path, relativeTo));
  }
  return `${lines.join('\n')}\n`;
}

function pathFor(path: string, base: string | undefined): string {
  if (!base) return path;
  const rel = relative(base, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split('\\').join('/') : path;
}

const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ');

/** The file entries of an M3U/M3U8 text, in order (comments, directives and blank lines skipped). */
export function parseM3u8(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** A path with forward slashes and without ./ and ../ steps at its start, for suffix matching. */
function normalise(path: string): string {
  return path
    .split('\\')
    .join('/')
    .replace(/^(\.\.?\/)+/, '');
}

function entryPath(entry: string): string {
  if (/^file:\/\//i.test(entry)) {
    try {
      return fileURLToPath(entry);
    } catch {
      return entry;
    }
  }
  return entry;
}

/**
 * The library tracks for `entries`, in order, and the entries that match none. `baseDir`: the
 * folder the playlist file is in, when known (relative entries are resolved from it first).
 */
export function matchEntries(
  entries: readonly string[],
  tracks: readonly { id: TrackId; path: string }[],
  baseDir?: string,
): { ids: TrackId[]; notFound: string[] } {
  const byPath = new Map<string, TrackId>();
  const byName = new Map<string, { id: TrackId; segments: string[] }[]>();
  for (const t of tracks) {
    const p = normalise(t.path);
    byPath.set(p, t.id);
    const segments = p.split('/').filter(Boolean);
    const name = segments.at(-1) ?? '';
    byName.set(name, [...(byName.get(name) ?? []), { id: t.id, segments }]);
  }
  const ids: TrackId[] = [];
  const notFound: string[] = [];
  for (const entry of entries) {
    const path = entryPath(entry);
    const id =
      byPath.get(normalise(path)) ??
      (baseDir && !isAbsolute(path) ? byPath.get(normalise(resolve(baseDir, path))) : undefined) ??
      bySuffix(normalise(path), byName);
    if (id === undefined) notFound.push(entry);
    else ids.push(id);
  }
  return { ids, notFound };
}

/**
 * The track whose path ends the same way as `path`, by whole segments: the file name and at least
 * its folder when the entry has one, the longest common ending winning; a bare file name only
 * when exactly one track has it ("01 - Intro.mp3" could be any album's).
 */
function bySuffix(
  path: string,
  byName: Map<string, { id: TrackId; segments: string[] }[]>,
): TrackId | undefined {
  const segments = path.split('/').filter(Boolean);
  const candidates = byName.get(segments.at(-1) ?? '') ?? [];
  const needed = Math.min(2, segments.length);
  // A bare file name is a guess: taken only when one track has it.
  if (needed < 2 && candidates.length !== 1) return undefined;
  let best: { id: TrackId; common: number } | undefined;
  for (const c of candidates) {
    let common = 0;
    while (
      common < segments.length &&
      common < c.segments.length &&
      segments[segments.length - 1 - common] === c.segments[c.segments.length - 1 - common]
    )
      common++;
    if (common >= needed && (!best || common > best.common)) best = { id: c.id, common };
  }
  return best?.id;
}
