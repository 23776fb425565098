/** The person's playlists as the engine and every UI see them. */
import type { TrackId } from './library';

export interface PlaylistSummary {
  id: number;
  name: string;
  trackCount: number;
  /** Unix ms. */
  updatedAt: number;
}

export interface Playlist {
  id: number;
  name: string;
  /** Unix ms. */
  updatedAt: number;
  /** In play order; a track may appear more than once. */
  trackIds: TrackId[];
}

/** What an M3U8 import made: the playlist, and the entries that are not in the library. */
export interface PlaylistImport {
  playlist: Playlist;
  /** The entries (as written in the file) that match no track of the library, in file order. */
  notFound: string[];
}
