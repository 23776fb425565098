/**
 * First-run picks: the artists the person chose under "Who do you love?" (likes with context
 * 'cold-start'). They are a start, not listening: until the person has heard a track by the
 * artist through, suggestions seeded by the pick say "Because you picked X", never "You liked
 * this".
 */
import { COLD_START_CONTEXT, type RecordedEvent } from '../../shared/recommend';
import type { Catalog } from './catalog';

/** The part of the recommender's state the picks live in (state.ts holds them). */
export interface PickState {
  catalog: Catalog;
  /** Normalised artist → the artist as tagged. */
  picks: Map<string, string>;
}

/** Folds one event into the picks (called for every event, in log order). */
export function notePick(state: PickState, e: RecordedEvent): void {
  const r = state.catalog.row(e.trackId);
  if (r < 0) return;
  const t = state.catalog.tracks[r];
  if (!t.artistKey) return;
  if (e.kind === 'like' && e.context === COLD_START_CONTEXT) state.picks.set(t.artistKey, t.artist);
  else if (e.kind === 'complete' || e.kind === 'replay') state.picks.delete(t.artistKey);
}

/** The artist's name when the person picked it at first run and has not listened to it since. */
export function pickedArtist(state: PickState, artistKey: string): string | null {
  return state.picks.get(artistKey) ?? null;
}
