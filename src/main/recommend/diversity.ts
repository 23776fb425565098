/**
 * Diversity: builds the final list from ranked candidates by maximal marginal relevance — each
 * slot takes the candidate that best balances its score against its similarity to what is already
 * chosen — while honouring artist spacing (at most one track per artist within K slots, counting
 * what was just played).
 */
import type { Catalog } from './catalog';
import type { Metric } from './distance';
import type { Scored } from './ranking';
import { respectsArtistSpacing } from './rules';

export interface DiversifyOptions {
  count: number;
  /** 0–1: 1 = pure score order, lower = more spread. */
  lambda: number;
  /** Artist spacing K (≥ 1). */
  spacing: number;
  /** Artists of the tracks just played / playing, oldest first. */
  recentArtists: string[];
  metric: Metric;
  /** How many of the best-scored candidates to consider (bounds the cost). */
  pool?: number;
}

/** MMR selection with artist spacing; relaxes spacing only when nothing else is left. */
export function diversify(catalog: Catalog, ranked: Scored[], o: DiversifyOptions): Scored[] {
  const pool = ranked.slice(0, o.pool ?? Math.max(60, o.count * 5));
  if (pool.length === 0) return [];
  const hi = pool[0].score;
  const lo = pool[pool.length - 1].score;
  const span = hi - lo || 1;
  const rel = pool.map((s) => (s.score - lo) / span);
  // Most similar already-chosen item per pool entry (1 − distance), updated after each pick.
  const maxSim = new Float32Array(pool.length).fill(-1);
  const taken = new Uint8Array(pool.length);
  const artists = [...o.recentArtists];
  const out: Scored[] = [];
  while (out.length < o.count) {
    let best = -1;
    let bestVal = -Infinity;
    let fallback = -1;
    let fallbackVal = -Infinity;
    for (let i = 0; i < pool.length; i++) {
      if (taken[i]) continue;
      const penalty = maxSim[i] < 0 ? 0 : maxSim[i];
      const val = o.lambda * rel[i] - (1 - o.lambda) * penalty;
      const artist = catalog.tracks[pool[i].row].artistKey;
      if (respectsArtistSpacing(artist, artists, o.spacing)) {
        if (val > bestVal) {
          bestVal = val;
          best = i;
        }
      } else if (val > fallbackVal) {
        fallbackVal = val;
        fallback = i;
      }
    }
    const pick = best >= 0 ? best : fallback;
    if (pick < 0) break;
    taken[pick] = 1;
    out.push(pool[pick]);
    artists.push(catalog.tracks[pool[pick].row].artistKey);
    for (let i = 0; i < pool.length; i++) {
      if (taken[i]) continue;
      const s = 1 - o.metric.distance(catalog, pool[i].row, pool[pick].row);
      if (s > maxSim[i]) maxSim[i] = s;
    }
  }
  return out;
}
