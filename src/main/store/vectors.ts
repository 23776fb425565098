/**
 * Text vectors (descriptor and lyrics embeddings) with the model that made them, embedding
 * failures, mood scores and the meaning settings: what the embedding stage writes and vibe search,
 * moods and the recommender read.
 */
import type { Database, SqlValue, Tx } from './database';
import type { ModelKey, Mood, MoodScore, TextKind, TrackScore } from '../../shared/meaning';
import type { TrackId } from '../../shared/library';

/** Contiguous vectors of one kind and model: row i (dim floats) belongs to ids[i]. */
export interface TextVectors {
  ids: TrackId[];
  dim: number;
  data: Float32Array;
}

export interface TextVectorRow {
  trackId: TrackId;
  kind: TextKind;
  model: ModelKey;
  /** L2-normalised. */
  vector: Float32Array;
  textHash: string;
}

export interface EmbedFailure {
  trackId: TrackId;
  kind: TextKind;
  model: ModelKey;
  textHash: string;
  error: string;
}

/** A track's texts for the embedder: what the scanner stored about it. */
export interface TrackLyricsText {
  trackId: TrackId;
  plain: string;
}

/** Setting keys kept in meaning_settings. */
export type MeaningSetting =
  'model' | 'modelPath' | 'offline' | 'activeModel' | 'modelHost' | 'downloadFailure';

function blob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

