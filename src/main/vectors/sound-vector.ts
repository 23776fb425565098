/**
 * The sound vector: a fixed-length summary of how a track sounds, for similarity. The raw vector
 * is stored per track; distances use it standardised with the library's per-dimension mean and
 * standard deviation (stored in sound_vector_stats) and group-weighted so that a 13-dimension
 * block (MFCC) counts as much as the few rhythm dimensions together, then L2-normalised.
 */
import type { AudioFeatures } from '../../shared/analysis';
import { hash32 } from './hash';

/**
 * The blocks of the sound vector and each one's share of a distance: after standardisation a
 * block's weights square-sum to its share (timbre 0.45, its spread 0.15, harmony 0.15,
 * rhythm/energy/mood 0.25), so no block wins only because it has more dimensions.
 */
const BLOCK_SHARE = { timbre: 0.45, timbreSpread: 0.15, harmony: 0.15, rhythmEnergyMood: 0.25 };
type Block = keyof typeof BLOCK_SHARE;

/** One-dimension features of one block, in this order. */
function scalars<N extends string>(
  block: Block,
  names: readonly N[],
): { name: N; dims: 1; block: Block }[] {
  return names.map((name) => ({ name, dims: 1, block }));
}

/**
 * The sound vector's layout, in order: each feature's name, how many dimensions it takes and the
 * block it belongs to (13 + 13 + 12 + 10 × 1 = 48). The one place that says where a feature is;
 * everything else reads it by name (SOUND_VECTOR_LAYOUT). Changing it changes
 * SOUND_VECTOR_LAYOUT_VERSION, and vectors stored with another layout must be rebuilt.
 */
const FEATURES = [
  /** 13 MFCC means. */
  { name: 'mfcc_mean', dims: 13, block: 'timbre' },
  /** 13 MFCC standard deviations (the square roots of the stored variances). */
  { name: 'mfcc_std', dims: 13, block: 'timbreSpread' },
  /** 12-bin chroma (HPCP) mean, bin 0 = A. */
  { name: 'chroma', dims: 12, block: 'harmony' },
  // log2 of the tempo (a doubling counts the same at every tempo), onsets per second, essentia
  // danceability, LUFS, dynamic complexity (dB), ln of the spectral centroid in Hz (brightness is
  // heard on a log scale), zero-crossing rate, key strength signed + major / − minor, arousal,
  // valence.
  ...scalars('rhythmEnergyMood', [
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
  ]),
] as const satisfies readonly { name: string; dims: number; block: Block }[];

export type SoundFeatureName = (typeof FEATURES)[number]['name'];

/** Where one feature sits in the vector: its first dimension and how many it takes. */
export interface SoundFeatureSlot {
  offset: number;
  dims: number;
}

/** Each feature's slot, by name. */
export const SOUND_VECTOR_LAYOUT: Readonly<Record<SoundFeatureName, SoundFeatureSlot>> = (() => {
  const layout = {} as Record<SoundFeatureName, SoundFeatureSlot>;
  let offset = 0;
  for (const f of FEATURES) {
    layout[f.name] = { offset, dims: f.dims };
    offset += f.dims;
  }
  return layout;
})();

/** Names of the dimensions, in order: `mfcc_mean_0` … for multi-dimension features. */
export const SOUND_VECTOR_DIMS: readonly string[] = FEATURES.flatMap((f) =>
  f.dims === 1 ? [f.name] : Array.from({ length: f.dims }, (_, i) => `${f.name}_${i}`),
);
export const SOUND_VECTOR_DIM = SOUND_VECTOR_DIMS.length;

/**
 * Which layout made a vector: a hash of the features' names, sizes, blocks and the blocks' shares,
 * so it changes whenever the layout does. Stored vectors carry the analysis version that made
 * them (ANALYSIS_VERSION); STORED_SOUND_VECTOR_LAYOUTS says which layout each version used, and a
 * test fails when the layout changes without a new analysis version (which rebuilds them all).
 */
export const SOUND_VECTOR_LAYOUT_VERSION: string = hash32(JSON.stringify([FEATURES, BLOCK_SHARE]))
  .toString(16)
  .padStart(8, '0');

/** The sound-vector layout each analysis version stored its vectors with. */
export const STORED_SOUND_VECTOR_LAYOUTS: Readonly<Record<number, string>> = {
  2: 'e49b73db',
  // Version 3 changed the onset rate's measurement, not the layout.
  3: 'e49b73db',
};

/** Per-dimension weights applied after standardisation: sqrt(block share / block dimensions). */
export const SOUND_VECTOR_WEIGHTS: Float32Array = (() => {
  const blockDims = new Map<Block, number>();
  for (const f of FEATURES) blockDims.set(f.block, (blockDims.get(f.block) ?? 0) + f.dims);
  const w = new Float32Array(SOUND_VECTOR_DIM);
  for (const f of FEATURES) {
    const { offset, dims } = SOUND_VECTOR_LAYOUT[f.name];
    w.fill(Math.sqrt(BLOCK_SHARE[f.block] / (blockDims.get(f.block) ?? 1)), offset, offset + dims);
  }
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

/** `name`'s dimension(s) of the sound vector `v`: a view, so writing it writes `v`. */
export function soundFeature(v: Float32Array, name: SoundFeatureName): Float32Array {
  const { offset, dims } = SOUND_VECTOR_LAYOUT[name];
  return v.subarray(offset, offset + dims);
}

/**
 * The raw (unstandardised) sound vector of an analysed track. Missing measurements take a neutral
 * value (120 bpm, −20 LUFS, 1 kHz centroid, mid arousal/valence, else 0); a non-finite scalar
 * becomes 0.
 */
export function rawSoundVector(f: VectorInputs): Float32Array {
  const v = new Float32Array(SOUND_VECTOR_DIM);
  const list = (name: SoundFeatureName, values: readonly number[] | null, map = (x: number) => x) =>
    soundFeature(v, name).forEach((_, i, out) => (out[i] = map(values?.[i] ?? 0)));
  const scalar = (name: SoundFeatureName, x: number): void => {
    soundFeature(v, name)[0] = Number.isFinite(x) ? x : 0;
  };
  list('mfcc_mean', f.mfccMean);
  list('mfcc_std', f.mfccVar, (variance) => Math.sqrt(Math.max(0, variance)));
  list('chroma', f.hpcpMean);
  const strength = f.keyStrength ?? 0;
  scalar('log2_bpm', Math.log2(Math.max(1, f.bpm ?? 120)));
  scalar('onset_rate', f.onsetRate ?? 0);
  scalar('danceability', f.danceability ?? 0);
  scalar('loudness_lufs', f.loudnessLufs ?? -20);
  scalar('dynamic_complexity', f.dynamicComplexity ?? 0);
  scalar('log_centroid', Math.log(Math.max(1, f.spectralCentroid ?? 1000)));
  scalar('zcr', f.zcr ?? 0);
  scalar('mode', f.scale === 'major' ? strength : -strength);
  scalar('arousal', f.arousal ?? 0.5);
  scalar('valence', f.valence ?? 0.5);
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
