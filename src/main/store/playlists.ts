/**
 * The playlists' repository: the person's named, ordered track lists (table playlists and
 * playlist_tracks), and the track paths that M3U8 import and export need.
 */
import type { Database, Tx } from './database';
import type { TrackId } from '../../shared/library';
import type { Playlist, PlaylistSummary } from '../../shared/playlists';

interface PlaylistRow {
  id: number;
  name: string;
  track_count: number;
  updated_at: number;
}

export class PlaylistRepository {
  constructor(private readonly db: Database) {}

  /** Every playlist, by name. */
  async list(): Promise<PlaylistSummary[]> {
    const rows = await this.db.reader.all<PlaylistRow>(
      `SELECT p.id, p.name, p.updated_at, COUNT(pt.track_id) AS track_count
       FROM playlists p LEFT JOIN playlist_tracks pt ON pt.playlist_id = p.id
       GROUP BY p.id ORDER BY p.name COLLATE NOCASE, p.id`,
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      trackCount: r.track_count,
      updatedAt: r.updated_at,
    }));
  }

  async get(id: number): Promise<Playlist | undefined> {
    const row = await this.db.reader.get<{ id: number; name: string; updated_at: number }>(
      'SELECT id, name, updated_at FROM playlists WHERE id = ?',
      [id],
    );
    if (!row) return undefined;
    const tracks = await this.db.reader.all<{ track_id: TrackId }>(
      'SELECT track_id FROM playlist_tracks WHERE playlist_id = ? ORDER BY position',
      [id],
    );
    return {
      id: row.id,
      name: row.name,
      updatedAt: row.updated_at,
      trackIds: tracks.map((t) => t.track_id),
    };
  }

  /** Creates a playlist holding `trackIds` in order; resolves with its id. */
  async create(name: string, trackIds: readonly TrackId[], now = Date.now()): Promise<number> {
    return this.db.transaction(async (tx) => {
      const row = await tx.get<{ id: number }>(
        'INSERT INTO playlists (name, created_at, updated_at) VALUES (?, ?, ?) RETURNING id',
        [name, now, now],
      );
      if (!row) throw new Error('playlist was not stored');
      await writeTracks(tx, row.id, trackIds);
      return row.id;
    });
  }

  /** False when there is no such playlist. */
  async rename(id: number, name: string, now = Date.now()): Promise<boolean> {
    const r = await this.db.transaction((tx) =>
      tx.run('UPDATE playlists SET name = ?, updated_at = ? WHERE id = ?', [name, now, id]),
    );
    return r.changes > 0;
  }

  /** Replaces the playlist's tracks with `trackIds`, in order; false when there is no such playlist. */
  async setTracks(id: number, trackIds: readonly TrackId[], now = Date.now()): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const r = await tx.run('UPDATE playlists SET updated_at = ? WHERE id = ?', [now, id]);
      if (r.changes === 0) return false;
      await tx.run('DELETE FROM playlist_tracks WHERE playlist_id = ?', [id]);
      await writeTracks(tx, id, trackIds);
      return true;
    });
  }

  async remove(id: number): Promise<boolean> {
    const r = await this.db.transaction((tx) => tx.run('DELETE FROM playlists WHERE id = ?', [id]));
    return r.changes > 0;
  }

  /** Every track's file, for matching the entries of an imported playlist. */
  allPaths(): Promise<{ id: TrackId; path: string }[]> {
    return this.db.reader.all('SELECT id, path FROM tracks');
  }
}

async function writeTracks(tx: Tx, id: number, trackIds: readonly TrackId[]): Promise<void> {
  for (const [position, trackId] of trackIds.entries()) {
    await tx.run('INSERT INTO playlist_tracks (playlist_id, position, track_id) VALUES (?, ?, ?)', [
      id,
      position,
      trackId,
    ]);
  }
}
