/**
 * A real library for recommender tests through the whole engine: WAV files rendered in code
 * (drum kits at known tempos, chord cadences in known keys without drums, both mixed) in artist
 * folders, next to a folder of damaged files (copied broken samples, a truncated file, 64 bytes
 * of noise, a silent track, a 5-second clip). Scanned, analysed and embedded (lexical fallback,
 * offline) by the real stages.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../../src/main/engine';
import type { TrackId } from '../../../src/shared/library';
import { cadence, drumTrack, writeWav } from '../analysis/signals';
import { tempDir } from '../../helpers/temp';

const SAMPLES = '/work/shared/corpus/music-metadata-samples';
/** Seconds per good track: above the 30 s minimum for suggestions, short enough to analyse fast. */
const LONG = 32;

export interface RealLibrary {
  engine: Engine;
  /** Track ids of the good tracks and of the damaged ones. */
  good: TrackId[];
  damaged: TrackId[];
  /** Path and artist of each track id. */
  pathOf: Map<TrackId, string>;
  artistOf: Map<TrackId, string>;
  /** Artists a test has played (for "new to you" checks). */
  playedArtists: Set<string>;
}

const mix = (a: Float32Array, b: Float32Array): Float32Array =>
  a.map((v, i) => 0.6 * v + 0.6 * b[i]);

/** Builds, scans, analyses and embeds the library. */
export async function realLibrary(): Promise<RealLibrary> {
  const base = tempDir('encore-real-');
  const music = join(base, 'Music');
  const write = (artist: string, title: string, signal: Float32Array): void => {
    const dir = join(music, artist, `${artist} Album`);
    mkdirSync(dir, { recursive: true });
    writeWav(join(dir, `${title}.wav`), [signal]);
  };
  [90, 120, 140, 174].forEach((bpm, i) =>
    write('Drum Corps', `0${i + 1} - Drums ${bpm}`, drumTrack(bpm, LONG, 7 + i)),
  );
  (
    [
      ['C', 'major'],
      ['A', 'minor'],
      ['G', 'major'],
      ['E', 'minor'],
    ] as const
  ).forEach(([key, scale], i) =>
    write(
      'Quiet Keys',
      `0${i + 1} - Cadence ${key} ${scale}`,
      cadence(key, scale, LONG).map((v) => 0.5 * v),
    ),
  );
  (
    [
      [100, 'D'],
      [125, 'A'],
      [150, 'E'],
    ] as const
  ).forEach(([bpm, key], i) =>
    write(
      'Band Mix',
      `0${i + 1} - Groove ${bpm} ${key}`,
      mix(drumTrack(bpm, LONG, 20 + i), cadence(key, 'major', LONG)),
    ),
  );
  // The damaged folder.
  const broken = join(music, 'Damaged', 'Broken Album');
  mkdirSync(broken, { recursive: true });
  copyFileSync(join(SAMPLES, 'bug-id3v2-unknownframe.mp3'), join(broken, 'unknown-frame.mp3'));
  copyFileSync(
    join(SAMPLES, "Their - They're - Therapy - 1sec.mp3"),
    join(broken, 'one-second.mp3'),
  );
  writeFileSync(
    join(broken, 'sixty-four.mp3'),
    Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 37) % 256)),
  );
  writeWav(join(broken, 'Silence.wav'), [new Float32Array(LONG * 44100 + 44100 * 8)]);
  writeWav(join(broken, 'Victory.wav'), [drumTrack(130, 5, 3)]);
  writeWav(join(base, 'whole.wav'), [drumTrack(110, LONG, 4)]);
  const whole = readFileSync(join(base, 'whole.wav'));
  writeFileSync(join(broken, 'truncated.wav'), whole.subarray(0, 2048));

  const engine = await createEngine({ dataDir: join(base, 'data'), background: false });
  await engine.library.addRoot(music);
  await engine.library.scan();
  await engine.analysis.start();
  await engine.store.vectors.setSetting('offline', '1');
  engine.meaning.reset();
  await engine.meaning.embedPending();
  const rows = await engine.store.tracks.list({ sort: 'title' });
  const pathOf = new Map(rows.map((t) => [t.id, t.path]));
  const artistOf = new Map(rows.map((t) => [t.id, t.artist]));
  const isDamaged = (p: string): boolean => p.includes(`${join('Damaged', 'Broken Album')}`);
  const good = rows.filter((t) => !isDamaged(t.path)).map((t) => t.id);
  const damaged = rows.filter((t) => isDamaged(t.path)).map((t) => t.id);
  await engine.recommend.settled();
  await engine.recommend.settled();
  return { engine, good, damaged, pathOf, artistOf, playedArtists: new Set() };
}
