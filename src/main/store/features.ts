/**
 * Audio features and sound vectors: what the analyser writes and the recommender, the mood map
 * and `encore features` read. Also the analysis queue, which is no table of its own: it is the set
 * of present tracks without a feature row of the current version for the file as it is now.
 */
import type { Database, SqlValue } from './database';
import type { AnalysisStatus, AudioFeatures, KeyName } from '../../shared/analysis';
import type { TrackId } from '../../shared/library';
import { ANALYSIS_VERSION } from '../../shared/analysis-version';
import {
  normaliseVector,
  vectorStats,
  SOUND_VECTOR_DIM,
  type VectorStats,
} from '../vectors/sound-vector';

/** A track waiting for analysis, with what the worker needs to read it. */
export interface PendingTrack {
  id: TrackId;
  path: string;
  durationS: number | null;
  size: number;
  mtimeMs: number;
}

/** One analysis outcome to store: the features (null fields when not ok) and the raw vector. */
export interface FeatureRecord {
  features: AudioFeatures;
  soundVector: Float32Array | null;
  fileSize: number;
  fileMtimeMs: number;
}

/** Standardised, L2-normalised sound vectors, one row of `dim` floats per id, contiguous. */
export interface SoundVectors {
  ids: TrackId[];
  dim: number;
  data: Float32Array;
}

export interface AnalysisCounts {
  ok: number;
  failed: number;
  unanalysable: number;
  pending: number;
}

const NUMBER_COLUMNS: [keyof AudioFeatures, string][] = [
  ['bpm', 'bpm'],
  ['bpmConfidence', 'bpm_confidence'],
  ['keyStrength', 'key_strength'],
  ['loudnessLufs', 'loudness_lufs'],
  ['loudnessRangeLu', 'loudness_range_lu'],
  ['gainDb', 'gain_db'],
  ['danceability', 'danceability'],
  ['energy', 'energy'],
  ['rms', 'rms'],
  ['dynamicComplexity', 'dynamic_complexity'],
  ['onsetRate', 'onset_rate'],
  ['spectralCentroid', 'spectral_centroid'],
  ['zcr', 'zcr'],
  ['arousal', 'arousal'],
  ['valence', 'valence'],
];
const BLOB_COLUMNS: [keyof AudioFeatures, string][] = [
  ['mfccMean', 'mfcc_mean'],
  ['mfccVar', 'mfcc_var'],
  ['hpcpMean', 'hpcp_mean'],
];

type Row = Record<string, SqlValue>;

/** Float32 BLOB encoding (little-endian, as on every platform Encore runs on). */
export function toBlob(values: ArrayLike<number> | null): Buffer | null {
  if (!values) return null;
  const f = Float32Array.from(values as ArrayLike<number>);
  return Buffer.from(f.buffer, f.byteOffset, f.byteLength);
}

export function fromBlob(blob: SqlValue): Float32Array | null {
  if (!(blob instanceof Uint8Array)) return null;
  const copy = new Uint8Array(blob.byteLength);
  copy.set(blob);
  return new Float32Array(copy.buffer);
}

function toFeatures(r: Row): AudioFeatures {
  const f: Record<string, unknown> = {
    trackId: r.track_id,
    version: r.version,
    status: r.status as AnalysisStatus,
    error: r.error,
    analysedAt: r.analysed_at,
    decoder: r.decoder,
    key: (r.key as KeyName | null) ?? null,
    scale: r.scale as 'major' | 'minor' | null,
  };
  for (const [k, c] of NUMBER_COLUMNS) f[k] = r[c] ?? null;
  for (const [k, c] of BLOB_COLUMNS) {
    const a = fromBlob(r[c]);
    f[k] = a ? Array.from(a) : null;
  }
  return f as unknown as AudioFeatures;
}

/** A track the library has now: on disk and readable (`encore stats`: tracks minus missing). */
const PRESENT = 't.scan_error IS NULL AND t.missing = 0';
/** The feature row `f` is of the current version and for the file as it is now. */
const CURRENT = `f.version = ${ANALYSIS_VERSION} AND f.file_size IS t.size AND f.file_mtime_ms IS t.mtime_ms`;
const PENDING_WHERE = `${PRESENT} AND (f.track_id IS NULL OR NOT (${CURRENT}))`;

