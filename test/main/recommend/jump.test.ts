import { describe, expect, it } from 'vitest';
import { makeFixture, type Fixture } from './fixture';
import { jumpAnchor } from '../../../src/main/recommend/jump';
import { applyEvent, type RecommenderState } from '../../../src/main/recommend/state';
import { Session } from '../../../src/main/recommend/session';
import { TopK } from '../../../src/main/vectors/top-k';
import { rng } from '../../../src/main/vectors/random';
import type { TrackId } from '../../../src/shared/library';
import type { RecordedEvent } from '../../../src/shared/recommend';

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

  it('finds the same place as a pass that checks every played track, when the history outgrows the pool', async () => {
    // 40 artists × 5 tracks in each of four genres: 800 tracks, more than the 400 kept tracks
    // the jump considers, so the pool fills and the early cut-off (older than the pool's oldest)
    // turns most of the history away.
    const f = await makeFixture({ artistsPerGenre: 40, tracksPerArtist: 5 });
    const state = await (f.rec as unknown as { ready(): Promise<RecommenderState> }).ready();
    const r = rng(3);
    let id = 0;
    // Today's clock: in float32 seconds, plays less than 128 s apart tie (and a tie goes to the
    // lower row), so the cut-off must turn away only what is strictly older.
    let at = 1_700_000_000_000;
    const event = (trackId: TrackId, kind: RecordedEvent['kind'], sessionId: string) => {
      at += 5_000 + Math.floor(r() * 20_000);
      const e: RecordedEvent = {
        id: ++id,
        trackId,
        kind,
        sessionId,
        at,
        source: 'upnext',
        positionS: kind === 'skip' ? 8 : null,
        durationS: 200,
        context: null,
      };
      applyEvent(state, e, at);
      return e;
    };
    // Every track first played in id order, then 3,000 plays of random tracks, so the last plays
    // are out of step with the order of first plays; a quarter skipped early, a few disliked.
    for (const t of f.ids) event(t, 'complete', 'first');
    for (let i = 0; i < 3000; i++) {
      const t = f.ids[Math.floor(r() * f.ids.length)];
      const x = r();
      event(t, x < 0.25 ? 'skip' : x < 0.27 ? 'dislike' : 'complete', `past-${i >> 4}`);
    }
    const metal = f.ids.filter((t) => f.genreOf.get(t) === 'Metal');
    let compared = 0;
    for (let round = 0; round < 6; round++) {
      const session = new Session(`tonight-${round}`);
      for (let i = 0; i < 10; i++)
        session.apply(event(f.ids[Math.floor(r() * f.ids.length)], 'complete', session.id));
      for (const t of metal.slice(round * 3, round * 3 + 3))
        session.apply(event(t, 'skip', session.id));
      for (let seed = 1; seed <= 5; seed++) {
        const jumped = jumpAnchor(state, session, rng(seed));
        expect(jumped).toBeGreaterThanOrEqual(0);
        expect(jumped).toBe(everyPlayedTrack(state, session, rng(seed)));
        compared += 1;
      }
    }
    expect(compared).toBe(30);
    await f.rec.close();
    await f.store.close();
  });
});

/** The jump as it was first written, visiting every played track with every check (the
 * reference for the cut-off in jump.ts: same pool, same slots, so the same random draws). */
function everyPlayedTrack(state: RecommenderState, session: Session, random: () => number): number {
  const { catalog, history } = state;
  const skipped = session.signals
    .filter((s) => s.value <= -1)
    .slice(-5)
    .map((s) => catalog.row(s.trackId))
    .filter((row) => row >= 0 && catalog.tracks[row].hasSound);
  if (skipped.length === 0) return -1;
  const inSession = new Set<TrackId>(session.played);
  const pool = new TopK(400);
  const { playOrder, orderedLast, orderedPlays, orderedSkips, disliked } = history;
  for (let i = 0; i < playOrder.length; i++) {
    const plays = orderedPlays[i];
    if (!plays || plays <= orderedSkips[i]) continue;
    const row = catalog.row(playOrder[i]);
    if (row < 0 || !catalog.tracks[row].hasSound) continue;
    const id = playOrder[i];
    if ((disliked.size > 0 && disliked.has(id)) || inSession.has(id)) continue;
    pool.push(row, orderedLast[i] / 1000);
  }
  expect(pool.size).toBe(400);
  let best = -1;
  let bestValue = -Infinity;
  for (let i = 0; i < pool.size; i++) {
    const row = pool.rows[i];
    const id = catalog.tracks[row].id;
    let near = -1;
    for (const s of skipped) near = Math.max(near, catalog.soundSimilarity(row, s));
    const plays = history.plays.get(id) ?? 0;
    const keptShare = plays / (plays + (history.skips.get(id) ?? 0));
    const value = keptShare - near + 0.1 * random();
    if (value > bestValue) {
      bestValue = value;
      best = row;
    }
  }
  return best;
}
