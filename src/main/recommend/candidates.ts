/**
 * Candidate generation: one pass over the catalog's content vectors collects, among the allowed
 * rows, the nearest neighbours of the playing track, the rows closest to the session direction and
 * the taste model's top; co-listening followers and a little random exploration are added. The
 * result is a few hundred rows for the ranking step to score exactly.
 */
import type { CandidateSource } from '../../shared/recommend';
import { CONTENT_DIM } from './content';
import type { Catalog } from './catalog';
import type { TasteModel } from './taste-model';

export interface CandidateQuery {
  catalog: Catalog;
  /** 1 = may be suggested. */
  mask: Uint8Array;
  /** Row of the playing track, or −1. */
  current: number;
  sessionVector: Float32Array | null;
  model: TasteModel;
  /** Per row, the sum of the model's stored named-feature weights (see taste-sums.ts). */
  tasteSums: Float64Array;
  /** Weights of closeness to the current track, taste and session in the combined score (the
   * ranking's linear part, so the scan collects what ranking will like). */
  weights: { sim: number; taste: number; session: number };
  /** Rows enjoyed after the current / recent tracks (co-listening). */
  followers: number[];
  /** How many of each kind to collect: nearest neighbours, best by the combined score, random. */
  k: { neighbour: number; combined: number; explore: number };
  random: () => number;
}

/**
 * Candidate rows with the sources that proposed each. One SIMD pass over the catalog scores two
 * queries: the playing track (neighbours) and one combined query (w_sim·current + w_taste·taste +
 * w_session·session — linear, so one vector), adds the taste model's named-feature weights (kept
 * summed per row between events) to the combined score and keeps the best of each.
 */
export function generateCandidates(q: CandidateQuery): Map<number, CandidateSource[]> {
  const { catalog, mask, current, weights: w } = q;
  const v = catalog.vectors;
  const n = catalog.size;
  const D = CONTENT_DIM;
  const cur = current >= 0 ? catalog.vector(current) : new Float32Array(D);
  const comb = new Float32Array(D);
  const td = q.model.denseNow();
  const sv = q.sessionVector ?? new Float32Array(D);
  for (let j = 0; j < D; j++) comb[j] = w.sim * cur[j] + w.taste * td[j] + w.session * sv[j];
  const sparseW = w.taste * q.model.scaleNow;
  // The same rows as scoring every row in float32 (`catalog.scoreBoth`) and keeping the best, at
  // the cost of an int8 pass.
  const { a: near, b: best } = catalog.topBoth(
    cur,
    comb,
    { a: current >= 0 ? q.k.neighbour : 0, b: q.k.combined },
    mask,
    q.tasteSums,
    sparseW,
  );
  const out = new Map<number, CandidateSource[]>();
  const add = (r: number, s: CandidateSource): void => {
    const list = out.get(r);
    if (list) {
      if (!list.includes(s)) list.push(s);
    } else out.set(r, [s]);
  };
  for (const r of near.sorted()) add(r, 'neighbour');
  const hasSession = q.sessionVector !== null;
  for (const r of best.sorted()) {
    // Name the part of the combined score that put this row here.
    const o = r * D;
    let t = 0;
    let s = 0;
    for (let j = 0; j < D; j++) {
      t += td[j] * v[o + j];
      s += sv[j] * v[o + j];
    }
    add(
      r,
      hasSession && w.session * s > w.taste * t
        ? 'session'
        : current >= 0 && w.taste * t <= 0
          ? 'neighbour'
          : 'taste',
    );
  }
  for (const r of q.followers) if (r >= 0 && mask[r]) add(r, 'co-listen');
  // Exploration: uniform picks among allowed rows (bounded tries so a tiny library cannot loop).
  let picked = 0;
  for (let tries = 0; picked < q.k.explore && tries < q.k.explore * 20 && n > 0; tries++) {
    const r = Math.floor(q.random() * n);
    if (!mask[r] || out.has(r)) continue;
    add(r, 'explore');
    picked += 1;
  }
  return out;
}
