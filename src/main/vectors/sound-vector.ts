/**
 * The sound vector: a fixed-length summary of how a track sounds, for similarity. The raw vector
 * is stored per track; distances use it standardised with the library's per-dimension mean and
 * standard deviation (stored in sound_vector_stats) and group-weighted so that a 13-dimension
 * block (MFCC) counts as much as the few rhythm dimensions together, then L2-normalised.
 */
import type { AudioFeatures } from '../../shared/analysis';

/** Names of the dimensions, in order (13 + 13 + 12 + 10 = 48). */
export const SOUND_VECTOR_DIMS: readonly string[] = [
  ...Array.from({ length: 13 }, (_, i) => `mfcc_mean_${i}`),
  ...Array.from({ length: 13 }, (_, i) => `mfcc_std_${i}`),
  ...Array.from({ length: 12 }, (_, i) => `chroma_${i}`),
  'log2_bpm',
  'onset_rate',
  'danceability',
  'loudness_lufs',
  'dynamic_complexity',
  'log_centroid',
  'zcr',
  'mode',
  'arousal',
  'valence',
];
export const SOUND_VECTOR_DIM = SOUND_VECTOR_DIMS.length;

/**
 * Per-dimension weights applied after standardisation: each block's weights square-sum to the
 * block's share (timbre 0.45, its spread 0.15, harmony 0.15, rhythm/energy/mood 0.25), so no
 * block wins only because it has more dimensions.
 */
export const SOUND_VECTOR_WEIGHTS: Float32Array = (() => {
  const w = new Float32Array(SOUND_VECTOR_DIM);
  const block = (from: number, count: number, share: number): void => {
    for (let i = from; i < from + count; i++) w[i] = Math.sqrt(share / count);
  };
  block(0, 13, 0.45);
  block(13, 13, 0.15);
  block(26, 12, 0.15);
  block(38, 10, 0.25);
  return w;
})();

type VectorInputs = Pick<
  AudioFeatures,
  | 'mfccMean'
  | 'mfccVar'
  | 'hpcpMean'
  | 'bpm'
  | 'onsetRate'
  | 'danceability'
  | 'loudnessLufs'
  | 'dynamicComplexity'
  | 'spectralCentroid'
  | 'zcr'
  | 'scale'
  | 'keyStrength'
  | 'arousal'
  | 'valence'
>;

/** The raw (unstandardised) sound vector of an analysed track. */
export function rawSoundVector(f: VectorInputs): Float32Array {
  const v = new Float32Array(SOUND_VECTOR_DIM);
  const mfccMean = f.mfccMean ?? [];
  const mfccVar = f.mfccVar ?? [];
  const hpcp = f.hpcpMean ?? [];
  for (let i = 0; i < 13; i++) v[i] = mfccMean[i] ?? 0;
  for (let i = 0; i < 13; i++) v[13 + i] = Math.sqrt(Math.max(0, mfccVar[i] ?? 0));
  for (let i = 0; i < 12; i++) v[26 + i] = hpcp[i] ?? 0;
  const strength = f.keyStrength ?? 0;
  const tail = [
    Math.log2(Math.max(1, f.bpm ?? 120)),
    f.onsetRate ?? 0,
    f.danceability ?? 0,
    f.loudnessLufs ?? -20,
    f.dynamicComplexity ?? 0,
    Math.log(Math.max(1, f.spectralCentroid ?? 1000)),
    f.zcr ?? 0,
    f.scale === 'major' ? strength : -strength,
    f.arousal ?? 0.5,
    f.valence ?? 0.5,
  ];
  tail.forEach((x, i) => (v[38 + i] = Number.isFinite(x) ? x : 0));
  return v;
}

/** Library statistics: per-dimension mean and standard deviation of raw vectors. */
export interface VectorStats {
  mean: Float32Array;
  std: Float32Array;
  count: number;
}

/** Mean and standard deviation per dimension over `rows` raw vectors (std floored at 1e-6). */
export function vectorStats(rows: Float32Array[], dim = SOUND_VECTOR_DIM): VectorStats {
  const mean = new Float32Array(dim);
  const std = new Float32Array(dim);
  const sum = new Float64Array(dim);
  const sq = new Float64Array(dim);
  for (const r of rows) {
    for (let i = 0; i < dim; i++) {
      sum[i] += r[i];
      sq[i] += r[i] * r[i];
    }
  }
  const count = rows.length;
  for (let i = 0; i < dim; i++) {
    const m = count ? sum[i] / count : 0;
    mean[i] = m;
    // Floor: a dimension constant over the library carries no information, and must not divide by 0.
    std[i] = Math.max(1e-6, Math.sqrt(Math.max(0, count ? sq[i] / count - m * m : 0)));
  }
  return { mean, std, count };
}

/**
 * Standardises, weights and L2-normalises `raw` into `out` (length dim), so the dot product of two
 * outputs is their cosine similarity.
 */
export function normaliseVector(raw: Float32Array, stats: VectorStats, out: Float32Array): void {
  let norm = 0;
  for (let i = 0; i < out.length; i++) {
    const z = ((raw[i] - stats.mean[i]) / stats.std[i]) * SOUND_VECTOR_WEIGHTS[i];
    out[i] = z;
    norm += z * z;
  }
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < out.length; i++) out[i] *= inv;
}
