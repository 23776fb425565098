import { describe, expect, it } from 'vitest';
import { catalogFrom } from '../../../src/main/recommend/catalog';
import { reasonFor, type ReasonInput } from '../../../src/main/recommend/reasons';
import type { TrackAxes } from '../../../src/main/recommend/features';
import type { Track } from '../../../src/shared/library';
import { makeFixture } from './fixture';

function track(id: number, o: Partial<Track>): Track {
  return {
    id,
    path: `/m/${id}.mp3`,
    title: `T${id}`,
    artist: `A${id}`,
    artists: [],
    album: '',
    albumArtist: '',
    trackNo: null,
    trackTotal: null,
    discNo: null,
    discTotal: null,
    year: null,
    genre: '',
    genres: [],
    composer: null,
    comment: null,
    durationS: 200,
    container: null,
    codec: null,
    lossless: null,
    bitrate: null,
    sampleRate: null,
    channels: null,
    bpmTag: null,
    keyTag: null,
    moodTag: null,
    replayGain: { trackGainDb: null, trackPeak: null, albumGainDb: null, albumPeak: null },
    musicbrainz: { trackId: null, recordingId: null, albumId: null, artistId: null },
    pathFallback: [],
    tagEncodingFix: null,
    coverHash: null,
    hasLyrics: false,
    missing: false,
    addedAt: 0,
    ...o,
  };
}

const tracks = [
  track(1, { title: 'Wonderwall', genres: ['Britpop'] }),
  track(2, { title: 'Mixable', genres: ['Britpop'] }),
  track(3, { title: 'Quiet 1' }),
  track(4, { title: 'Quiet 2' }),
  track(5, { title: 'Quiet 3' }),
  track(6, { title: 'Also quiet' }),
  track(7, { title: 'Loud', genres: ['Noise'] }),
  track(8, { title: 'Louder', artist: 'A7', genres: ['Noise'] }),
];
const axes = new Map<number, TrackAxes>([
  [1, { key: 'C', scale: 'major', bpm: 120, energy: 0.7 }],
  [2, { key: 'C', scale: 'major', bpm: 121.5, energy: 0.7 }],
  [3, { energy: 0.2 }],
  [4, { energy: 0.25 }],
  [5, { energy: 0.1 }],
  [6, { energy: 0.3 }],
  [7, { key: 'F#', scale: 'major', bpm: 174, energy: 0.95 }],
  [8, { key: 'D', scale: 'minor', bpm: 90, energy: 0.5 }],
]);
const sound = {
  ids: [1, 2, 3, 4, 5, 6, 7, 8],
  dim: 2,
  data: Float32Array.from([1, 0, 1, 0.05, 0, 1, 0, 1, 0, 1, 0, 1, 0.7, 0.7, -1, 0]),
};
const c = catalogFrom(tracks, { sound, text: null, axes, moods: new Map() });
const row = (id: number): number => c.row(id);
const base = (o: Partial<ReasonInput>): ReasonInput => ({
  catalog: c,
  row: row(2),
  current: row(1),
  recent: [],
  parts: { sim: 0.2, taste: 0, session: 0, co: 0, novel: 0, recent: 0 },
  coFrom: null,
  newArtist: false,
  heardGenres: new Set(),
  artistWeight: 0,
  hasLikedArtists: false,
  ...o,
});