export class FeatureRepository {
  constructor(private readonly db: Database) {}

  async get(trackId: TrackId): Promise<AudioFeatures | undefined> {
    const row = await this.db.reader.get<Row>('SELECT * FROM audio_features WHERE track_id = ?', [
      trackId,
    ]);
    return row ? toFeatures(row) : undefined;
  }

  /** Feature rows of `ids` that exist, in the order of `ids`. */
  async getMany(ids: TrackId[]): Promise<AudioFeatures[]> {
    const found = new Map<number, AudioFeatures>();
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = await this.db.reader.all<Row>(
        `SELECT * FROM audio_features WHERE track_id IN (${chunk.map(() => '?').join(',')})`,
        chunk,
      );
      for (const r of rows) found.set(Number(r.track_id), toFeatures(r));
    }
    return ids.map((id) => found.get(id)).filter((f): f is AudioFeatures => f !== undefined);
  }

  /**
   * Up to `limit` tracks to analyse: present, readable tracks with no row of the current version
   * for the file as it is now. `first` ids come first (the listener is about to hear them).
   */
  async pending(limit: number, first: TrackId[] = []): Promise<PendingTrack[]> {
    const out: PendingTrack[] = [];
    const cols = 't.id, t.path, t.duration_s AS durationS, t.size, t.mtime_ms AS mtimeMs';
    const from = 'FROM tracks t LEFT JOIN audio_features f ON f.track_id = t.id';
    if (first.length > 0) {
      const chunk = first.slice(0, 500);
      const rows = await this.db.reader.all<PendingTrack>(
        `SELECT ${cols} ${from} WHERE ${PENDING_WHERE} AND t.id IN (${chunk.map(() => '?').join(',')})`,
        chunk,
      );
      const order = new Map(chunk.map((id, i) => [id, i]));
      rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
      out.push(...rows.slice(0, limit));
    }
    if (out.length < limit) {
      const skip = out.map((p) => p.id);
      const rows = await this.db.reader.all<PendingTrack>(
        `SELECT ${cols} ${from} WHERE ${PENDING_WHERE}
         ${skip.length ? `AND t.id NOT IN (${skip.map(() => '?').join(',')})` : ''}
         ORDER BY t.id LIMIT ?`,
        [...skip, limit - out.length],
      );
      out.push(...rows);
    }
    return out;
  }

  /**
   * How many present tracks are analysed, failed or unanalysable (a current row for the file as it
   * is now) and waiting (every other present track): each counted once, so the four add up to the
   * present tracks. A missing or unreadable track, or the old row of a changed file, counts nowhere.
   */
  async counts(): Promise<AnalysisCounts> {
    const row = await this.db.reader.get<AnalysisCounts>(
      `SELECT
        COALESCE(SUM(current AND status = 'ok'), 0) AS ok,
        COALESCE(SUM(current AND status = 'failed'), 0) AS failed,
        COALESCE(SUM(current AND status = 'unanalysable'), 0) AS unanalysable,
        COALESCE(SUM(NOT current), 0) AS pending
       FROM (SELECT COALESCE(${CURRENT}, 0) AS current, f.status
             FROM tracks t LEFT JOIN audio_features f ON f.track_id = t.id WHERE ${PRESENT})`,
    );
    return row ?? { ok: 0, failed: 0, unanalysable: 0, pending: 0 };
  }

  /** The id of the track at `path` (exact), for commands that take a file. */
  async trackIdByPath(path: string): Promise<TrackId | undefined> {
    const row = await this.db.reader.get<{ id: number }>('SELECT id FROM tracks WHERE path = ?', [
      path,
    ]);
    return row?.id;
  }

  /** Present tracks that could not be analysed (as their files are now), with why. */
  async errors(
    limit = 1000,
  ): Promise<{ trackId: TrackId; path: string; status: AnalysisStatus; error: string }[]> {
    return this.db.reader.all(
      `SELECT f.track_id AS trackId, t.path, f.status, f.error FROM audio_features f
       JOIN tracks t ON t.id = f.track_id
       WHERE ${PRESENT} AND ${CURRENT} AND f.status <> 'ok' ORDER BY t.path LIMIT ?`,
      [limit],
    );
  }

  /** Writes analysis outcomes (replacing older rows) in one transaction. */
  async save(records: FeatureRecord[]): Promise<void> {
    if (records.length === 0) return;
    const cols = [
      'track_id',
      'version',
      'status',
      'error',
      'analysed_at',
      'file_size',
      'file_mtime_ms',
      'decoder',
      'key',
      'scale',
      ...NUMBER_COLUMNS.map(([, c]) => c),
      ...BLOB_COLUMNS.map(([, c]) => c),
      'sound_vector',
    ];
    const sql = `INSERT OR REPLACE INTO audio_features (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`;
    await this.db.transaction(async (tx) => {
      for (const { features: f, soundVector, fileSize, fileMtimeMs } of records) {
        const values: SqlValue[] = [
          f.trackId,
          f.version,
          f.status,
          f.error,
          f.analysedAt,
          fileSize,
          fileMtimeMs,
          f.decoder,
          f.key,
          f.scale,
          ...NUMBER_COLUMNS.map(([k]) => (f[k] as number | null) ?? null),
          ...BLOB_COLUMNS.map(([k]) => toBlob(f[k] as number[] | null)),
          toBlob(soundVector),
        ];
        // Skip rows whose track was deleted while it was being analysed.
        const exists = await tx.get('SELECT 1 AS one FROM tracks WHERE id = ?', [f.trackId]);
        if (exists) await tx.run(sql, values);
      }
    });
  }

  /** Recomputes and stores the library's standardisation statistics; returns them. */
  async updateStats(): Promise<VectorStats> {
    const raw = await this.rawVectors();
    const stats = vectorStats(raw.vectors);
    await this.db.transaction(async (tx) => {
      await tx.run(
        `INSERT OR REPLACE INTO sound_vector_stats (version, dim, count, mean, std, computed_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [
          ANALYSIS_VERSION,
          SOUND_VECTOR_DIM,
          stats.count,
          toBlob(stats.mean),
          toBlob(stats.std),
          Date.now(),
        ],
      );
    });
    return stats;
  }

  /** The stored standardisation statistics of the current version, if computed. */
  async stats(): Promise<VectorStats | undefined> {
    const row = await this.db.reader.get<Row>(
      'SELECT count, mean, std FROM sound_vector_stats WHERE version = ? AND dim = ?',
      [ANALYSIS_VERSION, SOUND_VECTOR_DIM],
    );
    const mean = row && fromBlob(row.mean);
    const std = row && fromBlob(row.std);
    return mean && std ? { mean, std, count: Number(row.count) } : undefined;
  }

  /**
   * Standardised (stored library statistics), weighted, L2-normalised sound vectors of every track
   * analysed 'ok' by the current version: dot product = cosine similarity. Computes and stores the
   * statistics first when there are none yet.
   */
  async soundVectors(): Promise<SoundVectors> {
    const raw = await this.rawVectors();
    const stats =
      (await this.stats()) ?? (raw.ids.length ? await this.updateStats() : vectorStats([]));
    const data = new Float32Array(raw.ids.length * SOUND_VECTOR_DIM);
    raw.vectors.forEach((v, i) =>
      normaliseVector(v, stats, data.subarray(i * SOUND_VECTOR_DIM, (i + 1) * SOUND_VECTOR_DIM)),
    );
    return { ids: raw.ids, dim: SOUND_VECTOR_DIM, data };
  }

  private async rawVectors(): Promise<{ ids: TrackId[]; vectors: Float32Array[] }> {
    const rows = await this.db.reader.all<{ track_id: number; sound_vector: Buffer }>(
      `SELECT f.track_id, f.sound_vector FROM audio_features f JOIN tracks t ON t.id = f.track_id
       WHERE f.version = ? AND f.status = 'ok' AND f.sound_vector IS NOT NULL ORDER BY f.track_id`,
      [ANALYSIS_VERSION],
    );
    const ids: TrackId[] = [];
    const vectors: Float32Array[] = [];
    for (const r of rows) {
      const v = fromBlob(r.sound_vector);
      if (!v || v.length !== SOUND_VECTOR_DIM) continue;
      ids.push(r.track_id);
      vectors.push(v);
    }
    return { ids, vectors };
  }
}
