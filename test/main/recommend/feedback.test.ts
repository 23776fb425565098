/**
 * Feedback that means what happened, through the real store and recommender: sampling one's own
 * list does not make an artist "avoided", repeated skips of suggestions do (and then keep it out
 * of Up Next unless asked for), and first-run picks are a start, not listening.
 */
import { describe, expect, it } from 'vitest';
import { makeFixture } from './fixture';

describe('feedback that means what happened', () => {
  it('four 3-second samples and three likes of one artist do not put it under "What you avoid"', async () => {
    const f = await makeFixture({ artistsPerGenre: 2, tracksPerArtist: 7 });
    const artist = 'Jazz Artist 1';
    const songs = f.ids.filter((id) => f.artistOf.get(id) === artist);
    for (const trackId of songs.slice(0, 4)) {
      await f.rec.record({ trackId, kind: 'play', sessionId: 'browse', source: 'library' });
      await f.rec.record({
        trackId,
        kind: 'skip',
        positionS: 3,
        sessionId: 'browse',
        source: 'library',
      });
    }
    // Sampling alone is not avoiding.
    expect((await f.rec.taste()).dislikes.map((e) => e.name)).not.toContain(artist);
    for (const trackId of songs.slice(4, 7))
      await f.rec.record({ trackId, kind: 'like', sessionId: 'browse', source: 'library' });
    const taste = await f.rec.taste();
    expect(taste.dislikes.map((e) => e.name)).not.toContain(artist);
    expect(taste.likes.map((e) => e.name)).toContain(artist);
    await f.rec.close();
    await f.store.close();
  });

  it('repeated early skips of suggestions make an artist avoided, and out of Up Next unless asked', async () => {
    const f = await makeFixture({ artistsPerGenre: 2, tracksPerArtist: 7 });
    const artist = 'Metal Artist 0';
    const songs = f.ids.filter((id) => f.artistOf.get(id) === artist);
    const skip = (trackId: number, sessionId: string): Promise<unknown> =>
      f.rec.record({ trackId, kind: 'skip', positionS: 5, sessionId, source: 'upnext' });
    // Early skips in one session are one sitting's mood: not yet an opinion about the artist.
    for (const trackId of songs.slice(0, 4)) await skip(trackId, 'a');
    expect((await f.rec.taste()).dislikes.map((e) => e.name)).not.toContain(artist);
    // The same again in another session: repeated evidence.
    for (const trackId of songs.slice(4, 6)) await skip(trackId, 'b');
    expect((await f.rec.taste()).dislikes.map((e) => e.name)).toContain(artist);
    const seed = f.ids.find(
      (id) => f.genreOf.get(id) === 'Metal' && f.artistOf.get(id) !== artist,
    )!;
    const next = await f.rec.upNext({ sessionId: 'n', currentTrackId: seed, count: 20 });
    expect(next.filter((x) => f.artistOf.get(x.trackId) === artist)).toEqual([]);
    const station = await f.rec.station({ kind: 'artist', name: artist }, 10);
    expect(
      station.items.filter((x) => f.artistOf.get(x.trackId) === artist).length,
    ).toBeGreaterThan(0);
    await f.rec.close();
    await f.store.close();
  });

  it('first-run picks say "Because you picked X", never "You liked this"', async () => {
    const f = await makeFixture();
    const artist = 'Pop Artist 2';
    const songs = f.ids.filter((id) => f.artistOf.get(id) === artist);
    for (const trackId of songs.slice(0, 3))
      await f.rec.record({
        trackId,
        kind: 'like',
        sessionId: 'first-run',
        source: 'library',
        context: 'cold-start',
      });
    const list = await f.rec.upNext({ sessionId: 'cold', count: 30 });
    const byArtist = list.filter((x) => f.artistOf.get(x.trackId) === artist);
    expect(byArtist.length).toBeGreaterThan(0);
    expect(list.map((x) => x.reason)).not.toContain('You liked this');
    expect(byArtist.some((x) => x.reason === `Because you picked ${artist}`)).toBe(true);
    await f.rec.close();
    await f.store.close();
  });
});
