import { describe, expect, it } from 'vitest';
import { VectorIndex } from '../../../src/main/vectors/vector-index';
import { TopK } from '../../../src/main/vectors/top-k';
import { TwoStageBuffers, twoStageTopK } from '../../../src/main/vectors/two-stage-top-k';
import { rng } from '../../../src/main/vectors/random';

/** n vectors around `centres` centres (what real embeddings and the catalog look like), with
 * every fifth row a copy of the one before (equal scores: ties decided by id). */
function clustered(n: number, dim: number, centres: number, seed: number): Float32Array {
  const next = rng(seed);
  const c = Float32Array.from({ length: centres * dim }, () => next() - 0.5);
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const k = Math.floor(next() * centres);
    for (let j = 0; j < dim; j++)
      out[i * dim + j] =
        i % 5 === 4 ? out[(i - 1) * dim + j] : c[k * dim + j] + 0.1 * (next() - 0.5);
  }
  return out;
}

/** The reference: every allowed row scored from the float32 index, all pushed. */
function fullScan(
  index: VectorIndex,
  a: Float32Array,
  b: Float32Array,
  k: number,
  k2: number,
  allowed: Uint8Array,
  add: Float64Array,
  w: number,
): { top: number[]; top2: number[] } {
  const s = new Float32Array(index.size);
  const s2 = new Float32Array(index.size);
  index.scoreBoth(a, b, s, s2);
  const top = new TopK(k);
  const top2 = new TopK(k2);
  for (let r = 0; r < index.size; r++) {
    if (!allowed[r]) continue;
    top.push(r, s[r]);
    top2.push(r, s2[r] + w * add[r]);
  }
  return { top: top.sorted(), top2: top2.sorted() };
}

describe('twoStageTopK', () => {
  it('keeps exactly the rows and order of a full float32 scan, rescoring only a few', () => {
    const n = 20_000;
    const dim = 64;
    const buffers = new TwoStageBuffers();
    for (const seed of [1, 2, 3]) {
      const data = clustered(n, dim, 300, seed);
      const ids = Array.from({ length: n }, (_, i) => i);
      const exact = VectorIndex.from(ids, data, { dim, metric: 'dot' });
      const coarse = VectorIndex.from(ids, data, { dim, metric: 'dot', quantize: true });
      const next = rng(seed + 100);
      const allowed = Uint8Array.from({ length: n }, () => (next() < 0.9 ? 1 : 0));
      // Sums shared by groups of rows, like the taste model's genre and artist weights.
      const add = Float64Array.from({ length: n }, (_, r) => ((r % 40) - 20) / 50);
      const a = data.slice(7 * dim, 8 * dim);
      const b = clustered(1, dim, 1, seed + 7);
      for (const [k, k2, w] of [
        [100, 200, 0.6],
        [0, 200, 1],
        [50, 0, 0],
      ]) {
        const got = twoStageTopK(
          { coarse, exact, query: a, query2: b, k, k2, allowed, add2: add, add2Scale: w },
          buffers,
        );
        const ref = fullScan(exact, a, b, k, k2, allowed, add, w);
        expect(got.top.sorted()).toEqual(ref.top);
        expect(got.top2.sorted()).toEqual(ref.top2);
        expect(got.top.size + got.top2.size).toBe(k + k2);
        expect(got.rescored).toBeGreaterThanOrEqual(Math.max(k, k2));
        expect(got.rescored).toBeLessThan(n / 4);
      }
    }
  });
});
