// Where each queue entry came from, as the recommender hears it: an album's tracks are playlist
// plays, the tracks the auto-DJ appends from Up Next are Up Next plays, whatever the queue's
// source; and an entry keeps its origin through the player's queue edits and a restart.
import { describe, expect, it } from 'vitest';
import { extendQueue } from '../../src/renderer/src/player/advance';
import { completeEvent, playEvent } from '../../src/renderer/src/player/feedback';
import {
  entriesOf,
  feedbackSource,
  fromEntries,
  originAt,
  queueEntries,
  type OriginState,
} from '../../src/renderer/src/player/origins';
import { savedState } from '../../src/renderer/src/player/persistence';
import {
  moveInQueue,
  removeFromQueue,
  shuffledFrom,
  shuffledRest,
} from '../../src/renderer/src/player/queue';
import type { PlayerSnapshot } from '../../src/renderer/src/player/snapshot';
import { emptyPlayerState, type QueueSource } from '../../src/shared/app-state';
import type { TrackId } from '../../src/shared/library';

const ids = [1, 2, 3, 4] as unknown as TrackId[];
const [a, b, c, d] = ids as [TrackId, TrackId, TrackId, TrackId];
const album: QueueSource = { kind: 'album', label: 'Kind of Blue' };

/** The state after playing `queue` from `source`, as Player.playQueue leaves it. */
function started(queue: TrackId[], source: QueueSource | null): OriginState {
  return { ...fromEntries(entriesOf(queue, feedbackSource(source))), source };
}

/** A seeded generator (Park–Miller), so a shuffle is the same on every run. */
function seeded(seed = 1): () => number {
  return () => (seed = (seed * 16807) % 2147483647) / 2147483647;
}

describe('queue entry origins', () => {
  it("reports the auto-DJ's tracks as Up Next plays, the album's as playlist plays", () => {
    const state = started([a, b], album);
    const extended = extendQueue(queueEntries(state), entriesOf([c], 'upnext'));
    expect(extended).not.toBeNull();
    const after = { ...fromEntries(extended?.queue ?? []), source: state.source };
    const index = extended?.index ?? -1;
    expect(after.queue[index]).toBe(c);
    expect(playEvent(c, originAt(after, index)).source).toBe('upnext');
    expect(completeEvent(c, 180, originAt(after, index)).source).toBe('upnext');
    expect(playEvent(a, originAt(after, 0)).source).toBe('playlist');
    expect(originAt(after, 1)).toBe('playlist');
  });

  it('keeps an Up Next pick played next as an Up Next play in a search queue', () => {
    const state = started([a, b], { kind: 'search', label: 'blue' });
    const q = queueEntries(state);
    q.splice(1, 0, ...entriesOf([d], 'upnext'));
    const after = { ...fromEntries(q), source: state.source };
    expect(after.queue).toEqual([a, d, b]);
    expect(after.origins).toEqual(['search', 'upnext', 'search']);
  });

  it('moves each origin with its track through reorder, remove and shuffle', () => {
    const entries = [...entriesOf([a, b], 'playlist'), ...entriesOf([c, d], 'upnext')];
    const originOf = (q: { id: TrackId; origin: string }[]): Map<TrackId, string> =>
      new Map(q.map((e) => [e.id, e.origin]));
    const expected = originOf(entries);
    const moved = moveInQueue(entries, 1, 3, 0);
    expect(moved?.queue.map((e) => e.id)).toEqual([d, a, b, c]);
    expect(originOf(moved?.queue ?? [])).toEqual(expected);
    const removed = removeFromQueue(entries, 1, 0);
    expect(fromEntries(removed?.queue ?? [])).toEqual({
      queue: [b, c, d],
      origins: ['playlist', 'upnext', 'upnext'],
    });
    for (const q of [shuffledRest(entries, 0, seeded()), shuffledFrom(entries, 2, seeded()).queue])
      expect(originOf(q)).toEqual(expected);
  });

  it('gives entries saved without an origin the queue source’s', () => {
    const old: OriginState = { queue: [a, b, c], source: album };
    expect(queueEntries(old).map((e) => e.origin)).toEqual(['playlist', 'playlist', 'playlist']);
    const partial: OriginState = { queue: [a, b, c], origins: ['upnext'], source: null };
    expect(fromEntries(queueEntries(partial)).origins).toEqual(['upnext', 'library', 'library']);
  });

  it('saves the origins with the queue for the next start', () => {
    const snapshot: PlayerSnapshot = {
      ...emptyPlayerState,
      ...fromEntries([...entriesOf([a], 'station'), ...entriesOf([b], 'upnext')]),
      source: { kind: 'mood', label: 'Calm' },
      index: 1,
      playing: true,
      durationS: 180,
      currentId: b,
      gainDb: 0,
      error: null,
    };
    const saved = savedState(snapshot, 12);
    expect(saved.origins).toEqual(['station', 'upnext']);
    expect(originAt(saved, saved.index)).toBe('upnext');
  });

  it('maps a queue source to where its plays come from', () => {
    const cases: [QueueSource['kind'] | null, string][] = [
      ['upNext', 'upnext'],
      ['search', 'search'],
      ['station', 'station'],
      ['mood', 'station'],
      ['album', 'playlist'],
      ['artist', 'playlist'],
      ['library', 'library'],
      [null, 'library'],
    ];
    for (const [kind, source] of cases)
      expect(feedbackSource(kind ? { kind, label: '' } : null)).toBe(source);
  });
});
