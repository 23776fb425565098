import { describe, expect, it } from 'vitest';
import { makeFixture } from './fixture';
import { isEarlySkip, lessonOf } from '../../../src/main/recommend/labels';

describe('skip semantics', () => {
  it('a skip in the first 30 s or first 25 % is strong, a late one weak', () => {
    expect(isEarlySkip(10, 600)).toBe(true);
    expect(isEarlySkip(100, 600)).toBe(true); // 16 % of 10 minutes
    expect(isEarlySkip(200, 600)).toBe(false);
    expect(isEarlySkip(40, 100)).toBe(false); // past 30 s and 25 %
    expect(isEarlySkip(null, 100)).toBe(true);
    expect(lessonOf('skip', 5, 200)!.weight).toBeGreaterThan(lessonOf('skip', 150, 200)!.weight);
    expect(lessonOf('play', 0, 200)).toBeNull();
  });
});

describe('session model', () => {
  it('a skip steers the very next suggestion away from the skipped sound', async () => {
    const f = await makeFixture();
    const st = await (
      f.rec as unknown as {
        ready(): Promise<{
          catalog: { row(id: number): number; similarity(a: number, b: number): number };
        }>;
      }
    ).ready();
    const sim = (a: number, b: number): number =>
      st.catalog.similarity(st.catalog.row(a), st.catalog.row(b));
    const jazz = f.ids.filter((id) => f.genreOf.get(id) === 'Jazz');
    const current = jazz[0];
    await f.rec.record({ trackId: current, kind: 'play', sessionId: 'plain', source: 'library' });
    await f.rec.record({ trackId: current, kind: 'play', sessionId: 'skipper', source: 'library' });
    const before = await f.rec.upNext({ sessionId: 'plain', currentTrackId: current, count: 5 });
    const skipped = before[0].trackId;
    await f.rec.record({
      trackId: skipped,
      kind: 'skip',
      positionS: 8,
      sessionId: 'skipper',
      source: 'upnext',
    });
    const after = await f.rec.upNext({ sessionId: 'skipper', currentTrackId: current, count: 5 });
    const meanSim = (l: typeof before): number =>
      l.reduce((s, x) => s + sim(x.trackId, skipped), 0) / l.length;
    expect(after.map((x) => x.trackId)).not.toContain(skipped);
    expect(sim(after[0].trackId, skipped)).toBeLessThan(sim(before[1].trackId, skipped));
    expect(meanSim(after)).toBeLessThan(meanSim(before.slice(1)));
    await f.rec.close();
    await f.store.close();
  });

  it('the taste model learns a liked genre and keeps it across a restart', async () => {
    const f = await makeFixture();
    const metal = f.ids.filter((id) => f.genreOf.get(id) === 'Metal');
    const jazz = f.ids.filter((id) => f.genreOf.get(id) === 'Jazz');
    for (const id of metal.slice(0, 8))
      await f.rec.record({ trackId: id, kind: 'complete', sessionId: 's', source: 'library' });
    // Early skips of Encore's suggestions (sampling one's own list would teach no genre).
    for (const [i, id] of jazz.slice(0, 8).entries())
      await f.rec.record({
        trackId: id,
        kind: 'skip',
        positionS: 5,
        sessionId: `s${i % 2}`,
        source: 'upnext',
      });
    const taste = await f.rec.taste();
    expect(taste.likes.find((e) => e.facet === 'genre')?.name).toBe('Metal');
    expect(taste.dislikes.find((e) => e.facet === 'genre')?.name).toBe('Jazz');
    const cold = await f.rec.upNext({ sessionId: 'fresh', count: 10 });
    const metalShare =
      cold.filter((x) => f.genreOf.get(x.trackId) === 'Metal').length / cold.length;
    expect(metalShare).toBeGreaterThan(0.5);
    await f.rec.close();
    await f.store.close();
    // Reopen: snapshot + replay give the same opinion.
    const g = await makeFixture({ dir: f.dir });
    const again = await g.rec.taste();
    expect(again.events).toBe(taste.events);
    expect(again.likes[0]).toEqual(taste.likes[0]);
    await g.rec.forget('genre', 'Metal');
    expect(
      (await g.rec.taste()).likes.find((e) => e.facet === 'genre' && e.name === 'Metal'),
    ).toBeUndefined();
    await g.rec.resetTaste();
    const reset = await g.rec.taste();
    expect(reset.likes).toEqual([]);
    expect(reset.events).toBe(0);
    await g.rec.close();
    await g.store.close();
  });
});

describe('taste page', () => {
  it('names sounds the person likes only once they have kept some tracks, not after a skip', async () => {
    const f = await makeFixture();
    const metal = f.ids.filter((id) => f.genreOf.get(id) === 'Metal');
    const jazz = f.ids.filter((id) => f.genreOf.get(id) === 'Jazz');
    await f.rec.record({
      trackId: jazz[0],
      kind: 'skip',
      positionS: 5,
      sessionId: 's',
      source: 'library',
    });
    expect((await f.rec.taste()).sounds).toEqual([]);
    for (const id of metal.slice(0, 3))
      await f.rec.record({ trackId: id, kind: 'complete', sessionId: 's', source: 'library' });
    const sounds = (await f.rec.taste()).sounds;
    expect(sounds.length).toBeGreaterThan(0);
    expect(sounds.every((t) => f.genreOf.get(t.trackId) === 'Metal')).toBe(true);
    await f.rec.close();
    await f.store.close();
  });
});
