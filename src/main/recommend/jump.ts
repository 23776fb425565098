/**
 * A change of direction. Early skips in a row say the music has drifted from what the person wants
 * now (a change of mood, a different moment of the day); edging away from the skipped sound one
 * step at a time is slow, and the long-term taste keeps pulling back to it. Instead Up Next jumps
 * to another place the person has enjoyed before: a track from their own history, kept more often
 * than skipped, that sounds least like what they just skipped.
 */
import type { TrackId } from '../../shared/library';
import { TopK } from '../vectors/top-k';
import { livePools } from './live-pools';
import type { Session } from './session';
import type { RecommenderState } from './state';

/** Early skips in a row before Up Next changes direction (one skip is just one song). */
export const JUMP_AFTER_SKIPS = 2;
/** How many of the most recently played kept tracks are considered as places to jump to. */
const POOL = 400;
/** Skipped tracks of the session the jump moves away from (the newest). */
const SKIPPED = 5;

/**
 * The catalog row to continue from after a run of early skips, or −1 when there is nowhere
 * better to go (no sound measured, or no kept track with a measured sound).
 */
export function jumpAnchor(
  state: RecommenderState,
  session: Session,
  random: () => number,
): number {
  const { catalog, history } = state;
  if (!catalog.features.includes('sound')) return -1;
  const skipped = session.signals
    .filter((s) => s.value <= -1)
    .slice(-SKIPPED)
    .map((s) => catalog.row(s.trackId))
    .filter((r) => r >= 0 && catalog.tracks[r].hasSound);
  if (skipped.length === 0) return -1;
  const inSession = new Set<TrackId>(session.played);
  // The most recently played kept tracks, in one pass over the history's arrays in play order
  // (a long history holds tens of thousands; no map look-ups but for the few sets).
  const pool = new TopK(POOL);
  const rows = livePools(state).played.update(history).soundRows;
  const { playOrder, orderedLast, orderedPlays, orderedSkips, disliked } = history;
  for (let i = 0; i < playOrder.length; i++) {
    // In seconds, so that float32 keeps plays minutes apart in order.
    const at = orderedLast[i] / 1000;
    // Once the pool is full, a play older than its oldest is turned away whatever the checks
    // below say: test that first (most of a long history), with the same pool as visiting all.
    if (Math.fround(at) < pool.threshold) continue;
    const plays = orderedPlays[i];
    if (!plays || plays <= orderedSkips[i]) continue;
    const r = rows[i];
    if (r < 0) continue;
    const id = playOrder[i];
    if ((disliked.size > 0 && disliked.has(id)) || inSession.has(id)) continue;
    pool.push(r, at);
  }
  let best = -1;
  let bestValue = -Infinity;
  for (let i = 0; i < pool.size; i++) {
    const r = pool.rows[i];
    const id = catalog.tracks[r].id;
    let near = -1;
    for (const s of skipped) near = Math.max(near, catalog.soundSimilarity(r, s));
    const plays = history.plays.get(id) ?? 0;
    const keptShare = plays / (plays + (history.skips.get(id) ?? 0));
    // Far from the skipped sound first; among similar distances, what was kept most reliably,
    // with a little chance so repeated jumps do not always land on the same track.
    const value = keptShare - near + 0.1 * random();
    if (value > bestValue) {
      bestValue = value;
      best = r;
    }
  }
  return best;
}
