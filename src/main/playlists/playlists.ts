/**
 * The person's playlists, as a service over the store: create, rename, delete, add and remove
 * tracks, reorder, and M3U8 export and import. Names are trimmed and must not be empty; tracks
 * that are not in the library are refused on add and reported (never silently dropped) on import.
 * Knows nothing of IPC: a missing playlist is `null` / `false` for the caller to report.
 */
import type { Store } from '../store/index';
import type { TrackId } from '../../shared/library';
import type { Playlist, PlaylistImport, PlaylistSummary } from '../../shared/playlists';
import { matchEntries, parseM3u8, writeM3u8 } from './m3u8';
import { moveItem } from '../../shared/order';

/** A name people can see: trimmed, not empty. */
function cleanName(name: string): string {
  const clean = name.trim();
  if (!clean) throw new Error('A playlist needs a name.');
  return clean;
}

export class Playlists {
  /**
   * Edits read a playlist and write it back, so two at once would lose one: they run one after
   * another (the engine is the only writer, so an in-process chain is enough).
   */
  private editing: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: Store) {}

  list(): Promise<PlaylistSummary[]> {
    return this.store.playlists.list();
  }

  async get(id: number): Promise<Playlist | null> {
    return (await this.store.playlists.get(id)) ?? null;
  }

  /** A new playlist holding `trackIds` (those in the library), in order. */
  async create(name: string, trackIds: readonly TrackId[] = []): Promise<Playlist> {
    const ids = await this.known(trackIds);
    const id = await this.store.playlists.create(cleanName(name), ids);
    return this.must(id);
  }

  async rename(id: number, name: string): Promise<Playlist | null> {
    return (await this.store.playlists.rename(id, cleanName(name))) ? this.get(id) : null;
  }

  delete(id: number): Promise<boolean> {
    return this.store.playlists.remove(id);
  }

  /** Adds tracks at `at` (default the end). */
  async add(id: number, trackIds: readonly TrackId[], at?: number): Promise<Playlist | null> {
    return this.edit(id, async (list) => {
      const ids = await this.known(trackIds);
      const where = Math.max(0, Math.min(at ?? list.length, list.length));
      return [...list.slice(0, where), ...ids, ...list.slice(where)];
    });
  }

  /** Removes the entries at `positions` (0-based). */
  removeAt(id: number, positions: readonly number[]): Promise<Playlist | null> {
    const drop = new Set(positions);
    return this.edit(id, async (list) => list.filter((_, i) => !drop.has(i)));
  }

  /** Moves the entry at `from` to `to`. */
  move(id: number, from: number, to: number): Promise<Playlist | null> {
    return this.edit(id, async (list) =>
      from >= 0 && from < list.length && to >= 0 && to < list.length
        ? moveItem(list, from, to)
        : list,
    );
  }

  /**
   * The playlist as M3U8 text: absolute paths, or paths relative to the library folder that
   * holds each track (the file then belongs in that folder; tracks outside it stay absolute).
   */
  async exportM3u8(id: number, paths: 'absolute' | 'relative'): Promise<string | null> {
    const playlist = await this.get(id);
    if (!playlist) return null;
    const tracks = new Map(
      (await this.store.tracks.getMany(playlist.trackIds)).map((t) => [t.id, t]),
    );
    const base =
      paths === 'relative' ? await this.commonRoot(playlist.trackIds, tracks) : undefined;
    const entries = playlist.trackIds.flatMap((tid) => {
      const t = tracks.get(tid);
      return t ? [{ path: t.path, title: t.title, artist: t.artist, durationS: t.durationS }] : [];
    });
    return writeM3u8(playlist.name, entries, base);
  }

  /**
   * A new playlist from M3U8 text; `baseDir`: the folder the file was in, when known. Entries
   * that match no library track are listed in `notFound`.
   */
  async importM3u8(name: string, text: string, baseDir?: string): Promise<PlaylistImport> {
    const { ids, notFound } = matchEntries(
      parseM3u8(text),
      await this.store.playlists.allPaths(),
      baseDir,
    );
    return { playlist: await this.create(name, ids), notFound };
  }

  /** The library folder holding the first track (relative exports are relative to it). */
  private async commonRoot(
    ids: readonly TrackId[],
    tracks: Map<TrackId, { path: string }>,
  ): Promise<string | undefined> {
    const roots = (await this.store.roots.list()).map((r) => r.path);
    const first = ids.map((i) => tracks.get(i)?.path).find((p) => p !== undefined);
    return first ? roots.find((r) => first.startsWith(r.endsWith('/') ? r : `${r}/`)) : undefined;
  }

  private async known(ids: readonly TrackId[]): Promise<TrackId[]> {
    const present = new Set((await this.store.tracks.getMany([...new Set(ids)])).map((t) => t.id));
    return ids.filter((i) => present.has(i));
  }

  private edit(
    id: number,
    change: (list: TrackId[]) => Promise<TrackId[]>,
  ): Promise<Playlist | null> {
    const run = async (): Promise<Playlist | null> => {
      const playlist = await this.get(id);
      if (!playlist) return null;
      const next = await change(playlist.trackIds);
      return (await this.store.playlists.setTracks(id, next)) ? this.get(id) : null;
    };
    const result = this.editing.then(run, run);
    this.editing = result.catch(() => undefined);
    return result;
  }

  private async must(id: number): Promise<Playlist> {
    const p = await this.get(id);
    if (!p) throw new Error('playlist vanished');
    return p;
  }
}
