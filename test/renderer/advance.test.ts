// What plays after a track: the next entry, the first again (repeat all), the same (repeat one),
// or the auto-DJ's tracks, else a stop; and which entry is loaded ahead for the hand-over.
import { describe, expect, it } from 'vitest';
import { afterTrack, extendQueue, upcoming } from '../../src/renderer/src/player/advance';
import type { RepeatMode } from '../../src/shared/app-state';

const queue = ['a', 'b', 'c'];
const at = (index: number, repeat: RepeatMode = 'off', q: string[] = queue) => ({
  queue: q,
  index,
  repeat,
});

describe('afterTrack', () => {
  it('plays the next entry in the queue', () => {
    for (const repeat of ['off', 'all'] as const) {
      expect(afterTrack(at(0, repeat), true)).toEqual({ kind: 'play', index: 1 });
      expect(afterTrack(at(1, repeat), false)).toEqual({ kind: 'play', index: 2 });
    }
  });

  it('restarts the track on repeat one at its end, but Next still moves on', () => {
    expect(afterTrack(at(1, 'one'), true)).toEqual({ kind: 'restart' });
    expect(afterTrack(at(2, 'one'), true)).toEqual({ kind: 'restart' });
    expect(afterTrack(at(1, 'one'), false)).toEqual({ kind: 'play', index: 2 });
  });

  it('wraps to the first entry at the end of the queue on repeat all', () => {
    expect(afterTrack(at(2, 'all'), true)).toEqual({ kind: 'play', index: 0 });
    expect(afterTrack(at(0, 'all', ['a']), true)).toEqual({ kind: 'play', index: 0 });
  });

  it('asks the auto-DJ at the end of the queue (repeat off, or Next on repeat one)', () => {
    expect(afterTrack(at(2), true)).toEqual({ kind: 'extend' });
    expect(afterTrack(at(2), false)).toEqual({ kind: 'extend' });
    expect(afterTrack(at(2, 'one'), false)).toEqual({ kind: 'extend' });
    expect(afterTrack(at(-1, 'all', []), true)).toEqual({ kind: 'extend' });
  });
});

describe('extendQueue', () => {
  it('appends the auto-DJ tracks and makes the first of them current', () => {
    expect(extendQueue(queue, ['x', 'y'])).toEqual({ queue: ['a', 'b', 'c', 'x', 'y'], index: 3 });
    expect(extendQueue([], ['x'])).toEqual({ queue: ['x'], index: 0 });
  });

  it('stops when the auto-DJ has nothing (or is off)', () => {
    expect(extendQueue(queue, [])).toBeNull();
  });
});

describe('upcoming (loaded ahead on the standby deck)', () => {
  it('is the next entry, or the first on repeat all', () => {
    expect(upcoming(at(0))).toEqual({ index: 1, id: 'b' });
    expect(upcoming(at(2, 'all'))).toEqual({ index: 0, id: 'a' });
    expect(upcoming(at(-1))).toEqual({ index: 0, id: 'a' });
  });

  it('is nothing to load for repeat one, the end of the queue, or a lone track on repeat all', () => {
    expect(upcoming(at(0, 'one'))).toBeNull();
    expect(upcoming(at(2))).toBeNull();
    expect(upcoming(at(0, 'all', ['a']))).toBeNull();
    expect(upcoming(at(-1, 'off', []))).toBeNull();
  });

  it('agrees with afterTrack whenever it names an entry', () => {
    for (const repeat of ['off', 'all', 'one'] as const)
      for (let index = -1; index < queue.length; index++) {
        const next = upcoming(at(index, repeat));
        if (next)
          expect(afterTrack(at(index, repeat), true)).toEqual({ kind: 'play', index: next.index });
      }
  });
});
