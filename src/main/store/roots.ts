/** Library roots: the folders the person asked Encore to keep in its library. */
import type { Database } from './database';

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

  /** Adds a root (absolute, normalised path) if it is new; returns it either way. */
  async add(path: string): Promise<Root> {
    await this.db.transaction((tx) =>
      tx.run('INSERT INTO roots (path, added_at) VALUES (?, ?) ON CONFLICT(path) DO NOTHING', [
        path,
        Date.now(),
      ]),
    );
    const row = await this.db.reader.get<RootRow>('SELECT * FROM roots WHERE path = ?', [path]);
    if (!row) throw new Error(`root ${path} was not stored`);
    return toRoot(row);
  }

  async list(): Promise<Root[]> {
    const rows = await this.db.reader.all<RootRow>('SELECT * FROM roots ORDER BY path');
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

  /** Forgets a root and every track under it (the person removed the folder from the library). */
  async remove(path: string): Promise<boolean> {
    const result = await this.db.transaction(async (tx) => {
      await tx.run(
        'DELETE FROM track_fts WHERE rowid IN (SELECT t.id FROM tracks t JOIN roots r ON r.id = t.root_id WHERE r.path = ?)',
        [path],
      );
      return tx.run('DELETE FROM roots WHERE path = ?', [path]);
    });
    return result.changes > 0;
  }
}
