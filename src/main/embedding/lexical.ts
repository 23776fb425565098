/**
 * The lexical fallback embedder, used when no semantic model can be had (offline first run,
 * failed download, damaged files). A text becomes a hashed bag of features, L2-normalised:
 *
 * - words (Unicode letters/digits, lower-cased, NFKC), minus a short stop-word list, weight 1;
 * - character trigrams of each word with boundary marks ("<ra", "rai", "ain", "in>"), weight 0.5
 *   shared over the word's trigrams, so "rain", "rainy" and "raining" overlap;
 * - for scripts written without spaces (Han, kana, Hangul, Thai) each character and each pair of
 *   neighbouring characters, so Chinese and Japanese texts still match on shared words;
 * - term frequency damped as 1 + ln(tf).
 *
 * Each feature is hashed (FNV-1a, 32 bit) to one of `dim` buckets with a sign from another bit,
 * which keeps unrelated features from adding up systematically. Same text → same vector, texts
 * sharing words → positive cosine; no cross-language or synonym knowledge at all, which is what
 * "semantic model not installed" means for the user.
 */
import { hash32 } from '../vectors/hash';

/** Version of this algorithm; stored as the model revision of lexical vectors. */
export const LEXICAL_REVISION = 'lexical-v1';
export const LEXICAL_MODEL_ID = 'encore-lexical';
/** Same width as the default semantic model, so every consumer sees the usual shape. */
export const LEXICAL_DIM = 384;

// Function words that carry no meaning for matching (English and Spanish: the corpus languages
// written with spaces; Chinese single characters are kept, they carry meaning).
const STOP = new Set(
  (
    'a an the and or but of to in on at by for with from as is are was were be been it its this that ' +
    'i you he she we they me my your our their his her them us so do does did not no yes all just ' +
    'el la los las un una y o de del en por para con que se su sus mi tu es'
  ).split(' '),
);

const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;
const TOKEN = /[\p{L}\p{N}]+/gu;

/** The weighted features of a text, before hashing (exported for tests and for explaining matches). */
export function lexicalFeatures(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (feature: string, weight: number): void => {
    counts.set(feature, (counts.get(feature) ?? 0) + weight);
  };
  for (const match of text.normalize('NFKC').toLowerCase().matchAll(TOKEN)) {
    const token = match[0];
    if (UNSPACED.test(token)) {
      const chars = Array.from(token);
      for (let i = 0; i < chars.length; i++) {
        add(`c:${chars[i]}`, 1);
        if (i + 1 < chars.length) add(`c:${chars[i]}${chars[i + 1]}`, 1);
      }
      continue;
    }
    if (STOP.has(token)) continue;
    add(`w:${token}`, 1);
    const marked = `<${token}>`;
    const grams = Math.max(1, marked.length - 2);
    for (let i = 0; i + 3 <= marked.length; i++) add(`g:${marked.slice(i, i + 3)}`, 0.5 / grams);
  }
  return counts;
}

/** Embeds one text as an L2-normalised vector of `dim` values (all zeros for an empty text). */
export function lexicalVector(text: string, dim = LEXICAL_DIM): Float32Array {
  const out = new Float32Array(dim);
  for (const [feature, count] of lexicalFeatures(text)) {
    const h = hash32(feature);
    const weight = count >= 1 ? 1 + Math.log(count) : count;
    // Low bits pick the bucket; the top bit picks the sign.
    out[h % dim] += h & 0x80000000 ? -weight : weight;
  }
  let norm = 0;
  for (let i = 0; i < dim; i++) norm += out[i] * out[i];
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < dim; i++) out[i] *= inv;
  }
  return out;
}

/** Embeds texts as contiguous rows of `dim` values. */
export function lexicalVectors(
  texts: string[],
  dim = LEXICAL_DIM,
): { dim: number; data: Float32Array } {
  const data = new Float32Array(texts.length * dim);
  texts.forEach((t, i) => data.set(lexicalVector(t, dim), i * dim));
  return { dim, data };
}
