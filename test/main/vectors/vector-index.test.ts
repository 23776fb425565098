import { describe, expect, it } from 'vitest';
import { VectorIndex } from '../../../src/main/vectors/vector-index';
// Seeded, so failures reproduce.
import { rng } from '../../../src/main/vectors/random';

function randomRows(n: number, dim: number, seed = 1): Float32Array {
  const next = rng(seed);
  const out = new Float32Array(n * dim);
  for (let i = 0; i < out.length; i++) out[i] = next() * 2 - 1;
  return out;
}

function exactTop(
  rows: Float32Array,
  ids: number[],
  dim: number,
  q: Float32Array,
  k: number,
): number[] {
  const norm = (v: Float32Array): number => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  const qn = norm(q);
  return ids
    .map((id, i) => {
      const row = rows.subarray(i * dim, (i + 1) * dim);
      let dot = 0;
      for (let j = 0; j < dim; j++) dot += row[j] * q[j];
      return { id, score: dot / (norm(row) * qn) };
    })
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((n) => n.id);
}

describe('VectorIndex', () => {
  // 37 and 5: dimensions that are not multiples of the SIMD step, so padding is exercised.
  for (const dim of [384, 37, 5]) {
    it(`finds the exact cosine top-k (dim ${dim}, across several kernel blocks)`, () => {
      const n = 2500;
      const rows = randomRows(n, dim, dim);
      const ids = Array.from({ length: n }, (_, i) => i * 3 + 1);
      const index = VectorIndex.from(ids, rows, { dim });
      const q = randomRows(1, dim, 99);
      const got = index.search(q, 20);
      expect(got.map((n) => n.id)).toEqual(exactTop(rows, ids, dim, q, 20));
      for (let i = 1; i < got.length; i++)
        expect(got[i - 1].score).toBeGreaterThanOrEqual(got[i].score);
      expect(got[0].score).toBeLessThanOrEqual(1.000001);
    });
  }

  it('int8 quantised search keeps scores within 2% and recall of the top 10 high', () => {
    const dim = 384;
    const n = 3000;
    const rows = randomRows(n, dim, 7);
    const ids = Array.from({ length: n }, (_, i) => i);
    const exact = VectorIndex.from(ids, rows, { dim });
    const q8 = VectorIndex.from(ids, rows, { dim, quantize: true });
    let hits = 0;
    for (let t = 0; t < 10; t++) {
      const q = randomRows(1, dim, 1000 + t);
      const a = exact.search(q, 10);
      const b = q8.search(q, 10);
      hits += b.filter((x) => a.some((y) => y.id === x.id)).length;
      const byId = new Map(a.map((x) => [x.id, x.score]));
      for (const x of b)
        if (byId.has(x.id))
          expect(Math.abs(x.score - (byId.get(x.id) as number))).toBeLessThan(0.02);
    }
    expect(hits / 100).toBeGreaterThan(0.8);
    expect(q8.memoryBytes()).toBeLessThan(exact.memoryBytes() / 3);
  });

  it('adds, updates and removes by id, keeping search consistent', () => {
    const index = new VectorIndex({ dim: 3 });
    index.set(10, [1, 0, 0]);
    index.set(20, [0, 1, 0]);
    index.set(30, [0, 0, 1]);
    expect(index.search([1, 0.1, 0], 1)[0].id).toBe(10);
    index.set(10, [0, 0, -1]);
    expect(index.search([1, 0.1, 0], 1)[0].id).toBe(20);
    expect(index.remove(20)).toBe(true);
    expect(index.remove(20)).toBe(false);
    expect(index.size).toBe(2);
    expect(index.has(30)).toBe(true);
    expect(index.search([0, 0, 1], 5).map((n) => n.id)).toEqual([30, 10]);
    expect(index.search([0, 0, 1], 5, { exclude: new Set([30]) }).map((n) => n.id)).toEqual([10]);
    expect(Array.from(index.get(30) ?? [])).toEqual([0, 0, 1]);
    expect(index.ids().sort()).toEqual([10, 30]);
  });

  it('grows past its reserved capacity without losing vectors', () => {
    const dim = 16;
    const index = new VectorIndex({ dim, quantize: true });
    const rows = randomRows(5000, dim, 3);
    for (let i = 0; i < 5000; i++) index.set(i, rows.subarray(i * dim, (i + 1) * dim));
    for (const probe of [0, 1234, 4999]) {
      expect(index.search(rows.subarray(probe * dim, (probe + 1) * dim), 1)[0].id).toBe(probe);
    }
  });

  it('rejects vectors of the wrong length', () => {
    const index = new VectorIndex({ dim: 4 });
    expect(() => index.set(1, [1, 2, 3])).toThrow(/3 values/);
    expect(() => index.search([1, 2], 3)).toThrow(/2 values/);
  });
});

