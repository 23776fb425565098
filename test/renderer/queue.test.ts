// The player's queue operations: the current track stays current through reorders and removals.
import { describe, expect, it } from 'vitest';
import {
  moveInQueue,
  nextRepeat,
  removeFromQueue,
  shuffled,
  shuffledFrom,
  shuffledRest,
} from '../../src/renderer/src/player/queue';

const q = ['a', 'b', 'c', 'd', 'e'];

/** A seeded generator (Park–Miller), so a shuffle is the same on every run. */
function seeded(seed = 1): () => number {
  return () => (seed = (seed * 16807) % 2147483647) / 2147483647;
}

describe('queue', () => {
  it('keeps the current entry current when entries move around it', () => {
    expect(moveInQueue(q, 2, 2, 0)).toEqual({ queue: ['c', 'a', 'b', 'd', 'e'], index: 0 });
    expect(moveInQueue(q, 2, 0, 4)).toEqual({ queue: ['b', 'c', 'd', 'e', 'a'], index: 1 });
    expect(moveInQueue(q, 2, 4, 0)).toEqual({ queue: ['e', 'a', 'b', 'c', 'd'], index: 3 });
    expect(moveInQueue(q, 2, 3, 4)).toEqual({ queue: ['a', 'b', 'c', 'e', 'd'], index: 2 });
    expect(moveInQueue(q, 2, 1, 1)).toBeNull();
    expect(moveInQueue(q, 2, 1, 9)).toBeNull();
  });

  it('removes entries before, after and at the current one', () => {
    expect(removeFromQueue(q, 2, 0)).toEqual({
      queue: ['b', 'c', 'd', 'e'],
      index: 1,
      currentRemoved: false,
    });
    expect(removeFromQueue(q, 2, 4)).toEqual({
      queue: ['a', 'b', 'c', 'd'],
      index: 2,
      currentRemoved: false,
    });
    expect(removeFromQueue(q, 2, 2)).toEqual({
      queue: ['a', 'b', 'd', 'e'],
      index: 2,
      currentRemoved: true,
    });
    expect(removeFromQueue(q, 4, 4)).toEqual({
      queue: ['a', 'b', 'c', 'd'],
      index: 3,
      currentRemoved: true,
    });
    expect(removeFromQueue(['a'], 0, 0)).toEqual({ queue: [], index: -1, currentRemoved: true });
    expect(removeFromQueue(q, 2, 7)).toBeNull();
  });

  it('shuffles into a permutation', () => {
    let seed = 1;
    const random = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const out = shuffled(q, random);
    expect([...out].sort()).toEqual(q);
    expect(out).not.toEqual(q);
  });

  it('starts a shuffled queue with the chosen track, the others after it', () => {
    const out = shuffledFrom(q, 3, seeded());
    expect(out.index).toBe(0);
    expect(out.queue[0]).toBe('d');
    expect([...out.queue].sort()).toEqual(q);
    expect(shuffledFrom([], 0, seeded())).toEqual({ queue: [], index: -1 });
  });

  it('shuffles only what is still to come when shuffle is turned on', () => {
    const out = shuffledRest(q, 1, seeded());
    expect(out.slice(0, 2)).toEqual(['a', 'b']);
    expect([...out.slice(2)].sort()).toEqual(['c', 'd', 'e']);
  });

  it('cycles repeat off → all → one → off', () => {
    expect(nextRepeat('off')).toBe('all');
    expect(nextRepeat('all')).toBe('one');
    expect(nextRepeat('one')).toBe('off');
  });
});
