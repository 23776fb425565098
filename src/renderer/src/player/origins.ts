/**
 * Where each queue entry came from, for the recommender ("where the play came from"): the
 * entries of a queue the person started carry that queue's source (an album's tracks are a
 * 'playlist' play), the tracks the auto-DJ appends and the Up Next picks carry 'upnext'. The
 * snapshot keeps the ids (`queue`) and their origins (`origins`) side by side, as the store saves
 * them; the player edits its queue as entries, so the two never drift apart.
 */
import type { PlayerState, QueueSource } from '../../../shared/app-state';
import type { TrackId } from '../../../shared/library';
import type { FeedbackSource } from '../../../shared/recommend';

/** A queue entry: the track and where it was queued from. */
export interface QueueEntry {
  id: TrackId;
  origin: FeedbackSource;
}

/** What of the player's state says where its entries came from. */
export type OriginState = Pick<PlayerState, 'queue' | 'origins' | 'source'>;

/** The recommender's source for a queue started from `source` (null: the library). */
export function feedbackSource(source: QueueSource | null): FeedbackSource {
  switch (source?.kind) {
    case 'upNext':
      return 'upnext';
    case 'search':
      return 'search';
    case 'station':
    case 'mood':
      return 'station';
    case 'album':
    case 'artist':
    case 'playlist':
      return 'playlist';
    default:
      return 'library';
  }
}

/** Entries for `ids`, all queued from `origin`. */
export function entriesOf(ids: readonly TrackId[], origin: FeedbackSource): QueueEntry[] {
  return ids.map((id) => ({ id, origin }));
}

/** Where the entry at `index` came from; without a saved origin, the queue source's. */
export function originAt(state: OriginState, index: number): FeedbackSource {
  return state.origins?.[index] ?? feedbackSource(state.source);
}

/** The queue as entries, each with its origin. */
export function queueEntries(state: OriginState): QueueEntry[] {
  return state.queue.map((id, i) => ({ id, origin: originAt(state, i) }));
}

/** The snapshot's fields for a queue of `entries`. */
export function fromEntries(entries: readonly QueueEntry[]): {
  queue: TrackId[];
  origins: FeedbackSource[];
} {
  return { queue: entries.map((e) => e.id), origins: entries.map((e) => e.origin) };
}
