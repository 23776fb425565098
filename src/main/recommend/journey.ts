/**
 * Sonic journey: from song A to song B (through optional waypoints) in N steps that move smoothly
 * through the content space — each step is the unused allowed track nearest to the point that far
 * along the straight line between the two ends, avoiding the previous step's artist.
 */
import type { TrackId } from '../../shared/library';
import type { Reason, ReasonTrack, UpNextItem } from '../../shared/recommend';
import { reasonText } from '../../shared/reason-text';
import { CONTENT_DIM } from './content';
import type { Catalog } from './catalog';
import { askedForMask } from './asked-rows';
import type { RecommenderState } from './state';

export interface JourneyStep {
  row: number;
  /** Leg index (0 = from stop 0 to stop 1). */
  leg: number;
  /** How far along the leg this step's target point lies, 0–1. */
  t: number;
}

/** Steps of the journey, ends included; `stops` are the rows to pass through, in order (≥ 2). */
export function planJourney(
  c: Catalog,
  stops: number[],
  steps: number,
  mask: Uint8Array,
): JourneyStep[] {
  const legs = stops.length - 1;
  const inner = Math.max(0, steps - stops.length);
  // Steps per leg in proportion to its length, so long legs get more intermediate tracks.
  const lengths = Array.from({ length: legs }, (_, i) =>
    Math.max(1e-3, 1 - c.similarity(stops[i], stops[i + 1])),
  );
  const total = lengths.reduce((a, b) => a + b, 0);
  const per = lengths.map((l) => Math.floor((inner * l) / total));
  for (
    let left = inner - per.reduce((a, b) => a + b, 0), i = 0;
    left > 0;
    left--, i = (i + 1) % legs
  )
    per[i] += 1;
  const used = new Set<number>(stops);
  const out: JourneyStep[] = [{ row: stops[0], leg: 0, t: 0 }];
  for (let leg = 0; leg < legs; leg++) {
    const a = c.vector(stops[leg]);
    const b = c.vector(stops[leg + 1]);
    for (let s = 1; s <= per[leg]; s++) {
      const t = s / (per[leg] + 1);
      const target = new Float32Array(CONTENT_DIM);
      for (let j = 0; j < CONTENT_DIM; j++) target[j] = (1 - t) * a[j] + t * b[j];
      const prevArtist = c.tracks[out[out.length - 1].row].artistKey;
      const row = nearest(c, target, mask, used, prevArtist);
      if (row < 0) break;
      used.add(row);
      out.push({ row, leg, t });
    }
    out.push({ row: stops[leg + 1], leg, t: 1 });
  }
  return out;
}

function nearest(
  c: Catalog,
  target: Float32Array,
  mask: Uint8Array,
  used: Set<number>,
  avoidArtist: string,
): number {
  let best = -1;
  let bestS = -Infinity;
  for (let r = 0; r < c.size; r++) {
    if (!mask[r] || used.has(r)) continue;
    const o = r * CONTENT_DIM;
    let s = 0;
    for (let j = 0; j < CONTENT_DIM; j++) s += target[j] * c.vectors[o + j];
    // Same artist twice in a row is allowed only when clearly the best fit.
    if (c.tracks[r].artistKey === avoidArtist) s -= 0.1;
    if (s > bestS) {
      bestS = s;
      best = r;
    }
  }
  return best;
}

/** The journey through the tracks `ids` (ends and waypoints) in `steps` items, with reasons. */
export function journeyItems(
  st: RecommenderState,
  ids: TrackId[],
  steps: number,
  now: number,
): UpNextItem[] {
  const stops = ids.map((id) => st.catalog.row(id));
  const missing = ids.filter((_, i) => stops[i] < 0);
  if (missing.length)
    throw new Error(`not in the library (or missing): track ${missing.join(', ')}`);
  // A journey is asked for explicitly: recently played tracks may be on the way.
  const mask = askedForMask(st, now);
  const plan = planJourney(st.catalog, stops, Math.min(100, Math.max(stops.length, steps)), mask);
  const ref = (r: number): ReasonTrack => ({
    trackId: st.catalog.tracks[r].id,
    title: st.catalog.tracks[r].title,
  });
  return plan.map((p, i) => {
    const t = st.catalog.tracks[p.row];
    const isStop = p.t === 0 || p.t === 1;
    const why: Reason = isStop
      ? { kind: 'seed', facts: { seed: t.title } }
      : {
          kind: 'journey',
          facts: {
            from: ref(stops[p.leg]),
            to: ref(stops[p.leg + 1]),
            percent: Math.round(p.t * 100),
          },
        };
    return {
      trackId: t.id,
      reason: reasonText(why),
      reasonKind: why.kind,
      why,
      score: plan.length - i,
      sources: ['neighbour'],
    };
  });
}
