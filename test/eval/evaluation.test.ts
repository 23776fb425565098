/**
 * The evaluation's own rules (scripts/eval/): listeners judge by the builder's ground truth and
 * follow paths, not track ids; held-out pieces are hidden whole; lists are scored on unplayed
 * tracks, and a system that cannot be scored there says so; the learning baseline learns; the
 * cache key follows the analysis version and the manifest; the targets fail when missed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rng } from '../../src/main/vectors/random';

// The evaluation is plain JavaScript (scripts/eval); loaded by URL, typed here by what is used.
type Truth = { source: string; genre: string; artist: string; style: string; traits: Float64Array };
type T = { id: number; path: string; artist: string; genres: string[]; durationS: number | null };
type Listener = {
  base: (t: T, mood: number) => number;
  hidden: Set<number>;
  relevant: Set<number>;
  likedCount: number;
};
type Metric = { mean: number; sd: number } | null;
type Agg = Record<string, unknown> & { hit: Metric; skip: Metric };
const load = async <M>(rel: string): Promise<M> =>
  (await import(new URL(`../../scripts/eval/${rel}`, import.meta.url).href)) as M;
const { matchTruth } = await load<{
  matchTruth: (
    tracks: T[],
    entries: object[],
    base: string,
  ) => { truth: Map<number, Truth>; unmatched: T[] };
}>('ground-truth.js');
const { makeListener } = await load<{
  makeListener: (i: number, tracks: T[], truth: Map<number, Truth>, r: () => number) => Listener;
}>('listener.js');
const { unplayedTop, runListener } = await load<{
  unplayedTop: (l: number[], played: Set<number>, n: number) => number[];
  runListener: (o: object) => Promise<{ rows: object[]; lists: object[]; evals: object[] }>;
}>('simulate.js');
const { learningSystem, mostPlayedSystem } = await load<{
  learningSystem: (tracks: T[], sound: Map<number, Float64Array>) => System;
  mostPlayedSystem: (tracks: T[], r: () => number) => System;
}>('systems.js');
const { summarise, aggregate, resultsTable, targets, recovery } = await load<{
  summarise: (all: object, o: object) => Record<string, unknown>;
  aggregate: (runs: object[]) => Agg;
  resultsTable: (A: Record<string, Agg>) => string;
  targets: (A: Record<string, unknown>) => { target: string; met: boolean; detail: string }[];
  recovery: (before: number, after: number[]) => number | null;
}>('report.js');
const { cacheDir } = await load<{ cacheDir: (o: object) => string }>('library.js');
type System = {
  next: (c: number, s: string, n: number) => Promise<number[]>;
  record: (e: object) => Promise<void>;
  scoresUnplayed?: boolean;
};

/** 120 excerpts of 40 pieces by 8 artists in 4 genres, with external measurements. */
function library(ids: (i: number) => number) {
  const entries = [];
  const tracks: T[] = [];
  for (let i = 0; i < 120; i++) {
    const piece = Math.floor(i / 3);
    const path = `Game ${piece % 5}/Piece ${String(piece).padStart(2, '0')} - ${(i % 3) + 1}.ogg`;
    entries.push({
      path,
      source: `pkg:piece${piece}`,
      genre: ['Rock', 'Ambient', 'Chiptune', 'Orchestral'][piece % 4],
      artist: `Composer ${piece % 8}`,
      style: `Style ${piece % 5}`,
      tempoBpm: 70 + ((piece * 37) % 90) + (i % 3),
      loudnessLufs: -30 + ((piece * 13) % 20),
      onsetRate: 0.5 + ((piece * 7) % 40) / 10,
      brightnessHz: 500 + ((piece * 101) % 3000),
    });
    tracks.push({ id: ids(i), path: `/lib/${path}`, artist: '', genres: [], durationS: 32 });
  }
  tracks.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { entries, tracks };
}

