/**
 * Exact top-k lists of two queries over the same rows, at the cost of an int8 scan: one pass over
 * an int8 copy of the vectors gives each row an approximate score with an error bound
 * (`VectorIndex.scoreBothBounded`); a row whose best possible score cannot reach the k-th best
 * guaranteed score is ruled out, and only the rest (a few hundred of 100,000 rows) are scored
 * again from the float32 copy. The lists are then exactly those of a full float32 scan — same
 * rows, same order — because `TopK`'s order (score, then id) does not depend on which superset of
 * rows it is given or in what order. The int8 rows are 4× smaller, and the scan reads memory once.
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
  approx = new Float32Array(0);
  approx2 = new Float32Array(0);
  err = new Float32Array(0);
  err2 = new Float32Array(0);
  rows = new Int32Array(0);
  exact = new Float32Array(0);
  exact2 = new Float32Array(0);

  ensure(n: number): this {
    if (this.approx.length >= n) return this;
    this.approx = new Float32Array(n);
    this.approx2 = new Float32Array(n);
    this.err = new Float32Array(n);
    this.err2 = new Float32Array(n);
    this.rows = new Int32Array(n);
    this.exact = new Float32Array(n);
    this.exact2 = new Float32Array(n);
    return this;
  }
}

/** How far below a float32 threshold an unrounded score may be and still round up to it. */
function slack(threshold: number): number {
  return Math.abs(threshold) * 2 ** -20 + 1e-30;
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
  const b = buf.ensure(n);
  q.coarse.scoreBothBounded(q.query, q.query2, b.approx, b.approx2, b.err, b.err2);
  const { approx, approx2, err, err2, rows } = b;
  const { allowed, add2, add2Scale: w } = q;
  // Lower bounds of the exact scores: their k-th best is a floor no kept row can be under.
  const floor = new TopK(q.k);
  const floor2 = new TopK(q.k2);
  let m = 0;
  for (let r = 0; r < n; r++) {
    if (allowed[r] === 0) continue;
    const s2 = approx2[r] + w * add2[r];
    floor2.push(r, s2 - err2[r]);
    let keep = q.k2 > 0 && s2 + err2[r] >= floor2.threshold - slack(floor2.threshold);
    if (q.k > 0) {
      floor.push(r, approx[r] - err[r]);
      keep ||= approx[r] + err[r] >= floor.threshold - slack(floor.threshold);
    }
    if (keep) rows[m++] = r;
  }
  // The floors only rose during the pass: drop what the final ones rule out, score the rest.
  const t = floor.threshold - slack(floor.threshold);
  const t2 = floor2.threshold - slack(floor2.threshold);
  let kept = 0;
  for (let i = 0; i < m; i++) {
    const r = rows[i];
    if (
      (q.k > 0 && approx[r] + err[r] >= t) ||
      (q.k2 > 0 && approx2[r] + w * add2[r] + err2[r] >= t2)
    )
      rows[kept++] = r;
  }
  q.exact.scoreIds(q.query, q.query2, rows, kept, b.exact, b.exact2);
  const top = new TopK(q.k);
  const top2 = new TopK(q.k2);
  for (let i = 0; i < kept; i++) {
    top.push(rows[i], b.exact[i]);
    top2.push(rows[i], b.exact2[i] + w * add2[rows[i]]);
  }
  return { top, top2, rescored: kept };
}