describe('VectorIndex.scoreAll', () => {
  it('scores every vector in storage order, matching search', () => {
    const dim = 24;
    const rows = randomRows(1500, dim, 5);
    const ids = Array.from({ length: 1500 }, (_, i) => i + 1);
    for (const quantize of [false, true]) {
      const index = VectorIndex.from(ids, rows, { dim, quantize });
      const q = randomRows(1, dim, 77);
      const all = index.scoreAll(q);
      expect(all.ids.length).toBe(1500);
      const best = index.search(q, 1)[0];
      const at = Array.from(all.ids).indexOf(best.id);
      expect(all.scores[at]).toBeCloseTo(best.score, 5);
      expect(Math.max(...all.scores)).toBeCloseTo(best.score, 5);
    }
  });
});

describe('VectorIndex.scoreBoth', () => {
  it('scores two queries in one pass with exactly the scores of two scoreAll calls', () => {
    // 2,500 rows: more than one kernel block; dim 64 and 20 (padding inside the stride).
    for (const dim of [64, 20]) {
      const rows = randomRows(2500, dim, 9);
      const ids = Array.from({ length: 2500 }, (_, i) => i);
      for (const metric of ['dot', 'cosine'] as const) {
        const index = VectorIndex.from(ids, rows, { dim, metric });
        const a = randomRows(1, dim, 31);
        const b = randomRows(1, dim, 32);
        const out = new Float32Array(2500);
        const out2 = new Float32Array(2500);
        index.scoreBoth(a, b, out, out2);
        expect(Array.from(out)).toEqual(Array.from(index.scoreAll(a).scores));
        expect(Array.from(out2)).toEqual(Array.from(index.scoreAll(b).scores));
        expect(out.some((x, i) => x !== out2[i])).toBe(true);
      }
    }
  });

  it('refuses score arrays shorter than the index', () => {
    const index = VectorIndex.from([1, 2], randomRows(2, 8), { dim: 8 });
    const q = randomRows(1, 8);
    expect(() => index.scoreBoth(q, q, new Float32Array(1), new Float32Array(2))).toThrow(
      /must hold 2/,
    );
  });
});

