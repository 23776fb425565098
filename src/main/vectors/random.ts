/**
 * Seeded pseudo-random numbers, for everything that must come out the same on every run: the
 * recommender's exploration and projections, k-means++ seeding of the style clusters, and tests.
 */

/** mulberry32: a tiny, fast seeded PRNG returning floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
