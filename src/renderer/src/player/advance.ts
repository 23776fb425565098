/**
 * What plays after the current track, as plain functions of the queue and the repeat mode: the
 * next queue entry, the first one again (repeat all), the same track (repeat one, at its natural
 * end only), or — when the queue has run out — more tracks from the auto-DJ, else a stop.
 */
import type { RepeatMode } from '../../../shared/app-state';

/** Where the player is in its queue. */
export interface QueueState<T> {
  queue: readonly T[];
  /** Index of the current entry, -1 when none. */
  index: number;
  repeat: RepeatMode;
}

/** A queue entry and where it is. */
export interface Upcoming<T> {
  index: number;
  id: T;
}

/** The step after a track: restart it, play a queue entry, or ask the auto-DJ (stop without one). */
export type AfterTrack = { kind: 'restart' } | { kind: 'play'; index: number } | { kind: 'extend' };

/**
 * The step after the current track. `ended`: the track played to its end (repeat one restarts
 * it); false when the person pressed Next, which always moves on.
 */
export function afterTrack<T>({ queue, index, repeat }: QueueState<T>, ended: boolean): AfterTrack {
  if (ended && repeat === 'one') return { kind: 'restart' };
  if (index + 1 < queue.length) return { kind: 'play', index: index + 1 };
  if (repeat === 'all' && queue.length) return { kind: 'play', index: 0 };
  return { kind: 'extend' };
}

/**
 * The queue entry that follows the current one at its natural end when it is another track that
 * can be loaded ahead on the standby deck, else null (repeat one, the end of the queue, or a
 * one-track queue on repeat all, which replays the same track).
 */
export function upcoming<T>({ queue, index, repeat }: QueueState<T>): Upcoming<T> | null {
  if (repeat === 'one') return null;
  const at = index + 1 < queue.length ? index + 1 : repeat === 'all' && queue.length > 1 ? 0 : -1;
  const id = queue[at];
  return id === undefined ? null : { index: at, id };
}

/**
 * The queue after the auto-DJ answered `more`: the tracks appended and the first of them current,
 * or null (nothing more: the player stops).
 */
export function extendQueue<T>(
  queue: readonly T[],
  more: readonly T[],
): { queue: T[]; index: number } | null {
  if (!more.length) return null;
  return { queue: [...queue, ...more], index: queue.length };
}
