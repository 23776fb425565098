import { describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from './fixture';
import { jumpAnchor } from '../../../src/main/recommend/jump';
import type { RecommenderState } from '../../../src/main/recommend/state';
import type { TrackId } from '../../../src/shared/library';

const DAY = 86_400_000;

/** A listener who mostly plays Jazz and, one evening, played some Ambient; Metal they skip. */
async function history(f: Fixture, clock: { now: number }): Promise<void> {
  const of = (g: string): TrackId[] => f.ids.filter((id) => f.genreOf.get(id) === g);
  const [jazz, ambient, metal] = [of('Jazz'), of('Ambient'), of('Metal')];
  for (let day = 0; day < 6; day++) {
    clock.now = (day + 1) * DAY;
    const sessionId = `day-${day}`;
    const played = [...jazz.slice(0, 16), ...(day === 3 ? ambient.slice(0, 4) : [])];
    for (const id of played) {
      clock.now += 200_000;
      await f.rec.record({ trackId: id, kind: 'complete', sessionId, source: 'library' });
    }
    for (const id of metal.slice(0, 3)) {
      clock.now += 10_000;
      await f.rec.record({ trackId: id, kind: 'skip', positionS: 8, sessionId, source: 'upnext' });
    }
  }
}

/** A fixture with that history, and tonight's session started with a Jazz track heard through. */
async function tonight(): Promise<{
  f: Fixture;
  clock: { now: number };
  jazz: TrackId[];
  sessionId: string;
}> {
  const clock = { now: DAY };
  const f = await makeFixture({ artistsPerGenre: 5, tracksPerArtist: 6, now: () => clock.now });
  await history(f, clock);
  const jazz = f.ids.filter((id) => f.genreOf.get(id) === 'Jazz');
  clock.now = 10 * DAY;
  const sessionId = 'tonight';
  await f.rec.record({ trackId: jazz[20], kind: 'complete', sessionId, source: 'library' });
  return { f, clock, jazz, sessionId };
}

describe('change of direction after early skips', () => {
  it('after two early skips in a row, Up Next continues from another place the person enjoyed', async () => {
    const { f, clock, jazz, sessionId } = await tonight();
    const settled = await f.rec.upNext({ sessionId, currentTrackId: jazz[20], count: 5 });
    // A settled session stays with what the person usually plays.
    expect(f.genreOf.get(settled[0].trackId)).toBe('Jazz');

    for (const id of [jazz[21], jazz[22]]) {
      clock.now += 10_000;
      await f.rec.record({ trackId: id, kind: 'play', sessionId, source: 'upnext' });
      await f.rec.record({ trackId: id, kind: 'skip', positionS: 6, sessionId, source: 'upnext' });
    }
    const state = await (f.rec as unknown as { ready(): Promise<RecommenderState> }).ready();
    const session = state.sessions.get(sessionId)!;
    const anchor = jumpAnchor(state, session, () => 0.5);
    expect(f.genreOf.get(state.catalog.tracks[anchor].id)).toBe('Ambient');

    const after = await f.rec.upNext({ sessionId, currentTrackId: jazz[22], count: 5 });
    expect(f.genreOf.get(after[0].trackId)).toBe('Ambient');
    // The reason says why the music changed, naming the (Ambient) track it went to.
    expect(after[0].reason).toMatch(
      /^Changing direction: like Ambient Song \d-\d, which you enjoyed$/,
    );
    // Nothing the person skips comes back.
    expect(after.map((x) => f.genreOf.get(x.trackId))).not.toContain('Metal');
    await f.rec.close();
    await f.store.close();
  });

  it('one early skip is just one song: no jump', async () => {
    const { f, jazz, sessionId } = await tonight();
    await f.rec.record({ trackId: jazz[21], kind: 'play', sessionId, source: 'upnext' });
    await f.rec.record({
      trackId: jazz[21],
      kind: 'skip',
      positionS: 6,
      sessionId,
      source: 'upnext',
    });
    const after = await f.rec.upNext({ sessionId, currentTrackId: jazz[21], count: 5 });
    expect(f.genreOf.get(after[0].trackId)).toBe('Jazz');
    await f.rec.close();
    await f.store.close();
  });
});
