/** Cover rows: one per distinct image (content hash), shared by every track of an album. */
import type { Database } from './database';
import type { TrackId } from '../../shared/library';

export interface CoverRow {
  id: number;
  hash: string;
  mime: string;
  bytes: number;
}

export class CoverRepository {
  constructor(private readonly db: Database) {}

  /** Records images by hash (known ones are only touched), in one transaction; returns hash → id. */
  async putMany(
    images: { hash: string; mime: string; bytes: number }[],
  ): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    if (images.length === 0) return ids;
    const now = Date.now();
    await this.db.transaction(async (tx) => {
      for (const { hash, mime, bytes } of images) {
        const row = await tx.get<{ id: number }>(
          `INSERT INTO covers (hash, mime, bytes, last_used_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(hash) DO UPDATE SET last_used_at = excluded.last_used_at RETURNING id`,
          [hash, mime, bytes, now],
        );
        if (row) ids.set(hash, row.id);
      }
    });
    return ids;
  }

  async byHash(hash: string): Promise<CoverRow | undefined> {
    return this.db.reader.get<CoverRow>('SELECT id, hash, mime, bytes FROM covers WHERE hash = ?', [
      hash,
    ]);
  }

  /** Albums that have a cover: their album artist (else artist), album and cover id. */
  async albumCovers(): Promise<{ albumArtist: string; album: string; coverId: number }[]> {
    return this.db.reader.all<{ albumArtist: string; album: string; coverId: number }>(
      `SELECT COALESCE(album_artist, artist, '') AS albumArtist, COALESCE(album, '') AS album, MAX(cover_id) AS coverId
       FROM tracks WHERE cover_id IS NOT NULL GROUP BY album_artist, artist, album`,
    );
  }

  /** Points tracks at a cover. */
  async link(coverId: number, trackIds: TrackId[]): Promise<void> {
    if (trackIds.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (let i = 0; i < trackIds.length; i += 500) {
        const chunk = trackIds.slice(i, i + 500);
        await tx.run(
          `UPDATE tracks SET cover_id = ? WHERE id IN (${chunk.map(() => '?').join(',')})`,
          [coverId, ...chunk],
        );
      }
    });
  }

  /** Deletes cover rows no track uses, oldest first, and those beyond `maxBytes` in total; returns their hashes. */
  async prune(maxBytes: number): Promise<{ hash: string; mime: string }[]> {
    return this.db.transaction(async (tx) => {
      const unused = await tx.all<{ id: number; hash: string; mime: string }>(
        'SELECT id, hash, mime FROM covers WHERE id NOT IN (SELECT cover_id FROM tracks WHERE cover_id IS NOT NULL)',
      );
      const over = await tx.all<{ id: number; hash: string; mime: string; running: number }>(
        `SELECT id, hash, mime, SUM(bytes) OVER (ORDER BY last_used_at DESC, id DESC) AS running FROM covers`,
      );
      const doomed = [...unused, ...over.filter((r) => r.running > maxBytes)];
      for (const row of doomed) await tx.run('DELETE FROM covers WHERE id = ?', [row.id]);
      return doomed.map(({ hash, mime }) => ({ hash, mime }));
    });
  }
}
