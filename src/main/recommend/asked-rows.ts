/**
 * What a list the person asks for now — a station, a journey, a mood playlist — may hold: the Up
 * Next rules (exclusions, disliked tracks, avoided artists) without the no-repeat window, since
 * recently played tracks belong in a list asked for by name; artists the person asked for (an
 * artist station's artist) are kept even if avoided.
 */
import type { TrackId } from '../../shared/library';
import { allowedMask } from './rules';
import type { RecommenderState } from './state';
import { avoidedArtists } from './taste-view';

export function askedForMask(
  st: RecommenderState,
  now: number,
  opts: { exclude?: ReadonlySet<TrackId>; askedArtists?: readonly string[] } = {},
): Uint8Array {
  return allowedMask({
    catalog: st.catalog,
    settings: { ...st.settings, noRepeatHours: 0 },
    lastPlayed: new Map(),
    disliked: st.history.disliked,
    exclude: opts.exclude ?? new Set(),
    now,
    avoidedArtists: avoidedArtists(st, opts.askedArtists),
  });
}
