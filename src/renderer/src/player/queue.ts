/**
 * Pure queue operations the player uses: reorder and remove (keeping the current track), shuffle
 * (a new queue, or the rest of the current one), and the repeat modes' order.
 */
import type { RepeatMode } from '../../../shared/app-state';
import { moveItem } from '../../../shared/order';

export interface QueuePosition<T> {
  queue: T[];
  /** Index of the current entry, -1 when none. */
  index: number;
}

/** Moves entry `from` to `to`; the current entry stays current wherever it ends up. */
export function moveInQueue<T>(
  queue: readonly T[],
  index: number,
  from: number,
  to: number,
): QueuePosition<T> | null {
  if (from === to || from < 0 || to < 0 || from >= queue.length || to >= queue.length) return null;
  let current = index;
  if (from === index) current = to;
  else if (from < index && to >= index) current -= 1;
  else if (from > index && to <= index) current += 1;
  return { queue: moveItem(queue, from, to), index: current };
}

/**
 * Removes entry `at`. When it was the current one, the entry after it becomes current (or the new
 * last one; -1 when the queue is empty) and `currentRemoved` says the player must load it.
 */
export function removeFromQueue<T>(
  queue: readonly T[],
  index: number,
  at: number,
): (QueuePosition<T> & { currentRemoved: boolean }) | null {
  if (at < 0 || at >= queue.length) return null;
  const q = queue.filter((_, i) => i !== at);
  if (at !== index)
    return { queue: q, index: at < index ? index - 1 : index, currentRemoved: false };
  return { queue: q, index: q.length ? Math.min(index, q.length - 1) : -1, currentRemoved: true };
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * A new queue to play from entry `index` with shuffle on: that entry first, the others after it in
 * random order; the current index becomes 0.
 */
export function shuffledFrom<T>(
  queue: readonly T[],
  index: number,
  random: () => number = Math.random,
): QueuePosition<T> {
  const first = queue[index];
  if (first === undefined) return { queue: shuffled(queue, random), index: queue.length ? 0 : -1 };
  return {
    queue: [
      first,
      ...shuffled(
        queue.filter((_, i) => i !== index),
        random,
      ),
    ],
    index: 0,
  };
}

/** Turning shuffle on mid-queue: what is still to come is shuffled, what has played stays. */
export function shuffledRest<T>(
  queue: readonly T[],
  index: number,
  random: () => number = Math.random,
): T[] {
  return [...queue.slice(0, index + 1), ...shuffled(queue.slice(index + 1), random)];
}

const repeatOrder: readonly RepeatMode[] = ['off', 'all', 'one'];

/** The repeat button's next mode: off → all → one → off. */
export function nextRepeat(mode: RepeatMode): RepeatMode {
  return repeatOrder[(repeatOrder.indexOf(mode) + 1) % repeatOrder.length] ?? 'off';
}
