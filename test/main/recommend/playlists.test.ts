import { describe, expect, it } from 'vitest';
import { makeFixture } from './fixture';
import { toM3u8 } from '../../../src/main/recommend/mood';
import { addTracks } from '../../helpers/tracks';
import { Recommender } from '../../../src/main/recommend/recommender';

describe('stations, mood playlists and journeys', () => {
  it('a calm playlist comes from the calmest measured tracks; removing one counts as feedback', async () => {
    const f = await makeFixture();
    const p = await f.rec.moodPlaylist('calm', 10);
    expect(p.basis).toEqual(['audio']);
    expect(p.items).toHaveLength(10);
    expect(p.items.every((x) => f.genreOf.get(x.trackId) === 'Ambient')).toBe(true);
    // Ambient's energy 0.15 → calm fit 0.85: said in words, not as a score.
    expect(p.items[0].reason).toBe('Very calm');
    expect(p.items[0].why).toEqual({ kind: 'mood', facts: { mood: 'calm', fit: 'very' } });
    const removed = p.items[0].trackId;
    await f.rec.record({
      trackId: removed,
      kind: 'remove',
      context: 'mood:calm',
      sessionId: 's',
      source: 'playlist',
    });
    const again = await f.rec.moodPlaylist('calm', 20);
    expect(again.items.map((x) => x.trackId)).not.toContain(removed);
    expect((await f.rec.taste()).events).toBe(1);
    await f.rec.close();
    await f.store.close();
  });

  it('falls back to tags for moods when nothing is measured', async () => {
    const f = await makeFixture({ measured: false });
    const p = await f.rec.moodPlaylist('energetic', 8);
    expect(p.basis).toEqual(['tags']);
    expect(p.items.every((x) => f.genreOf.get(x.trackId) === 'Metal')).toBe(true);
    await f.rec.close();
    await f.store.close();
  });

  it('an artist station starts with the artist and spreads out', async () => {
    const f = await makeFixture();
    const s = await f.rec.station({ kind: 'artist', name: 'jazz artist 2' }, 12);
    expect(f.artistOf.get(s.items[0].trackId)).toBe('Jazz Artist 2');
    expect(s.items[0].reasonKind).toBe('seed');
    expect(s.items).toHaveLength(12);
    expect(new Set(s.items.map((x) => f.artistOf.get(x.trackId))).size).toBeGreaterThan(3);
    await expect(f.rec.station({ kind: 'artist', name: 'nobody at all' })).rejects.toThrow(
      /nothing in the library/,
    );
    await f.rec.close();
    await f.store.close();
  });

  it('a journey moves step by step from A to B', async () => {
    const f = await makeFixture();
    const a = f.ids.find((id) => f.genreOf.get(id) === 'Ambient')!;
    const b = f.ids.find((id) => f.genreOf.get(id) === 'Metal')!;
    const j = await f.rec.journey(a, b, { steps: 8 });
    expect(j).toHaveLength(8);
    expect(j[0].trackId).toBe(a);
    expect(j[7].trackId).toBe(b);
    expect(new Set(j.map((x) => x.trackId)).size).toBe(8);
    const st = await (
      f.rec as unknown as {
        ready(): Promise<{
          catalog: { row(id: number): number; similarity(x: number, y: number): number };
        }>;
      }
    ).ready();
    const toB = j.map((x) => st.catalog.similarity(st.catalog.row(x.trackId), st.catalog.row(b)));
    const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean(toB.slice(1, 4))).toBeLessThan(mean(toB.slice(4, 7)));
    expect(j[3].reason).toMatch(/% of the way from /);
    await f.rec.close();
    await f.store.close();
  });

  it('writes M3U8', () => {
    expect(toM3u8([{ path: '/m/a.flac', title: 'Ä', artist: 'B', durationS: 61.4 }])).toBe(
      '#EXTM3U\n#EXTINF:61,B - Ä\n/m/a.flac\n',
    );
  });
});

describe('library changes', () => {
  it('picks up new tracks after library.changed without blocking Up Next', async () => {
    const f = await makeFixture({ artistsPerGenre: 1, tracksPerArtist: 2 });
    await f.rec.updateSettings({ artistSpacing: 1 });
    expect(await f.rec.upNext({ sessionId: 's', count: 50 })).toHaveLength(8);
    const added = await addTracks(f.store, '/music', [
      { path: '/music/new.mp3', title: 'New', artist: 'Newcomer' },
    ]);
    f.events.emit('library.changed', { added, updated: [], removed: [] });
    await f.rec.settled();
    const after = await f.rec.upNext({ sessionId: 's', count: 50 });
    expect(after.map((x) => x.trackId)).toContain(added[0]);
    await f.rec.close();
    await f.store.close();
  });
});

describe('with the embedding stage', () => {
  it('mood playlists follow its mood scores; vibe stations start from its matches', async () => {
    const f = await makeFixture();
    const jazz = f.ids.filter((id) => f.genreOf.get(id) === 'Jazz');
    const meaning = {
      vibe: async (): Promise<number[]> => [jazz[3]],
      mood: async (name: string): Promise<{ trackId: number; score: number }[]> =>
        name === 'nostalgic' ? jazz.map((trackId, i) => ({ trackId, score: 0.9 - i * 0.01 })) : [],
    };
    const rec = new Recommender({ store: f.store, events: f.events, meaning });
    const p = await rec.moodPlaylist('nostalgic', 6);
    expect(p.basis).toEqual(['mood-scores']);
    expect(p.items.every((x) => f.genreOf.get(x.trackId) === 'Jazz')).toBe(true);
    expect(p.items[0].reason).toBe('Very nostalgic');
    const s = await rec.station({ kind: 'vibe', text: 'smoky late-night club' }, 5);
    expect(s.seedTrackIds).toEqual([jazz[3]]);
    await rec.close();
    await f.rec.close();
    await f.store.close();
  });
});
