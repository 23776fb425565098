// What the player reports to the recommender (play, skip, complete) and what it saves for a
// restart, and how often.
import { describe, expect, it } from 'vitest';
import { completeEvent, leaveEvent, playEvent } from '../../src/renderer/src/player/feedback';
import { positionSaveDue, savedState } from '../../src/renderer/src/player/persistence';
import type { PlayerSnapshot } from '../../src/renderer/src/player/snapshot';
import { emptyPlayerState } from '../../src/shared/app-state';
import type { TrackId } from '../../src/shared/library';

const id = 7 as unknown as TrackId;

describe('feedback events', () => {
  it('reports a skip where a playing track was left', () => {
    expect(
      leaveEvent(id, { paused: false, ended: false, currentTime: 42.5 }, 180, 'playlist'),
    ).toEqual({ trackId: id, kind: 'skip', positionS: 42.5, durationS: 180, source: 'playlist' });
  });

  it('says nothing when leaving a paused or finished track, or none', () => {
    const deck = { paused: false, ended: false, currentTime: 42.5 };
    expect(leaveEvent(id, { ...deck, paused: true }, 180, 'library')).toBeNull();
    expect(leaveEvent(id, { ...deck, ended: true, currentTime: 180 }, 180, 'library')).toBeNull();
    expect(leaveEvent(null, deck, 0, 'library')).toBeNull();
  });

  it('reports a play at 0 and a complete at the full length, with where the entry came from', () => {
    expect(playEvent(id, 'upnext')).toEqual({
      trackId: id,
      kind: 'play',
      positionS: 0,
      durationS: 0,
      source: 'upnext',
    });
    expect(completeEvent(id, 180, 'search')).toEqual({
      trackId: id,
      kind: 'complete',
      positionS: 180,
      durationS: 180,
      source: 'search',
    });
  });
});

describe('persistence', () => {
  const snapshot: PlayerSnapshot = {
    ...emptyPlayerState,
    queue: [id],
    index: 0,
    volume: 0.5,
    repeat: 'all',
    playing: true,
    durationS: 180,
    currentId: id,
    gainDb: -3,
    error: 'old error',
  };

  it('saves the queue, the modes and the deck position, not what the deck tells again', () => {
    expect(savedState(snapshot, 61.25)).toEqual({
      queue: [id],
      origins: ['library'],
      index: 0,
      positionS: 61.25,
      volume: 0.5,
      muted: false,
      shuffle: false,
      repeat: 'all',
      source: null,
      playing: true,
    });
  });

  it('saves position 0 while the deck knows none or no track is current', () => {
    expect(savedState(snapshot, Number.NaN).positionS).toBe(0);
    expect(savedState({ ...snapshot, currentId: null }, 61.25).positionS).toBe(0);
  });

  it('saves the position at most every 5 s', () => {
    expect(positionSaveDue(10_000, 6_000)).toBe(false);
    expect(positionSaveDue(11_000, 6_000)).toBe(false);
    expect(positionSaveDue(11_001, 6_000)).toBe(true);
    expect(positionSaveDue(5_001, 0)).toBe(true);
  });
});
