/**
 * First-run picks: the artists the person chose under "Who do you love?" (likes with context
 * 'cold-start'). They are a start, not listening: until the person has heard a track by the
 * artist through, suggestions seeded by the pick say "Because you picked X", never "You liked
 * this".
 */
import type { RecordedEvent } from '../../shared/recommend';
import type { RecommenderState } from './state';

/** The context the first-run screen sends with its likes. */
export const COLD_START_CONTEXT = 'cold-start';

/** Per state: normalised artist → the artist as tagged. */
const picked = new WeakMap<RecommenderState, Map<string, string>>();

/** Folds one event into the picks (called for every event, in log order). */
export function notePick(state: RecommenderState, e: RecordedEvent): void {
  const r = state.catalog.row(e.trackId);
  if (r < 0) return;
  const t = state.catalog.tracks[r];
  if (!t.artistKey) return;
  let m = picked.get(state);
  if (e.kind === 'like' && e.context === COLD_START_CONTEXT) {
    if (!m) picked.set(state, (m = new Map()));
    m.set(t.artistKey, t.artist);
  } else if (e.kind === 'complete' || e.kind === 'replay') m?.delete(t.artistKey);
}

/** The artist's name when the person picked it at first run and has not listened to it since. */
export function pickedArtist(state: RecommenderState, artistKey: string): string | null {
  return picked.get(state)?.get(artistKey) ?? null;
}
