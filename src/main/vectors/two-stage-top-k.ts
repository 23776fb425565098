/**
 * Exact top-k lists of two queries over the same rows, at the cost of an int8 scan: one pass over
 * an int8 copy of the vectors gives each row an approximate score with an error bound
 * (`VectorIndex.scoreBothBounded`); a row whose best possible score cannot reach the k-th best
 * guaranteed score is ruled out, and only the rest are scored again from the float32 copy. The
 * lists are then exactly those of a full float32 scan — same rows, same order — because `TopK`'s
 * order (score, then id) does not depend on which superset of rows it is given or in what order.
 */
import { TopK } from './top-k';
import type { VectorIndex } from './vector-index';

export interface TwoStageQuery {
  /** The same vectors, int8 and float32, with ids 0 … n−1 in storage order (id = row). */
  coarse: VectorIndex;
  exact: VectorIndex;
  query: Float32Array;
  query2: Float32Array;
  /** How many to keep for each query (0 = none). */
  k: number;
  k2: number;
  /** Rows that may be kept: allowed[r] !== 0. */
  allowed: Uint8Array;
  /** Added to query 2's score of each row, exactly: score2 = dot + add2Scale · add2[r]. */
  add2: Float64Array;
  add2Scale: number;
}

/** Scratch arrays reused from call to call (a 100,000-row scan allocates nothing of its size). */
export class TwoStageBuffers {
  sums = new Int32Array(0);
  sums2 = new Int32Array(0);
  rows = new Int32Array(0);
  /** Upper bounds of the rows kept by the int8 pass, per query. */
  ub = new Float64Array(0);
  ub2 = new Float64Array(0);
  exact = new Float32Array(0);
  exact2 = new Float32Array(0);

  ensure(n: number): this {
    if (this.sums.length >= n) return this;
    this.sums = new Int32Array(n);
    this.sums2 = new Int32Array(n);
    this.rows = new Int32Array(n);
    this.ub = new Float64Array(n);
    this.ub2 = new Float64Array(n);
    this.exact = new Float32Array(n);
    this.exact2 = new Float32Array(n);
    return this;
  }
}

/** A threshold lowered by what float32 rounding can lift an unrounded score by (a score just
 * under a float32 threshold may round up to it). */
function below(threshold: number): number {
  return threshold - Math.abs(threshold) * 2 ** -20;
}

/**
 * The two exact top-k lists (as `TopK`s) of `q.query` and `q.query2` among allowed rows, and how
 * many rows were scored exactly.
 */
export function twoStageTopK(
  q: TwoStageQuery,
  buf: TwoStageBuffers,
): { top: TopK; top2: TopK; rescored: number } {
  const n = q.coarse.size;
  const { sums, sums2, rows, ub, ub2, exact, exact2 } = buf.ensure(n);
  const bounds = q.coarse.scoreBothBounded(q.query, q.query2, sums, sums2);
  const { scale, l1, a, b, a2, b2, queryScale: sq, queryScale2: sq2 } = bounds;
  const { allowed, add2, add2Scale: w, k, k2 } = q;
  // Lower bounds of the exact scores: their k-th best is a floor no kept row can be under, and
  // it only rises during the pass. A row whose upper bound is under both floors is out.
  const floor = new TopK(k);
  const floor2 = new TopK(k2);
  let t = k > 0 ? -Infinity : Infinity;
  let t2 = k2 > 0 ? -Infinity : Infinity;
  let m = 0;
  for (let r = 0; r < n; r++) {
    if (allowed[r] === 0) continue;
    const sr = scale[r];
    const e = sr * a + l1[r] * b;
    const e2 = sr * a2 + l1[r] * b2;
    const s = sums[r] * sr * sq;
    const s2 = sums2[r] * sr * sq2 + w * add2[r];
    if (s + e < t && s2 + e2 < t2) continue;
    rows[m] = r;
    ub[m] = s + e;
    ub2[m] = s2 + e2;
    m += 1;
    if (k > 0) {
      floor.push(r, s - e);
      t = below(floor.threshold);
    }
    if (k2 > 0) {
      floor2.push(r, s2 - e2);
      t2 = below(floor2.threshold);
    }
  }
  // Drop what the final floors rule out, score the rest exactly.
  let kept = 0;
  for (let i = 0; i < m; i++) {
    if (ub[i] >= t || ub2[i] >= t2) rows[kept++] = rows[i];
  }
  q.exact.scoreIds(q.query, q.query2, rows, kept, exact, exact2);
  const top = new TopK(k);
  const top2 = new TopK(k2);
  for (let i = 0; i < kept; i++) {
    top.push(rows[i], exact[i]);
    top2.push(rows[i], exact2[i] + w * add2[rows[i]]);
  }
  return { top, top2, rescored: kept };
}
