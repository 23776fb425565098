/**
 * The avoided artists are cached per state, keyed on the model's event count: forgetting an
 * artist or resetting the taste learns no event, so the cache must be dropped by those edits —
 * through the real store and recommender, with no event recorded in between.
 */
import { describe, expect, it } from 'vitest';
import { Recommender } from '../../../src/main/recommend/recommender';
import { makeFixture } from './fixture';

type Fixture = Awaited<ReturnType<typeof makeFixture>>;

const ARTIST = 'Metal Artist 0';

/** Early skips of the artist's suggestions in two sessions: avoided (see feedback.test.ts). */
async function avoid(f: Fixture, songs: number[], sessions: string[]): Promise<void> {
  for (const [i, sessionId] of sessions.entries())
    for (const trackId of songs.slice(i * 3, i * 3 + 3))
      await f.rec.record({ trackId, kind: 'skip', positionS: 5, sessionId, source: 'upnext' });
}

/** The artist's tracks in Up Next after a Metal track by another artist. */
async function inUpNext(f: Fixture, sessionId: string): Promise<number> {
  const seed = f.ids.find((id) => f.genreOf.get(id) === 'Metal' && f.artistOf.get(id) !== ARTIST)!;
  const next = await f.rec.upNext({ sessionId, currentTrackId: seed, count: 20 });
  return next.filter((x) => f.artistOf.get(x.trackId) === ARTIST).length;
}

describe('avoided artists after a taste edit', () => {
  it('forgetting an avoided artist brings it back into Up Next at once', async () => {
    const f = await makeFixture({ artistsPerGenre: 2, tracksPerArtist: 7 });
    const songs = f.ids.filter((id) => f.artistOf.get(id) === ARTIST);
    await avoid(f, songs, ['a', 'b']);
    // Asked once, so the avoided set is cached at this event count.
    expect(await inUpNext(f, 'n1')).toBe(0);
    expect((await f.rec.taste()).dislikes.map((e) => e.name)).toContain(ARTIST);
    await f.rec.forget('artist', ARTIST);
    expect((await f.rec.taste()).dislikes.map((e) => e.name)).not.toContain(ARTIST);
    expect(await inUpNext(f, 'n2')).toBeGreaterThan(0);
    await f.rec.close();
    await f.store.close();
  });

  it('after a taste reset, one session of skips does not make the artist avoided again', async () => {
    const f = await makeFixture({ artistsPerGenre: 2, tracksPerArtist: 7 });
    const songs = f.ids.filter((id) => f.artistOf.get(id) === ARTIST);
    await avoid(f, songs, ['a', 'b']);
    expect(await inUpNext(f, 'n1')).toBe(0);
    await f.rec.resetTaste();
    expect(await inUpNext(f, 'n2')).toBeGreaterThan(0);
    // The same skips again, in one sitting: a mood, not yet an opinion (the sessions from before
    // the reset no longer count as evidence), also after a restart rebuilds the state.
    const skip = (trackId: number, sessionId: string): Promise<unknown> =>
      f.rec.record({ trackId, kind: 'skip', positionS: 5, sessionId, source: 'upnext' });
    for (const trackId of songs.slice(0, 6)) await skip(trackId, 'c');
    expect((await f.rec.taste()).dislikes.map((e) => e.name)).not.toContain(ARTIST);
    // Reopened, the state is rebuilt from the stored events: still one session since the reset.
    await f.rec.close();
    const again = new Recommender({ store: f.store, events: f.events, features: f.features });
    expect((await again.taste()).dislikes.map((e) => e.name)).not.toContain(ARTIST);
    // A second session since the reset is repeated evidence again (the skips were strong enough).
    await again.record({
      trackId: songs[6],
      kind: 'skip',
      positionS: 5,
      sessionId: 'd',
      source: 'upnext',
    });
    expect((await again.taste()).dislikes.map((e) => e.name)).toContain(ARTIST);
    await again.close();
    await f.store.close();
  });
});