describe('reasons', () => {
  it('co-listening: "You played this after X 3 times" once it happened at least twice', () => {
    const r = reasonFor(base({ coFrom: { row: row(1), count: 3 } }));
    expect(r.text).toBe('You played this after Wonderwall 3 times');
    expect(r.why).toEqual({
      kind: 'co-listen',
      facts: { after: { trackId: 1, title: 'Wonderwall' }, count: 3 },
    });
    expect(reasonFor(base({ coFrom: { row: row(1), count: 1 } })).kind).not.toBe('co-listen');
  });

  it('key and tempo: same key and scale, tempo within 4 %', () => {
    expect(reasonFor(base({})).text).toBe(
      'Same key (C major), same tempo (122 BPM vs 120 BPM), similar energy as Wonderwall',
    );
    expect(reasonFor(base({ row: row(7) })).kind).not.toBe('key-tempo');
  });

  it('session mood: "Calm, like the last three" only when all four are calm', () => {
    const r = reasonFor(base({ row: row(6), current: row(5), recent: [row(5), row(4), row(3)] }));
    expect(r.text).toBe('Calm, like the last 3');
    expect(
      reasonFor(base({ row: row(7), current: row(5), recent: [row(5), row(4), row(3)] })).kind,
    ).not.toBe('session-mood');
  });

  it('new to you: what is new (artist or genre) and the heard track it fits beside', () => {
    // Mixable (A2, Britpop, 121.5 BPM) after Loud, with Wonderwall (120 BPM) heard earlier in the
    // session: a new artist, of the same tempo as a heard track.
    const mixable = base({ row: row(2), current: row(7), recent: [row(1)], newArtist: true });
    const r = reasonFor(mixable);
    expect(r.text).toBe('New to you: A2, Britpop, 122 BPM like Wonderwall');
    expect(r.why).toMatchObject({
      kind: 'new-to-you',
      facts: { newArtist: true, likeBy: 'tempo', like: { title: 'Wonderwall' } },
    });
    // Loud after Wonderwall: new, but nothing heard it fits beside — an exploration pick, said by
    // what it is and how it differs.
    const loud = reasonFor(base({ row: row(7), current: row(1), newArtist: true }));
    expect(loud.text).toBe('Livelier than Wonderwall: Noise, 174 BPM');
    // The playing track is heard: its own artist is never "new to you" (Louder is by A7 too).
    const sameArtist = reasonFor(base({ row: row(8), current: row(7), newArtist: true }));
    expect(sameArtist.kind).not.toBe('new-to-you');
    expect(sameArtist.text).toBe('Half-time feel (90 BPM vs 174 BPM) as Loud');
    // Nothing heard at all: every track would be new, so none is said to be "new to you".
    expect(reasonFor(base({ row: row(7), current: -1, newArtist: true })).text).toBe(
      'Something new: A7, Noise, 174 BPM',
    );
  });

  it('sound similarity, shared genre, liked artist, exploration', () => {
    const withSim = (sim: number): ReasonInput['parts'] => ({
      sim,
      taste: 0,
      session: 0,
      co: 0,
      novel: 0,
      recent: 0,
    });
    expect(reasonFor(base({ row: row(6), current: row(4), parts: withSim(0.5) })).text).toBe(
      'Sounds like Quiet 2',
    );
    // Close in the combined vector but not in measured sound: no "sounds like".
    expect(reasonFor(base({ row: row(7), current: row(6), parts: withSim(0.9) })).kind).not.toBe(
      'sound',
    );
    const genreCat = reasonFor(base({ row: row(2), current: row(1), parts: withSim(0.5) }));
    expect(genreCat.kind).toBe('key-tempo'); // more specific wins over genre
    const noKey = catalogFrom([tracks[0], tracks[1]], {
      sound: null,
      text: null,
      axes: new Map(),
      moods: new Map(),
    });
    expect(
      reasonFor({
        ...base({}),
        catalog: noKey,
        row: noKey.row(2),
        current: noKey.row(1),
        parts: withSim(0.5),
      }).text,
    ).toBe('More Britpop, like Wonderwall');
    expect(reasonFor(base({ row: row(3), current: -1, artistWeight: 0.8 })).text).toBe(
      'You like A3',
    );
    // Nothing heard yet: an exploration pick said by what it is (A3 was never played).
    expect(reasonFor(base({ row: row(3), current: -1, newArtist: true })).text).toBe(
      'Something new: A3',
    );
    // Differs from the playing track in energy by more than one band: said as such.
    expect(reasonFor(base({ row: row(3), current: row(7) })).text).toBe('Calmer than Loud');
    const heardNoise = new Set(c.tracks[row(7)].genres);
    expect(reasonFor(base({ row: row(7), current: row(3), heardGenres: heardNoise })).text).toBe(
      'Livelier than Quiet 1: Noise, 174 BPM',
    );
  });

  it('Up Next names the track it often follows after co-listening', async () => {
    let now = Date.UTC(2026, 0, 1);
    const f = await makeFixture({ now: () => now });
    const [a, b] = [f.ids[0], f.ids[40]];
    for (let s = 0; s < 3; s++) {
      await f.rec.record({ trackId: a, kind: 'complete', sessionId: `s${s}`, source: 'library' });
      now += 60_000;
      await f.rec.record({ trackId: b, kind: 'complete', sessionId: `s${s}`, source: 'library' });
      now += 24 * 3600_000;
    }
    const list = await f.rec.upNext({ sessionId: 'new', currentTrackId: a, count: 10 });
    const item = list.find((x) => x.trackId === b);
    expect(item?.reason).toBe(
      `You played this after ${(await f.store.tracks.get(a))!.title} 3 times`,
    );
    await f.rec.close();
    await f.store.close();
  });
});
