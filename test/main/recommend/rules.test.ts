import { describe, expect, it } from 'vitest';
import {
  allowedMask,
  exclusionsOf,
  notDisliked,
  notExcluded,
  outsideRepeatWindow,
  respectsArtistSpacing,
} from '../../../src/main/recommend/rules';
import { DEFAULT_RECOMMEND_SETTINGS } from '../../../src/shared/recommend';
import { makeFixture } from './fixture';

const HOUR = 3600 * 1000;

describe('rules (pure)', () => {
  it('no repeat within N hours', () => {
    const now = 100 * HOUR;
    expect(outsideRepeatWindow(undefined, 4, now)).toBe(true);
    expect(outsideRepeatWindow(now - 3 * HOUR, 4, now)).toBe(false);
    expect(outsideRepeatWindow(now - 5 * HOUR, 4, now)).toBe(true);
    expect(outsideRepeatWindow(now - 1, 0, now)).toBe(true);
  });

  it('disliked tracks are out', () => {
    expect(notDisliked(3, new Set([3]))).toBe(false);
    expect(notDisliked(4, new Set([3]))).toBe(true);
  });

  it('excluded genres, artists and folders are out (folder by path prefix, not by name prefix)', () => {
    const ex = exclusionsOf({
      ...DEFAULT_RECOMMEND_SETTINGS,
      excludedGenres: ['Christmas'],
      excludedArtists: ['Björk'],
      excludedFolders: ['/music/kids/'],
    });
    const base = { genres: ['rock'], artistKey: 'someone', folder: '/music/rock' };
    const t = (o: Partial<typeof base>): Parameters<typeof notExcluded>[0] =>
      ({ ...base, ...o }) as unknown as Parameters<typeof notExcluded>[0];
    expect(notExcluded(t({}), ex)).toBe(true);
    expect(notExcluded(t({ genres: ['rock', 'christmas'] }), ex)).toBe(false);
    expect(notExcluded(t({ artistKey: 'bjork' }), ex)).toBe(false);
    expect(notExcluded(t({ folder: '/music/kids' }), ex)).toBe(false);
    expect(notExcluded(t({ folder: '/music/kids/songs' }), ex)).toBe(false);
    expect(notExcluded(t({ folder: '/music/kidsfoo' }), ex)).toBe(true);
  });

  it('artist spacing: at most one per artist within K slots', () => {
    expect(respectsArtistSpacing('a', ['a', 'b', 'c'], 3)).toBe(true); // a was 3 slots ago
    expect(respectsArtistSpacing('a', ['x', 'a', 'b'], 3)).toBe(false);
    expect(respectsArtistSpacing('a', ['a'], 1)).toBe(true); // K = 1: no spacing
    expect(respectsArtistSpacing('', [''], 3)).toBe(true); // unknown artist is not one artist
  });
});

describe('rules in Up Next', () => {
  it('never suggests a track played within noRepeatHours, and may after', async () => {
    let now = 1_000 * HOUR;
    const f = await makeFixture({ now: () => now });
    await f.rec.updateSettings({ noRepeatHours: 4, artistSpacing: 1, adventurousness: 0 });
    const current = f.ids[0];
    const first = await f.rec.upNext({ sessionId: 's', currentTrackId: current, count: 5 });
    const played = first[0].trackId;
    await f.rec.record({ trackId: played, kind: 'complete', sessionId: 'other', source: 'upnext' });
    for (let i = 0; i < 5; i++) {
      const list = await f.rec.upNext({ sessionId: 's', currentTrackId: current, count: 40 });
      expect(list.map((x) => x.trackId)).not.toContain(played);
    }
    now += 5 * HOUR;
    const later = await f.rec.upNext({ sessionId: 's', currentTrackId: current, count: 60 });
    expect(later.map((x) => x.trackId)).toContain(played);
    await f.rec.close();
    await f.store.close();
  });

  it('keeps artists apart by the spacing setting, counting the playing track', async () => {
    const f = await makeFixture();
    await f.rec.updateSettings({ artistSpacing: 4 });
    const current = f.ids[0];
    const list = await f.rec.upNext({ sessionId: 's', currentTrackId: current, count: 12 });
    const artists = [f.artistOf.get(current)!, ...list.map((x) => f.artistOf.get(x.trackId)!)];
    for (let i = 0; i < artists.length; i++) {
      expect(artists.slice(Math.max(0, i - 3), i)).not.toContain(artists[i]);
    }
    await f.rec.close();
    await f.store.close();
  });

  it('never suggests a disliked track again, in any list', async () => {
    const f = await makeFixture();
    const current = f.ids[0];
    const top = await f.rec.upNext({ sessionId: 's', currentTrackId: current, count: 5 });
    const disliked = top.slice(0, 3).map((x) => x.trackId);
    for (const id of disliked)
      await f.rec.record({ trackId: id, kind: 'dislike', sessionId: 's', source: 'upnext' });
    await f.rec.updateSettings({ noRepeatHours: 0 });
    const lists = [
      await f.rec.upNext({ sessionId: 's', currentTrackId: current, count: 79 }),
      await f.rec.upNext({ sessionId: 'new', count: 79 }),
      (await f.rec.station({ kind: 'artist', name: f.artistOf.get(disliked[0])! }, 79)).items,
      (await f.rec.moodPlaylist('calm', 79)).items,
    ];
    for (const list of lists)
      for (const id of disliked) expect(list.map((x) => x.trackId)).not.toContain(id);
    await f.rec.close();
    await f.store.close();
  });

  it('never suggests excluded genres, artists or folders', async () => {
    const f = await makeFixture();
    await f.rec.updateSettings({
      excludedGenres: ['metal'],
      excludedArtists: ['Jazz Artist 1'],
      excludedFolders: ['/music/Pop/Pop Artist 2'],
      noRepeatHours: 0,
    });
    const list = await f.rec.upNext({ sessionId: 's', currentTrackId: f.ids[0], count: 100 });
    expect(list.length).toBeGreaterThan(20);
    for (const x of list) {
      expect(f.genreOf.get(x.trackId)).not.toBe('Metal');
      expect(f.artistOf.get(x.trackId)).not.toBe('Jazz Artist 1');
      expect(f.artistOf.get(x.trackId)).not.toBe('Pop Artist 2');
    }
    await f.rec.close();
    await f.store.close();
  });

  it('builds the mask from all rules at once', async () => {
    const f = await makeFixture();
    const c = (await f.rec.session('x')) ?? null;
    expect(c).toBeNull();
    const st = await (
      f.rec as unknown as {
        ready(): Promise<{ catalog: Parameters<typeof allowedMask>[0]['catalog'] }>;
      }
    ).ready();
    const now = 10 * HOUR;
    const mask = allowedMask({
      catalog: st.catalog,
      settings: { ...DEFAULT_RECOMMEND_SETTINGS, excludedArtists: ['Ambient Artist 0'] },
      lastPlayed: new Map([[f.ids[10], now - HOUR]]),
      disliked: new Set([f.ids[11]]),
      exclude: new Set([f.ids[12]]),
      now,
    });
    const allowed = (id: number): boolean => mask[st.catalog.row(id)] === 1;
    expect(allowed(f.ids[0])).toBe(false); // Ambient Artist 0
    expect(allowed(f.ids[10])).toBe(false);
    expect(allowed(f.ids[11])).toBe(false);
    expect(allowed(f.ids[12])).toBe(false);
    expect(allowed(f.ids[13])).toBe(true);
    await f.rec.close();
    await f.store.close();
  });
});
