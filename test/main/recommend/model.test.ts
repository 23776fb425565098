import { describe, expect, it } from 'vitest';
import { catalogFrom } from '../../../src/main/recommend/catalog';
import { TasteModel, TASTE_HALF_LIFE_MS } from '../../../src/main/recommend/taste-model';
import { rankWeights } from '../../../src/main/recommend/ranking';
import { History } from '../../../src/main/recommend/history';
import type { RecordedEvent } from '../../../src/shared/recommend';
import type { Track } from '../../../src/shared/library';
import { makeFixture } from './fixture';

const t = (id: number, artist: string, genre: string): Track =>
  ({
    id,
    path: `/m/${id}.mp3`,
    title: `T${id}`,
    artist,
    albumArtist: artist,
    album: 'A',
    genres: [genre],
    year: 2001,
    durationS: 200,
    bpmTag: null,
    keyTag: null,
    moodTag: null,
    missing: false,
  }) as Track;

describe('taste model', () => {
  const c = catalogFrom([t(1, 'X', 'Rock'), t(2, 'X', 'Rock'), t(3, 'Y', 'Jazz')], {
    sound: null,
    text: null,
    axes: new Map(),
    moods: new Map(),
  });

  it('generalises a like to the same artist and genre, not to others', () => {
    const m = new TasteModel();
    for (let i = 0; i < 5; i++) m.learn(c, c.row(1), { label: 1, weight: 1 }, 1000 + i);
    expect(m.logit(c, c.row(2))).toBeGreaterThan(0.5);
    expect(m.logit(c, c.row(2))).toBeGreaterThan(m.logit(c, c.row(3)) + 0.5);
  });

  it('fades with a half-life', () => {
    const m = new TasteModel();
    for (let i = 0; i < 5; i++) m.learn(c, c.row(1), { label: 1, weight: 1 }, 1000);
    const bias = m.bias;
    const before = m.logit(c, c.row(2)) - bias;
    m.decayTo(1000 + TASTE_HALF_LIFE_MS);
    expect(m.logit(c, c.row(2)) - bias).toBeCloseTo(before / 2, 4);
  });

  it('writes a snapshot of the weights as they count now without rewriting its own weights', () => {
    const m = new TasteModel();
    m.learn(c, c.row(1), { label: 1, weight: 1 }, 1000);
    m.learn(c, c.row(3), { label: 0, weight: 1 }, 1000 + TASTE_HALF_LIFE_MS / 3);
    const stored = Float32Array.from(m.sparse);
    const { sparseEpoch, scaleNow } = m;
    expect(scaleNow).toBeLessThan(1);
    const back = TasteModel.fromJSON(m.toJSON());
    // The model is as it was: no new epoch, so no cached per-track sum has to be redone.
    expect(m.sparseEpoch).toBe(sparseEpoch);
    expect(m.scaleNow).toBe(scaleNow);
    expect(Array.from(m.sparse)).toEqual(Array.from(stored));
    // The snapshot holds each weight × scale (as float32, the way a renormalised model stores it).
    const touched = stored.reduce((n, w) => n + (w !== 0 ? 1 : 0), 0);
    expect(touched).toBeGreaterThan(0);
    for (let b = 0; b < stored.length; b++)
      if (stored[b] !== 0) expect(back.sparse[b]).toBe(Math.fround(stored[b] * scaleNow));
    expect(back.scaleNow).toBe(1);
    for (const id of [1, 2, 3])
      expect(back.logit(c, c.row(id))).toBeCloseTo(m.logit(c, c.row(id)), 5);
  });

  it('survives a JSON round trip', () => {
    const m = new TasteModel();
    m.learn(c, c.row(3), { label: 0, weight: 2 }, 5000);
    m.lastEventId = 7;
    const back = TasteModel.fromJSON(m.toJSON());
    expect(back.logit(c, c.row(3))).toBeCloseTo(m.logit(c, c.row(3)), 5);
    expect(back.lastEventId).toBe(7);
  });
});

describe('co-listening', () => {
  const ev = (
    id: number,
    trackId: number,
    kind: RecordedEvent['kind'],
    sessionId: string,
    at: number,
  ): RecordedEvent => ({
    id,
    trackId,
    kind,
    sessionId,
    at,
    source: 'library',
    positionS: null,
    durationS: null,
    context: null,
  });

  it('counts B after A within a session and 30 minutes, not across sessions or after a long gap', () => {
    const h = new History();
    h.apply(ev(1, 10, 'complete', 's1', 0));
    h.apply(ev(2, 20, 'complete', 's1', 60_000));
    h.apply(ev(3, 10, 'complete', 's2', 100_000));
    h.apply(ev(4, 20, 'complete', 's3', 160_000)); // other session
    h.apply(ev(5, 10, 'complete', 's4', 200_000));
    h.apply(ev(6, 20, 'complete', 's4', 200_000 + 31 * 60_000)); // too late
    h.apply(ev(7, 10, 'complete', 's5', 9_000_000));
    h.apply(ev(8, 30, 'skip', 's5', 9_010_000)); // skipped: not enjoyed
    h.apply(ev(9, 20, 'complete', 's5', 9_020_000));
    expect(h.coCount(10, 20)).toBe(2);
    expect(h.coCount(20, 10)).toBe(0);
    expect(h.coCount(10, 30)).toBe(0);
    expect(h.followers(10, 5)).toEqual([[20, 2]]);
  });
});

describe('adventurousness', () => {
  it('weights: stay close follows the playing track, surprise me favours the unheard', () => {
    expect(rankWeights(0).sim).toBeGreaterThan(rankWeights(1).sim);
    expect(rankWeights(1).novel).toBeGreaterThan(rankWeights(0).novel);
    expect(rankWeights(0.5, 2).sim).toBeCloseTo(rankWeights(0.5).sim / 4);
  });

  it('"surprise me" suggests tracks further from the playing one than "stay close"', async () => {
    const f = await makeFixture();
    const st = await (
      f.rec as unknown as {
        ready(): Promise<{
          catalog: { row(id: number): number; similarity(a: number, b: number): number };
        }>;
      }
    ).ready();
    const current = f.ids[0];
    const meanSim = async (a: number): Promise<number> => {
      await f.rec.updateSettings({ adventurousness: a });
      let sum = 0;
      let n = 0;
      for (let i = 0; i < 5; i++) {
        for (const x of await f.rec.upNext({
          sessionId: `s${a}-${i}`,
          currentTrackId: current,
          count: 10,
        })) {
          sum += st.catalog.similarity(st.catalog.row(current), st.catalog.row(x.trackId));
          n += 1;
        }
      }
      return sum / n;
    };
    expect(await meanSim(1)).toBeLessThan(await meanSim(0));
    await f.rec.close();
    await f.store.close();
  });

  it('announces upnext.changed after an event', async () => {
    const f = await makeFixture();
    const seen: { sessionId: string; cause: string }[] = [];
    f.events.on('upnext.changed', (p) => seen.push(p));
    await f.rec.record({
      trackId: f.ids[0],
      kind: 'skip',
      positionS: 3,
      sessionId: 'abc',
      source: 'upnext',
    });
    await f.rec.record({
      trackId: f.ids[0],
      kind: 'progress',
      positionS: 4,
      sessionId: 'abc',
      source: 'upnext',
    });
    expect(seen).toEqual([{ sessionId: 'abc', cause: 'skip' }]);
    await f.rec.close();
    await f.store.close();
  });
});
