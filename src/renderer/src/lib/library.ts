/**
 * The library as the views see it: every track's summary row, loaded once through the bridge and
 * reloaded when the engine says the library changed. Albums and artists are derived from it.
 * Nothing here is kept anywhere else: it is all rebuilt from the store on start.
 */
import type { Bridge } from '../../../shared/bridge';
import type { TrackSummary } from '../../../shared/contract';
import type { TrackId } from '../../../shared/library';

export interface Album {
  key: string;
  title: string;
  artist: string;
  year: number | null;
  coverHash: string | null;
  tracks: TrackSummary[];
}

export interface Artist {
  name: string;
  tracks: TrackSummary[];
  albums: number;
}

export interface LibrarySnapshot {
  tracks: readonly TrackSummary[];
  loaded: boolean;
  /** Bumped on every reload, so derived views can memoise on it. */
  version: number;
}

export class LibraryModel {
  private state: LibrarySnapshot = { tracks: [], loaded: false, version: 0 };
  private byId = new Map<TrackId, TrackSummary>();
  private readonly listeners = new Set<() => void>();
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly bridge: Bridge) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): LibrarySnapshot => this.state;

  get(id: TrackId): TrackSummary | undefined {
    return this.byId.get(id);
  }

  async load(): Promise<void> {
    const tracks = await this.bridge.invoke('library.tracks', { sort: 'artist' });
    this.byId = new Map(tracks.map((t) => [t.id, t]));
    this.state = { tracks, loaded: true, version: this.state.version + 1 };
    for (const listener of this.listeners) listener();
  }

  /**
   * Reloads soon; several changes in a burst (a scan's batches) cause one reload. Throttled, not
   * debounced: a long first scan sends a batch every fraction of a second, and its tracks must
   * show while it runs, not only after the last batch.
   */
  reloadSoon(): void {
    if (this.reloadTimer) return;
    // 300 ms: scan batches arrive faster than that; the person still sees new tracks promptly.
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      void this.load();
    }, 300);
  }
}

/** The key of a track's album (album artist and title), as albumsOf groups them. */
export function albumKeyOf(t: Pick<TrackSummary, 'albumArtist' | 'artist' | 'album'>): string {
  return `${(t.albumArtist || t.artist).toLowerCase()}\u0000${t.album.toLowerCase()}`;
}

/** Albums by album artist and title, in the library's order. */
export function albumsOf(tracks: readonly TrackSummary[]): Album[] {
  const map = new Map<string, Album>();
  for (const t of tracks) {
    const artist = t.albumArtist || t.artist;
    const key = albumKeyOf(t);
    let album = map.get(key);
    if (!album) {
      album = { key, title: t.album, artist, year: t.year, coverHash: t.coverHash, tracks: [] };
      map.set(key, album);
    }
    album.coverHash ??= t.coverHash;
    album.tracks.push(t);
  }
  const albums = [...map.values()];
  for (const a of albums)
    a.tracks.sort(
      (x, y) => (x.discNo ?? 0) - (y.discNo ?? 0) || (x.trackNo ?? 0) - (y.trackNo ?? 0),
    );
  return albums;
}

export function artistsOf(tracks: readonly TrackSummary[]): Artist[] {
  const map = new Map<string, { name: string; tracks: TrackSummary[]; albums: Set<string> }>();
  for (const t of tracks) {
    const key = t.artist.toLowerCase();
    let a = map.get(key);
    if (!a) {
      a = { name: t.artist, tracks: [], albums: new Set() };
      map.set(key, a);
    }
    a.tracks.push(t);
    a.albums.add(t.album.toLowerCase());
  }
  return [...map.values()]
    .map((a) => ({ name: a.name, tracks: a.tracks, albums: a.albums.size }))
    .sort((x, y) => (x.name.toLowerCase() < y.name.toLowerCase() ? -1 : 1));
}

export type SortKey = 'title' | 'artist' | 'album' | 'year' | 'duration';

/** A sorted copy; plain comparisons on lower-cased keys keep 100,000 rows fast. */
export function sortTracks(
  tracks: readonly TrackSummary[],
  key: SortKey,
  desc: boolean,
): TrackSummary[] {
  const value = (t: TrackSummary): string | number => {
    switch (key) {
      case 'year':
        return t.year ?? 0;
      case 'duration':
        return t.durationS ?? 0;
      default:
        return t[key].toLowerCase();
    }
  };
  const keyed = tracks.map((t) => ({ t, v: value(t) }));
  keyed.sort((a, b) => (a.v < b.v ? -1 : a.v > b.v ? 1 : 0));
  const out = keyed.map((k) => k.t);
  return desc ? out.reverse() : out;
}

/** "3:07" from seconds; "" when unknown. */
export function formatTime(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '';
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
