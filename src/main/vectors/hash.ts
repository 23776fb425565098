/**
 * The one string hash: FNV-1a, 32-bit — fast and stable across runs and platforms, for hashed
 * feature buckets (the recommender's taste features, the lexical text vectors).
 */

/** FNV-1a of the string's UTF-16 code units, as an unsigned 32-bit integer. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