function floats(b: SqlValue): Float32Array {
  if (!(b instanceof Uint8Array)) throw new Error('vector column is not a BLOB');
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Float32Array(copy.buffer);
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// Vectors per page when all of a kind are read: 1,000 × 384 floats is 1.5 MB of blobs at a time.
const VECTOR_PAGE = 1000;

/** A copy of `bytes` with room for at least `needed` bytes (doubling, so growth stays linear). */
function grown(bytes: Uint8Array<ArrayBuffer>, needed: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(Math.max(needed, bytes.length * 2));
  out.set(bytes);
  return out;
}

// SQLite's default limit on host parameters is 999 in older builds; stay well under it.
const IN_CHUNK = 500;
const MAX_PARAMS = 900;

/**
 * Inserts rows with multi-row VALUES statements (a few hundred parameters each): one statement
 * per row costs a round trip through the driver each, ten times slower for 100,000 mood rows.
 */
export async function insertRows(
  tx: Tx,
  head: string,
  rows: SqlValue[][],
  tail = '',
): Promise<void> {
  if (rows.length === 0) return;
  const width = rows[0].length;
  const per = Math.max(1, Math.floor(MAX_PARAMS / width));
  const tuple = `(${new Array<string>(width).fill('?').join(', ')})`;
  for (let i = 0; i < rows.length; i += per) {
    const part = rows.slice(i, i + per);
    await tx.run(`${head} VALUES ${part.map(() => tuple).join(', ')} ${tail}`, part.flat());
  }
}

export class VectorRepository {
  constructor(private readonly db: Database) {}

  /** Writes vectors (replacing a track's earlier vector of the same kind) and clears failures. */
  async upsert(rows: TextVectorRow[]): Promise<void> {
    if (rows.length === 0) return;
    const now = Date.now();
    await this.db.transaction(async (tx) => {
      await insertRows(
        tx,
        `INSERT INTO text_vectors (track_id, kind, model_id, model_revision, dim, vector, text_hash, updated_at)`,
        rows.map((r) => [
          r.trackId,
          r.kind,
          r.model.id,
          r.model.revision,
          r.vector.length,
          blob(r.vector),
          r.textHash,
          now,
        ]),
        `ON CONFLICT (track_id, kind) DO UPDATE SET model_id = excluded.model_id,
           model_revision = excluded.model_revision, dim = excluded.dim, vector = excluded.vector,
           text_hash = excluded.text_hash, updated_at = excluded.updated_at`,
      );
      for (const kind of ['descriptor', 'lyrics'] as const) {
        const ids = rows.filter((r) => r.kind === kind).map((r) => r.trackId);
        for (const chunk of chunks(ids, IN_CHUNK)) {
          await tx.run(
            `DELETE FROM text_vector_failures WHERE kind = ? AND track_id IN (${chunk.map(() => '?').join(',')})`,
            [kind, ...chunk],
          );
        }
      }
    });
  }

  /** Removes a track's vector of one kind (its lyrics were deleted). */
  async remove(trackIds: TrackId[], kind: TextKind): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const chunk of chunks(trackIds, IN_CHUNK)) {
        await tx.run(
          `DELETE FROM text_vectors WHERE kind = ? AND track_id IN (${chunk.map(() => '?').join(',')})`,
          [kind, ...chunk],
        );
      }
    });
  }

  /** Records texts the model failed on, so they are not retried until text or model change. */
  async recordFailures(failures: EmbedFailure[]): Promise<void> {
    if (failures.length === 0) return;
    const now = Date.now();
    await this.db.transaction(async (tx) => {
      for (const f of failures) {
        await tx.run(
          `INSERT OR REPLACE INTO text_vector_failures (track_id, kind, model_id, model_revision, text_hash, error, at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
          [f.trackId, f.kind, f.model.id, f.model.revision, f.textHash, f.error, now],
        );
      }
    });
  }

  /**
   * What is stored for these tracks under `model`: text hash per track and kind, including
   * recorded failures (a failed text counts as done until it changes).
   */
  async hashes(trackIds: TrackId[], model: ModelKey): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const chunk of chunks(trackIds, IN_CHUNK)) {
      const list = chunk.map(() => '?').join(',');
      const rows = await this.db.reader.all<{ track_id: number; kind: string; text_hash: string }>(
        `SELECT track_id, kind, text_hash FROM text_vectors
           WHERE model_id = ? AND model_revision = ? AND track_id IN (${list})
         UNION ALL
         SELECT track_id, kind, text_hash FROM text_vector_failures
           WHERE model_id = ? AND model_revision = ? AND track_id IN (${list})`,
        [model.id, model.revision, ...chunk, model.id, model.revision, ...chunk],
      );
      for (const r of rows) out.set(`${r.track_id}:${r.kind}`, r.text_hash);
    }
    return out;
  }

  /**
   * Every vector of one kind for `model` (default: the active model, the one the embedding stage
   * last used), contiguous and normalised, ordered by track id. Tracks with a scan error or
   * missing files are left out.
   */
  async textVectors(kind: TextKind, model?: ModelKey): Promise<TextVectors> {
    const key = model ?? (await this.activeModel());
    if (!key) return { ids: [], dim: 0, data: new Float32Array(0) };
    const from = `FROM text_vectors v JOIN tracks t ON t.id = v.track_id
       WHERE v.kind = ? AND v.model_id = ? AND v.model_revision = ? AND t.scan_error IS NULL AND t.missing = 0`;
    const params = [kind, key.id, key.revision];
    const first = await this.db.reader.get<{ n: number; dim: number | null }>(
      `SELECT COUNT(*) AS n, (SELECT v.dim ${from} ORDER BY v.track_id LIMIT 1) AS dim ${from}`,
      [...params, ...params],
    );
    const dim = first?.dim ?? 0;
    const ids: TrackId[] = [];
    // Sized by the count; a write between the count and the pages may add rows (grown below).
    let bytes = new Uint8Array((first?.n ?? 0) * dim * 4);
    // Pages of rows in track id order (the model index holds the key, so each page is a range
    // read): one result of 10,000 blobs sat whole in the driver's native memory, and glibc kept
    // it after it was freed.
    for (let after = -1; ;) {
      const rows = await this.db.reader.all<{ track_id: number; dim: number; vector: Buffer }>(
        `SELECT v.track_id, v.dim, v.vector ${from} AND v.track_id > ? ORDER BY v.track_id LIMIT ?`,
        [...params, after, VECTOR_PAGE],
      );
      for (const r of rows) {
        if (r.dim !== dim) continue;
        const at = ids.length * dim * 4;
        if (at + dim * 4 > bytes.length) bytes = grown(bytes, at + dim * 4);
        bytes.set(r.vector, at);
        ids.push(r.track_id);
      }
      if (rows.length < VECTOR_PAGE) break;
      after = rows[rows.length - 1].track_id;
    }
    const data = new Float32Array(bytes.buffer, 0, ids.length * dim);
    return { ids, dim, data };
  }

  /** One track's vector of a kind under `model`, if stored. */
  async vector(
    trackId: TrackId,
    kind: TextKind,
    model: ModelKey,
  ): Promise<Float32Array | undefined> {
    const row = await this.db.reader.get<{ vector: Buffer }>(
      'SELECT vector FROM text_vectors WHERE track_id = ? AND kind = ? AND model_id = ? AND model_revision = ?',
      [trackId, kind, model.id, model.revision],
    );
    return row ? floats(row.vector) : undefined;
  }

  /** Vector counts for a model, by kind. */
  async counts(model: ModelKey): Promise<Record<TextKind, number>> {
    const rows = await this.db.reader.all<{ kind: TextKind; n: number }>(
      'SELECT kind, COUNT(*) AS n FROM text_vectors WHERE model_id = ? AND model_revision = ? GROUP BY kind',
      [model.id, model.revision],
    );
    const out: Record<TextKind, number> = { descriptor: 0, lyrics: 0 };
    for (const r of rows) out[r.kind] = r.n;
    return out;
  }

  /** Plain lyrics of these tracks (those that have any). */
  async lyricsTexts(trackIds: TrackId[]): Promise<TrackLyricsText[]> {
    const out: TrackLyricsText[] = [];
    for (const chunk of chunks(trackIds, IN_CHUNK)) {
      const rows = await this.db.reader.all<{ track_id: number; plain: string }>(
        `SELECT track_id, plain FROM lyrics WHERE track_id IN (${chunk.map(() => '?').join(',')})`,
        chunk,
      );
      out.push(...rows.map((r) => ({ trackId: r.track_id, plain: r.plain })));
    }
    return out;
  }

  /** Ids of playable tracks (no scan error), ascending. */
  async trackIds(): Promise<TrackId[]> {
    const rows = await this.db.reader.all<{ id: number }>(
      'SELECT id FROM tracks WHERE scan_error IS NULL ORDER BY id',
    );
    return rows.map((r) => r.id);
  }

  /** Replaces the mood scores of these tracks. */
  async setMoods(
    rows: { trackId: TrackId; scores: MoodScore[] }[],
    model: ModelKey,
  ): Promise<void> {
    if (rows.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (const chunk of chunks(rows, IN_CHUNK)) {
        await tx.run(
          `DELETE FROM mood_scores WHERE track_id IN (${chunk.map(() => '?').join(',')})`,
          chunk.map((r) => r.trackId),
        );
      }
      await insertRows(
        tx,
        'INSERT INTO mood_scores (track_id, mood, score, text_score, audio_score, model_id)',
        rows.flatMap((r) =>
          r.scores.map((s) => [r.trackId, s.mood, s.score, s.text, s.audio, model.id]),
        ),
      );
    });
  }

  /** A track's mood scores, strongest first. */
  async moods(trackId: TrackId): Promise<MoodScore[]> {
    const rows = await this.db.reader.all<{
      mood: Mood;
      score: number;
      text_score: number;
      audio_score: number | null;
    }>(
      'SELECT mood, score, text_score, audio_score FROM mood_scores WHERE track_id = ? ORDER BY score DESC',
      [trackId],
    );
    return rows.map((r) => ({
      mood: r.mood,
      score: r.score,
      text: r.text_score,
      audio: r.audio_score,
    }));
  }

  /** Tracks with mood scores. */
  async moodTrackCount(): Promise<number> {
    const row = await this.db.reader.get<{ n: number }>(
      'SELECT COUNT(DISTINCT track_id) AS n FROM mood_scores',
    );
    return row?.n ?? 0;
  }

  /** The tracks that carry a mood most strongly (present files only). */
  async topByMood(mood: Mood, limit: number): Promise<TrackScore[]> {
    const rows = await this.db.reader.all<{ track_id: number; score: number }>(
      `SELECT m.track_id, m.score FROM mood_scores m JOIN tracks t ON t.id = m.track_id
       WHERE m.mood = ? AND t.missing = 0 AND t.scan_error IS NULL ORDER BY m.score DESC LIMIT ?`,
      [mood, limit],
    );
    return rows.map((r) => ({ trackId: r.track_id, score: r.score }));
  }

  async getSetting(key: MeaningSetting): Promise<string | undefined> {
    const row = await this.db.reader.get<{ value: string }>(
      'SELECT value FROM meaning_settings WHERE key = ?',
      [key],
    );
    return row?.value;
  }

  /** Sets a setting; undefined deletes it. */
  async setSetting(key: MeaningSetting, value: string | undefined): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (value === undefined) await tx.run('DELETE FROM meaning_settings WHERE key = ?', [key]);
      else
        await tx.run('INSERT OR REPLACE INTO meaning_settings (key, value) VALUES (?, ?)', [
          key,
          value,
        ]);
    });
  }

  /** The model key new vectors are made with (set by the embedding stage). */
  async activeModel(): Promise<ModelKey | undefined> {
    const raw = await this.getSetting('activeModel');
    return raw ? (JSON.parse(raw) as ModelKey) : undefined;
  }
}
