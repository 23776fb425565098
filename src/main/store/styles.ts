/**
 * Predicted styles (genres for tracks whose tags lack one, kept apart from the file's own tags and
 * never written back) and style clusters ("Sounds like …") with their member tracks.
 */
import type { Database } from './database';
import { insertRows } from './vectors';
import type { PredictedStyle, StyleCluster } from '../../shared/meaning';
import type { TrackId } from '../../shared/library';

export interface ClusterAssignment {
  trackId: TrackId;
  /** Index into the cluster list passed with it. */
  cluster: number;
  /** Cosine similarity to the cluster centre. */
  similarity: number;
}

export class StyleRepository {
  constructor(private readonly db: Database) {}

  /** Replaces every prediction (a full recompute). */
  async replacePredicted(rows: PredictedStyle[]): Promise<void> {
    const now = Date.now();
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM predicted_styles');
      await insertRows(
        tx,
        'INSERT INTO predicted_styles (track_id, genre, confidence, spaces, updated_at)',
        rows.map((r) => [r.trackId, r.genre, r.confidence, r.spaces.join(','), now]),
      );
    });
  }

  async predicted(trackId: TrackId): Promise<PredictedStyle | undefined> {
    const row = await this.db.reader.get<{ genre: string; confidence: number; spaces: string }>(
      'SELECT genre, confidence, spaces FROM predicted_styles WHERE track_id = ?',
      [trackId],
    );
    if (!row) return undefined;
    return {
      trackId,
      genre: row.genre,
      confidence: row.confidence,
      spaces: row.spaces.split(',') as PredictedStyle['spaces'],
    };
  }

  async countPredicted(): Promise<number> {
    const row = await this.db.reader.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM predicted_styles',
    );
    return row?.n ?? 0;
  }

  /** Replaces all clusters and memberships. Cluster ids become 1…n in the given order. */
  async replaceClusters(
    clusters: Omit<StyleCluster, 'id' | 'examples'>[],
    members: ClusterAssignment[],
  ): Promise<void> {
    const now = Date.now();
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM track_clusters');
      await tx.run('DELETE FROM style_clusters');
      for (const [i, c] of clusters.entries()) {
        await tx.run(
          'INSERT INTO style_clusters (id, name, space, top_genres, size, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
          [i + 1, c.name, c.space, JSON.stringify(c.topGenres), c.size, now],
        );
      }
      await insertRows(
        tx,
        'INSERT INTO track_clusters (track_id, cluster_id, similarity)',
        members.map((m) => [m.trackId, m.cluster + 1, m.similarity]),
      );
    });
  }

  /** Every cluster, largest first, with up to `examples` tracks closest to its centre. */
  async clusters(examples = 3): Promise<StyleCluster[]> {
    const rows = await this.db.reader.all<{
      id: number;
      name: string;
      space: string;
      top_genres: string;
      size: number;
    }>('SELECT id, name, space, top_genres, size FROM style_clusters ORDER BY size DESC, id');
    const out: StyleCluster[] = [];
    for (const r of rows) {
      out.push({
        id: r.id,
        name: r.name,
        size: r.size,
        space: r.space as StyleCluster['space'],
        topGenres: JSON.parse(r.top_genres) as string[],
        examples: await this.clusterTracks(r.id, examples),
      });
    }
    return out;
  }

  /** A cluster's tracks, closest to its centre first (a station seed). */
  async clusterTracks(clusterId: number, limit: number): Promise<TrackId[]> {
    const rows = await this.db.reader.all<{ track_id: number }>(
      'SELECT track_id FROM track_clusters WHERE cluster_id = ? ORDER BY similarity DESC LIMIT ?',
      [clusterId, limit],
    );
    return rows.map((r) => r.track_id);
  }

  /** The cluster a track sounds like, if clustered. */
  async clusterOf(
    trackId: TrackId,
  ): Promise<{ id: number; name: string; similarity: number } | undefined> {
    return this.db.reader.get<{ id: number; name: string; similarity: number }>(
      `SELECT c.id, c.name, m.similarity FROM track_clusters m JOIN style_clusters c ON c.id = m.cluster_id
       WHERE m.track_id = ?`,
      [trackId],
    );
  }
}
