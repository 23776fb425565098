/**
 * Pure helpers that turn a track's tags and measured vectors into the recommender's numbers: name
 * normalisation, feature hashing, seeded random projection, and the combined content vector
 * (tags ⊕ sound ⊕ text, each block normalised and weighted) that every distance works on.
 */
import { rng } from '../vectors/random';
import { hash32 } from '../vectors/hash';

/** Tag block: genres, artist, album, decade and mood words, hashed. 28 dims keep collisions rare
 * for a few hundred genres while the whole vector stays at 64 floats (one cache line pair). */
export const TAG_DIM = 28;
/** Sound vectors are projected (or zero-padded) to this many dims. */
export const SOUND_DIM = 24;
/** Text vectors are projected to this many dims. */
export const TEXT_DIM = 12;
export const CONTENT_DIM = TAG_DIM + SOUND_DIM + TEXT_DIM;

/** Block weights: sound is the most direct measure of "sounds like"; tags still carry genre and
 * artist when nothing is measured; text descriptions help but are the noisiest. */
const WEIGHT = { tag: 0.8, sound: 1.0, text: 0.6 };

/** Lowercase, accents and punctuation stripped, spaces collapsed: for matching names. */
export function normName(s: string | null | undefined): string {
  return (s ?? '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The one string hash (FNV-1a), re-exported where the recommender's modules find it. */
export { hash32 };

/** The seeded PRNG, re-exported where the recommender's modules and scripts have always found it. */
export { rng };

/** A seeded Gaussian projection matrix (inDim × outDim, row-major), scaled by 1/√outDim. */
export function projection(inDim: number, outDim: number, seed: number): Float32Array {
  const r = rng(seed + inDim * 7919);
  const m = new Float32Array(inDim * outDim);
  const scale = 1 / Math.sqrt(outDim);
  for (let i = 0; i < m.length; i += 1) {
    // Box–Muller
    const u = Math.max(r(), 1e-12);
    m[i] = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r()) * scale;
  }
  return m;
}

/** Writes x·P into out[offset … offset+outDim); identity/zero-pad when inDim ≤ outDim. */
export function project(
  x: Float32Array,
  xOff: number,
  inDim: number,
  p: Float32Array | null,
  outDim: number,
  out: Float32Array,
  offset: number,
): void {
  if (!p) {
    for (let j = 0; j < Math.min(inDim, outDim); j++) out[offset + j] = x[xOff + j];
    return;
  }
  for (let i = 0; i < inDim; i++) {
    const v = x[xOff + i];
    if (v === 0) continue;
    const row = i * outDim;
    for (let j = 0; j < outDim; j++) out[offset + j] += v * p[row + j];
  }
}

/** Scales out[off … off+len) to length `weight` (leaves a zero block zero). */
export function normaliseBlock(out: Float32Array, off: number, len: number, weight = 1): void {
  let s = 0;
  for (let j = 0; j < len; j++) s += out[off + j] * out[off + j];
  if (s === 0) return;
  const k = weight / Math.sqrt(s);
  for (let j = 0; j < len; j++) out[off + j] *= k;
}

/** Tag tokens of a track with their weights (what the tag block and the taste model hash). */
export interface TagTokens {
  artist: string;
  album: string;
  genres: string[];
  decade: string | null;
  moods: string[];
}

/** Writes the tag block: each token hashed to two signed positions. */
export function writeTagBlock(t: TagTokens, out: Float32Array, offset: number): void {
  const add = (token: string, w: number): void => {
    const h = hash32(token);
    out[offset + (h % TAG_DIM)] += h & 0x10000 ? w : -w;
    const h2 = hash32(`${token}#2`);
    out[offset + (h2 % TAG_DIM)] += h2 & 0x10000 ? w : -w;
  };
  for (const g of t.genres) add(`g:${g}`, 1 / Math.sqrt(t.genres.length));
  if (t.artist) add(`a:${t.artist}`, 0.6);
  if (t.album) add(`al:${t.artist}|${t.album}`, 0.3);
  if (t.decade) add(`d:${t.decade}`, 0.3);
  for (const m of t.moods) add(`m:${m}`, 0.7 / Math.sqrt(t.moods.length));
  normaliseBlock(out, offset, TAG_DIM, WEIGHT.tag);
}

/** Normalises the whole content vector at `row` after its blocks were written. */
export function finishContent(
  out: Float32Array,
  row: number,
  hasSound: boolean,
  hasText: boolean,
): void {
  const off = row * CONTENT_DIM;
  if (hasSound) normaliseBlock(out, off + TAG_DIM, SOUND_DIM, WEIGHT.sound);
  if (hasText) normaliseBlock(out, off + TAG_DIM + SOUND_DIM, TEXT_DIM, WEIGHT.text);
  normaliseBlock(out, off, CONTENT_DIM, 1);
}

/** Mood words from a free-text mood tag ("Sad, melancholic" → ['sad', 'melancholic']). */
export function moodWords(tag: string | null): string[] {
  return tag
    ? normName(tag)
        .split(' ')
        .filter((w) => w.length > 2)
    : [];
}
