/**
 * The listening events the player reports for the recommender, as plain functions: a play when a
 * track starts, a complete when it plays to its end (or fades into the next), and a skip when the
 * person leaves a track that was playing before its end. Each event carries where its queue entry
 * came from (origins.ts); where the events go (the bridge) is the app's business: see
 * setPlayEventHandler.
 */
import type { TrackId } from '../../../shared/library';
import type { FeedbackSource } from '../../../shared/recommend';
import type { PlayEvent } from './snapshot';

/** What the playing deck says about where it is. */
export interface DeckPosition {
  paused: boolean;
  ended: boolean;
  /** Seconds from the start. */
  currentTime: number;
}

/** A track queued from `source` starts playing. */
export function playEvent(trackId: TrackId, source: FeedbackSource): PlayEvent {
  return { trackId, kind: 'play', positionS: 0, durationS: 0, source };
}

/** A track queued from `source` played to its end; `durationS` in seconds, 0 when unknown. */
export function completeEvent(
  trackId: TrackId,
  durationS: number,
  source: FeedbackSource,
): PlayEvent {
  return { trackId, kind: 'complete', positionS: durationS, durationS, source };
}

/**
 * The event for leaving the current track (next, previous, a jump, a new queue): a skip at the
 * position reached when it was playing, else nothing — leaving a paused or finished track, or no
 * track, says nothing about the person's taste.
 */
export function leaveEvent(
  trackId: TrackId | null,
  deck: DeckPosition,
  durationS: number,
  source: FeedbackSource,
): PlayEvent | null {
  if (trackId === null || deck.paused || deck.ended) return null;
  return { trackId, kind: 'skip', positionS: deck.currentTime, durationS, source };
}
