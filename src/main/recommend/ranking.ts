/**
 * Ranking: scores each candidate by what it has going for it — closeness to the playing track,
 * the long-term taste model, the session direction, co-listening and novelty — with weights that
 * follow the adventurousness setting (0 = stay close, 1 = surprise me).
 */
import type { CandidateSource } from '../../shared/recommend';
import { CONTENT_DIM } from './content';
import type { Catalog } from './catalog';
import type { TasteModel } from './taste-model';

/** Time constant of the "heard recently" penalty: 1 day (ms) — yesterday still feels worn, last
 * week does not. */
const RECENT_MS = 24 * 3600 * 1000;

export interface ScoreParts {
  /** Cosine similarity to the playing track, −1…1 (0 without one). */
  sim: number;
  /** Taste log-odds, −6…6. */
  taste: number;
  /** Alignment with the session direction, −1…1. */
  session: number;
  /** Times enjoyed right after the current or recent tracks. */
  co: number;
  /** 1 when the person never played this track. */
  novel: number;
  /** How recently it was played: 1 = just now, fading with a 1-day time constant; 0 = never. */
  recent: number;
}

export interface Scored {
  row: number;
  score: number;
  parts: ScoreParts;
  sources: CandidateSource[];
}

export interface RankInput {
  catalog: Catalog;
  candidates: Map<number, CandidateSource[]>;
  current: number;
  sessionVector: Float32Array | null;
  model: TasteModel;
  /** Co-listening count for a candidate row. */
  coCount: (row: number) => number;
  /** When the row was last played (unix ms), or undefined. */
  lastPlayedAt: (row: number) => number | undefined;
  /** Unix ms. */
  now: number;
  /** 0–1. */
  adventurousness: number;
  /** Early skips in a row at the end of the session. */
  skipStreak?: number;
  random: () => number;
}

/** The weights of the score parts at a given adventurousness (0–1) and number of early skips in
 * a row at the end of the session. */
export function rankWeights(
  a: number,
  skipStreak = 0,
): {
  sim: number;
  taste: number;
  session: number;
  co: number;
  novel: number;
  recent: number;
  noise: number;
} {
  return {
    // Staying close means following the playing track; surprising means letting go of it.
    sim: 1.4 * (1 - 0.6 * a) * Math.pow(0.5, Math.min(skipStreak, 4)),
    // Per unit of log-odds: a clear learned preference (±2) outweighs a small step in sound.
    taste: 0.6,
    session: 1.2,
    // Heard-together evidence is the most personal signal there is: two co-plays ≈ a close neighbour.
    co: 0.9,
    novel: 0.5 * a,
    // Beyond the no-repeat window, what was heard in the last days still feels worn.
    recent: 0.6,
    // A little randomness among near-equals keeps stations from being the same every time.
    noise: 0.02 + 0.25 * a,
  };
}

/** Scores every candidate; best first. */
export function rankCandidates(input: RankInput): Scored[] {
  const { catalog, current, sessionVector: sv } = input;
  const w = rankWeights(Math.min(1, Math.max(0, input.adventurousness)), input.skipStreak ?? 0);
  const out: Scored[] = [];
  for (const [row, sources] of input.candidates) {
    const last = input.lastPlayedAt(row);
    const parts: ScoreParts = {
      sim: current >= 0 ? catalog.similarity(current, row) : 0,
      taste: input.model.logit(catalog, row),
      session: sv ? dot(sv, catalog.vectors, row * CONTENT_DIM) : 0,
      co: input.coCount(row),
      novel: last === undefined ? 1 : 0,
      recent: last === undefined ? 0 : Math.exp(-Math.max(0, input.now - last) / RECENT_MS),
    };
    const score =
      w.sim * parts.sim +
      w.taste * parts.taste +
      w.session * parts.session +
      w.co * Math.log1p(parts.co) +
      w.novel * parts.novel -
      w.recent * parts.recent +
      w.noise * input.random();
    out.push({ row, score, parts, sources });
  }
  return out.sort((a, b) => b.score - a.score);
}

function dot(a: Float32Array, v: Float32Array, o: number): number {
  let s = 0;
  for (let j = 0; j < CONTENT_DIM; j++) s += a[j] * v[o + j];
  return s;
}