describe('evaluation', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('matches ground truth by path, z-scores it, and reports tracks it cannot match', () => {
    const { entries, tracks } = library((i) => i + 1);
    const extra: T = {
      id: 999,
      path: '/lib/Loose/new.ogg',
      artist: 'X',
      genres: ['Y'],
      durationS: 60,
    };
    const broken = { ...entries[0], path: 'Game 0/broken.ogg', tempoBpm: null };
    const brokenTrack: T = { ...tracks[0], id: 998, path: '/lib/Game 0/broken.ogg' };
    const { truth, unmatched } = matchTruth(
      [...tracks, extra, brokenTrack],
      [...entries, broken],
      '/lib',
    );
    expect(truth.size).toBe(120);
    expect(unmatched.map((t) => t.id).sort()).toEqual([998, 999]);
    for (let j = 0; j < 4; j++) {
      const xs = [...truth.values()].map((x) => x.traits[j]);
      expect(Math.abs(xs.reduce((a, b) => a + b, 0) / xs.length)).toBeLessThan(1e-9);
    }
    const first = truth.get(tracks[0].id)!;
    expect(first.source).toMatch(/^pkg:piece/);
    expect(first.genre).not.toBe('?');
  });

  it('makes the same listener whatever ids a fresh scan hands out, hiding held-out pieces whole', () => {
    const a = library((i) => i + 1);
    const b = library((i) => 1000 + ((i * 53) % 120));
    const ta = matchTruth(a.tracks, a.entries, '/lib').truth;
    const tb = matchTruth(b.tracks, b.entries, '/lib').truth;
    const la = makeListener(3, a.tracks, ta, rng(42));
    const lb = makeListener(3, b.tracks, tb, rng(42));
    const byPath = (tracks: T[], set: Set<number>) =>
      tracks.filter((t) => set.has(t.id)).map((t) => t.path);
    a.tracks.forEach((t, i) => expect(lb.base(b.tracks[i], 0)).toBeCloseTo(la.base(t, 0), 12));
    expect(byPath(b.tracks, lb.hidden)).toEqual(byPath(a.tracks, la.hidden));
    expect(la.likedCount).toBeGreaterThan(0);
    expect(la.relevant.size).toBeGreaterThan(0);
    // Every excerpt of a held-out piece is hidden; the relevant ones are hidden and liked.
    const sourceOf = (t: T) => ta.get(t.id)!.source;
    const hiddenSources = new Set(a.tracks.filter((t) => la.hidden.has(t.id)).map(sourceOf));
    for (const t of a.tracks) expect(la.hidden.has(t.id)).toBe(hiddenSources.has(sourceOf(t)));
    for (const id of la.relevant) {
      expect(la.hidden.has(id)).toBe(true);
      expect(
        la.base(
          a.tracks.find((t) => t.id === id)!,
          0,
        ),
      ).toBeGreaterThan(1.9);
    }
  });

  it('scores lists on unplayed tracks only, and marks most played as not scorable', async () => {
    expect(unplayedTop([5, 1, 7, 2, 9, 4], new Set([1, 2, 9]), 2)).toEqual([5, 7]);
    const { entries, tracks } = library((i) => i + 1);
    const { truth } = matchTruth(tracks, entries, '/lib');
    tracks.forEach((t) => {
      t.artist = truth.get(t.id)!.artist;
      t.genres = [truth.get(t.id)!.genre];
    });
    const listener = makeListener(0, tracks, truth, rng(7));
    const run = await runListener({
      system: mostPlayedSystem(tracks, rng(1)),
      listener,
      tracks,
      byId: new Map(tracks.map((t) => [t.id, t])),
      sessions: 4,
      length: 6,
      random: rng(2),
      clock: { now: 0 },
    });
    expect(run.rows).toHaveLength(24);
    expect(run.evals).toEqual([]);
    const opts = { sessions: 4, length: 6, catalogSize: tracks.length, sound: new Map() };
    const A = { 'Most played': aggregate([summarise(run, opts), summarise(run, opts)]) };
    expect(A['Most played'].hit).toBeNull();
    expect(resultsTable(A)).toContain('not applicable');
  });

  it('learning baseline: what was skipped sinks, what was completed rises, across sessions', async () => {
    const { entries, tracks } = library((i) => i + 1);
    const { truth } = matchTruth(tracks, entries, '/lib');
    tracks.forEach((t) => {
      t.artist = truth.get(t.id)!.artist;
      t.genres = [truth.get(t.id)!.genre];
    });
    const sys = learningSystem(tracks, new Map());
    const genreOf = (id: number) => tracks.find((t) => t.id === id)!.genres[0];
    for (const t of tracks.slice(0, 40)) {
      const kind = t.genres[0] === 'Rock' ? 'complete' : 'skip';
      await sys.record({ trackId: t.id, kind, sessionId: 's1' });
    }
    const next = await sys.next(tracks[100].id, 's2', 10);
    expect(next.map(genreOf)).toEqual(Array(10).fill('Rock'));
  });

  it('names its cache by analysis version and manifest, so either change rescans', () => {
    const dir = mkdtempSync(join(tmpdir(), 'encore-eval-test-'));
    dirs.push(dir);
    const manifest = join(dir, 'manifest.json');
    writeFileSync(manifest, '{"tracks":[]}');
    const key = (v: number) =>
      cacheDir({ cache: dir, name: 'distinct', roots: ['/lib'], manifest, analysisVersion: v });
    const k1 = key(1);
    expect(key(1)).toBe(k1);
    expect(key(2)).not.toBe(k1);
    writeFileSync(manifest, '{"tracks":[{"path":"a.ogg"}]}');
    expect(key(1)).not.toBe(k1);
  });

  it('checks the targets honestly: a miss is reported with its numbers', () => {
    const m = (mean: number) => ({ mean, sd: 0, min: mean, max: mean, values: [mean] });
    const sys = (skip: number, hit: number | null, first3: number, last3: number) => ({
      skip: m(skip),
      hit: hit === null ? null : m(hit),
      first3: m(first3),
      last3: m(last3),
      before: m(0.3),
      after: [0.9, 0.8, 0.5, 0.4, 0.35, 0.3],
      adapt: recovery(0.3, [0.9, 0.8, 0.5, 0.4, 0.35, 0.3]),
    });
    // (0.5 + 0.4 + 0.35) / 3 > 0.4; (0.4 + 0.35 + 0.3) / 3 ≤ 0.4: back on tracks +4…+6.
    expect(recovery(0.3, [0.9, 0.8, 0.5, 0.4, 0.35, 0.3])).toBe(3);
    expect(recovery(0.1, [0.9, 0.8, 0.7, 0.6])).toBeNull();
    const good = targets({
      Encore: sys(0.4, 0.5, 0.5, 0.3),
      'Random shuffle': sys(0.7, 0.1, 0.7, 0.7),
      'Content similarity': sys(0.5, 0.3, 0.5, 0.5),
      'Most played': sys(0.8, null, 0.8, 0.8),
    });
    expect(good.map((t) => t.met)).toEqual([true, true, true, true, true]);
    const bad = targets({
      Encore: sys(0.45, 0.2, 0.4, 0.45),
      'Random shuffle': sys(0.6, 0.1, 0.6, 0.6),
      'Content similarity': sys(0.5, 0.3, 0.5, 0.5),
    });
    expect(bad.map((t) => t.met)).toEqual([false, false, false, false, true]);
    expect(bad[0].detail).toContain('25.0 % lower');
    expect(bad[2].detail).toContain('Content similarity');
  });
});
