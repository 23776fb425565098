/** Library roots: the folders the person asked Encore to keep in its library. */
import type { Database } from './database';
import type { RootUsage, TrackId } from '../../shared/library';

export type { RootUsage };

export type RootStatus = 'ok' | 'missing' | 'unreadable';

export interface Root {
  id: number;
  path: string;
  status: RootStatus;
  addedAt: number;
  lastScanAt: number | null;
}

interface RootRow {
  id: number;
  path: string;
  status: RootStatus;
  added_at: number;
  last_scan_at: number | null;
}

const toRoot = (r: RootRow): Root => ({
  id: r.id,
  path: r.path,
  status: r.status,
  addedAt: r.added_at,
  lastScanAt: r.last_scan_at,
});

export class RootRepository {
  constructor(private readonly db: Database) {}

  /**
   * Adds a root (absolute, normalised path) if it is new; returns it either way. A root removed
   * earlier (and not yet purged) comes back with its tracks' ids, history and feedback: `restored`
   * lists those tracks (still marked missing until the next scan sees their files).
   */
  async add(path: string): Promise<Root & { restored: TrackId[] }> {
    const restored = await this.db.transaction(async (tx) => {
      await tx.run(
        'INSERT INTO roots (path, added_at) VALUES (?, ?) ON CONFLICT(path) DO NOTHING',
        [path, Date.now()],
      );
      const removed = await tx.get<{ id: number }>(
        'SELECT id FROM roots WHERE path = ? AND removed_at IS NOT NULL',
        [path],
      );
      if (!removed) return [];
      const ids = await tx.all<{ id: number }>(
        'UPDATE tracks SET removed_at = NULL WHERE root_id = ? AND removed_at IS NOT NULL RETURNING id',
        [removed.id],
      );
      await tx.run('UPDATE roots SET removed_at = NULL WHERE id = ?', [removed.id]);
      return ids.map((r) => r.id).sort((a, b) => a - b);
    });
    const row = await this.db.reader.get<RootRow>('SELECT * FROM roots WHERE path = ?', [path]);
    if (!row) throw new Error(`root ${path} was not stored`);
    return { ...toRoot(row), restored };
  }

  /** The roots in the library (removed ones left out). */
  async list(): Promise<Root[]> {
    const rows = await this.db.reader.all<RootRow>(
      'SELECT * FROM roots WHERE removed_at IS NULL ORDER BY path',
    );
    return rows.map(toRoot);
  }

  async setStatus(id: number, status: RootStatus, scannedAt?: number): Promise<void> {
    await this.db.transaction((tx) =>
      tx.run('UPDATE roots SET status = ?, last_scan_at = COALESCE(?, last_scan_at) WHERE id = ?', [
        status,
        scannedAt ?? null,
        id,
      ]),
    );
  }

  /** How many tracks and how much listening history a root in the library holds. */
  async usage(path: string): Promise<RootUsage | undefined> {
    const root = await this.db.reader.get<{ id: number }>(
      'SELECT id FROM roots WHERE path = ? AND removed_at IS NULL',
      [path],
    );
    if (!root) return undefined;
    const row = await this.db.reader.get<{ tracks: number; events: number; plays: number }>(
      `SELECT
         (SELECT COUNT(*) FROM tracks WHERE root_id = $root AND scan_error IS NULL) AS tracks,
         COUNT(f.id) AS events,
         COALESCE(SUM(f.kind = 'play'), 0) AS plays
       FROM feedback_events f JOIN tracks t ON t.id = f.track_id WHERE t.root_id = $root`,
      { $root: root.id },
    );
    return { tracks: row?.tracks ?? 0, events: row?.events ?? 0, plays: row?.plays ?? 0 };
  }

  /**
   * Takes a root out of the library without forgetting it: it and its tracks are marked removed
   * (and the tracks missing, so nothing plays, recommends or analyses them) until it is added
   * back or purged. Returns the tracks taken out, or undefined when the path is no root.
   */
  async remove(path: string, at = Date.now()): Promise<TrackId[] | undefined> {
    return this.db.transaction(async (tx) => {
      const root = await tx.get<{ id: number }>(
        'SELECT id FROM roots WHERE path = ? AND removed_at IS NULL',
        [path],
      );
      if (!root) return undefined;
      await tx.run('UPDATE roots SET removed_at = ? WHERE id = ?', [at, root.id]);
      const ids = await tx.all<{ id: number }>(
        'UPDATE tracks SET removed_at = ?, missing = 1 WHERE root_id = ? RETURNING id',
        [at, root.id],
      );
      return ids.map((r) => r.id).sort((a, b) => a - b);
    });
  }

  /**
   * Forgets, for good, roots removed before `before` (unix ms) and every track under them with
   * their history (the foreign keys cascade). Returns how many roots went.
   */
  async purgeRemoved(before: number): Promise<number> {
    return this.db.transaction(async (tx) => {
      await tx.run(
        `DELETE FROM track_fts WHERE rowid IN (SELECT t.id FROM tracks t JOIN roots r ON r.id = t.root_id
         WHERE r.removed_at IS NOT NULL AND r.removed_at < ?)`,
        [before],
      );
      const result = await tx.run(
        'DELETE FROM roots WHERE removed_at IS NOT NULL AND removed_at < ?',
        [before],
      );
      return result.changes;
    });
  }
}