describe('VectorIndex int8 error bounds', () => {
  // 64 (the recommender's content vectors), 384 (text embeddings), 37 (padding inside the stride).
  for (const dim of [64, 384, 37]) {
    it(`bounds how far each int8 score is from the float32 index's (dim ${dim})`, () => {
      const n = 3000;
      const rows = randomRows(n, dim, dim + 5);
      // Some rows with one dominant component: the coarsest quantisation step for the rest.
      for (let i = 0; i < n; i += 7) rows[i * dim] = 40;
      const ids = Array.from({ length: n }, (_, i) => i);
      for (const metric of ['dot', 'cosine'] as const) {
        const f32 = VectorIndex.from(ids, rows, { dim, metric });
        const i8 = VectorIndex.from(ids, rows, { dim, metric, quantize: true });
        const a = randomRows(1, dim, 41);
        const b = randomRows(1, dim, 42);
        const [exact, exact2, approx, approx2] = Array.from(
          { length: 4 },
          () => new Float32Array(n),
        );
        f32.scoreBoth(a, b, exact, exact2);
        i8.scoreBoth(a, b, approx, approx2);
        const sums = new Int32Array(n);
        const sums2 = new Int32Array(n);
        const bounds = i8.scoreBothBounded(a, b, sums, sums2);
        // The sums read as the index's own scores.
        expect(ids.map((i) => Math.fround(sums[i] * bounds.scale[i] * bounds.queryScale))).toEqual(
          Array.from(approx),
        );
        expect(
          ids.map((i) => Math.fround(sums2[i] * bounds.scale[i] * bounds.queryScale2)),
        ).toEqual(Array.from(approx2));
        const err = ids.map((i) => bounds.scale[i] * bounds.a + bounds.l1[i] * bounds.b);
        const err2 = ids.map((i) => bounds.scale[i] * bounds.a2 + bounds.l1[i] * bounds.b2);
        expect(Array.from(approx)).toEqual(Array.from(i8.scoreAll(a).scores));
        let worst = 0;
        let outside = 0;
        for (let i = 0; i < n; i++) {
          if (Math.abs(exact[i] - approx[i]) > err[i]) outside += 1;
          if (Math.abs(exact2[i] - approx2[i]) > err2[i]) outside += 1;
          worst = Math.max(worst, Math.abs(exact[i] - approx[i]) / err[i]);
        }
        expect(outside).toBe(0);
        // Not vacuous: the bound is within a small factor of the errors that occur.
        expect(worst).toBeGreaterThan(0.02);
        // Row by row, the same scores as the full passes.
        const some = Int32Array.from([5, 0, n - 1, 77]);
        const out = new Float32Array(4);
        const out2 = new Float32Array(4);
        f32.scoreIds(a, b, some, 4, out, out2);
        expect(Array.from(out)).toEqual(Array.from(some, (i) => exact[i]));
        expect(Array.from(out2)).toEqual(Array.from(some, (i) => exact2[i]));
        i8.scoreIds(a, b, some, 4, out, out2);
        expect(Array.from(out)).toEqual(Array.from(some, (i) => approx[i]));
        expect(Array.from(out2)).toEqual(Array.from(some, (i) => approx2[i]));
      }
    });
  }
});

describe('VectorIndex int8 search rescored in float32', () => {
  it('returns exactly the float32 search, with exclusions and filters, on clustered and uniform vectors', () => {
    const dim = 96;
    const n = 6000;
    const next = rng(12);
    const centres = randomRows(60, dim, 13);
    const clustered = new Float32Array(n * dim);
    for (let i = 0; i < n; i++) {
      const c = Math.floor(next() * 60);
      for (let j = 0; j < dim; j++)
        // Every seventh row repeats the one before: equal scores, decided by id.
        clustered[i * dim + j] =
          i % 7 === 6 ? clustered[(i - 1) * dim + j] : centres[c * dim + j] + 0.3 * (next() - 0.5);
    }
    for (const rows of [clustered, randomRows(n, dim, 14)]) {
      const ids = Array.from({ length: n }, (_, i) => i * 2 + 1);
      for (const metric of ['dot', 'cosine'] as const) {
        const f32 = VectorIndex.from(ids, rows, { dim, metric });
        const i8 = VectorIndex.from(ids, rows, { dim, metric, quantize: true });
        for (let qi = 0; qi < 20; qi++) {
          const q = rows.slice(qi * 97 * dim, (qi * 97 + 1) * dim);
          const exclude = new Set([qi * 194 + 1]);
          const filter = (id: number): boolean => id % 3 !== 0;
          expect(i8.search(q, 50, { exact: f32, exclude, filter })).toEqual(
            f32.search(q, 50, { exclude, filter }),
          );
        }
      }
    }
  });
});
