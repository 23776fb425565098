/**
 * Diversity: builds the final list from ranked candidates by maximal marginal relevance — each
 * slot takes the candidate that best balances its score against its similarity to what is already
 * chosen — while honouring artist spacing (at most one track per artist within K slots, counting
 * what was just played). Spacing serves the person, not the other way round: an artist holding a
 * large share of the pool gets a proportionally shorter spacing, and a clearly better pick is
 * never pushed down for a clearly worse one. Exploration picks are few and never lead the list.
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
  /** At most this many picks that only exploration proposed (default: a fifth of the list). */
  maxExplore?: number;
}

/** A pick that spacing would hold back still takes the slot when its score beats the best
 * allowed pick by this much: about a 0.7 step in similarity to the playing track, or two
 * co-plays — a difference a person hears, not noise. */
export const CLEAR_GAP = 1;

/**
 * Spacing for one artist: K, shortened when the artist holds more than 1/K of the pool (with 41 of
 * 71 tracks by one artist, K = 3 would keep it out of two thirds of the slots although most good
 * picks are its own).
 */
export function spacingFor(share: number, spacing: number): number {
  if (share <= 0) return spacing;
  return Math.max(1, Math.min(spacing, Math.floor(1 / share)));
}

const exploreOnly = (s: Scored): boolean =>
  s.sources.length > 0 && s.sources.every((x) => x === 'explore');

/** MMR selection with proportional artist spacing; see the header. */
export function diversify(catalog: Catalog, ranked: Scored[], o: DiversifyOptions): Scored[] {
  const pool = ranked.slice(0, o.pool ?? Math.max(60, o.count * 5));
  if (pool.length === 0) return [];
  const hi = pool[0].score;
  const lo = pool[pool.length - 1].score;
  const span = hi - lo || 1;
  const rel = pool.map((s) => (s.score - lo) / span);
  const artistOf = pool.map((s) => catalog.tracks[s.row].artistKey);
  const perArtist = new Map<string, number>();
  for (const a of artistOf) perArtist.set(a, (perArtist.get(a) ?? 0) + 1);
  const spacing = new Map<string, number>();
  for (const [a, n] of perArtist) spacing.set(a, spacingFor(n / pool.length, o.spacing));
  const maxExplore = o.maxExplore ?? Math.max(1, Math.round(o.count / 5));
  let explored = 0;
  // Most similar already-chosen item per pool entry (1 − distance), updated after each pick.
  const maxSim = new Float32Array(pool.length).fill(-1);
  const taken = new Uint8Array(pool.length);
  const artists = [...o.recentArtists];
  const out: Scored[] = [];
  while (out.length < o.count) {
    let best = -1;
    let bestVal = -Infinity;
    let held = -1;
    let heldVal = -Infinity;
    for (let i = 0; i < pool.length; i++) {
      if (taken[i]) continue;
      const explore = exploreOnly(pool[i]);
      // Exploration never leads the list and stays a few picks, unless nothing else is left.
      if (explore && (out.length === 0 || explored >= maxExplore)) continue;
      const penalty = maxSim[i] < 0 ? 0 : maxSim[i];
      const val = o.lambda * rel[i] - (1 - o.lambda) * penalty;
      const k = spacing.get(artistOf[i]) ?? o.spacing;
      if (respectsArtistSpacing(artistOf[i], artists, k)) {
        if (val > bestVal) {
          bestVal = val;
          best = i;
        }
      } else if (val > heldVal) {
        heldVal = val;
        held = i;
      }
    }
    let pick = best;
    if (held >= 0 && (best < 0 || pool[held].score - pool[best].score > CLEAR_GAP)) pick = held;
    if (pick < 0) pick = firstLeft(taken);
    if (pick < 0) break;
    taken[pick] = 1;
    if (exploreOnly(pool[pick])) explored++;
    out.push(pool[pick]);
    artists.push(artistOf[pick]);
    for (let i = 0; i < pool.length; i++) {
      if (taken[i]) continue;
      const s = 1 - o.metric.distance(catalog, pool[i].row, pool[pick].row);
      if (s > maxSim[i]) maxSim[i] = s;
    }
  }
  return out;
}

/** The best-ranked entry not taken yet (the pool is in score order), or −1. */
function firstLeft(taken: Uint8Array): number {
  for (let i = 0; i < taken.length; i++) if (!taken[i]) return i;
  return -1;
}
