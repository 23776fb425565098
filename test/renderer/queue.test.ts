// The player's queue operations: the current track stays current through reorders and removals.
import { describe, expect, it } from 'vitest';
import { moveInQueue, removeFromQueue, shuffled } from '../../src/renderer/src/player/queue';

const q = ['a', 'b', 'c', 'd', 'e'];

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
});
