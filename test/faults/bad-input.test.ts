/**
 * Bad input: a seeded mutation corpus built from the fixture library (truncations, bit flips,
 * zero-byte files, absurd declared sizes, non-audio under audio names, deep folders, hostile file
 * names) goes through the real engine — scan, then analysis. Nothing crashes, nothing hangs past
 * the per-file timeout, memory stays bounded, and every file is a track or a recorded error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { createEngine, type Engine } from '../../src/main/engine';
import { UNDECODABLE_NAME } from '../../src/main/library/walk';
import { tempDir } from '../helpers/temp';
import { buildCorpus, prng, type Corpus } from './mutate';
import { fixtureSources, rssSampler, unaccounted } from './corpus';

const SEED = 0x5eed_0007;
// Small enough that a hung parse costs the suite little, ample for a sane file (milliseconds).
const PARSE_TIMEOUT_MS = 3000;
/**
 * RSS bound for the whole test process while scanning and analysing: vitest and the engine take
 * ~250 MB at rest here; each of the two tag workers and the analysis worker may hold up to its
 * 256 MB heap cap (resourceLimits) plus WASM memory. 1.5 GB is above that worst case and far below
 * what an unbounded allocation of a 2 GB declared frame would reach.
 */
const RSS_BOUND_MB = 1536;
/** Tracks of the corpus analysed in the suite. */
const ANALYSE_SAMPLE = 40;

let engine: Engine;
let corpus: Corpus;
let root: string;

beforeAll(() => {
  root = tempDir('encore-faults-corpus-');
  corpus = buildCorpus(root, fixtureSources(), { seed: SEED });
});

afterAll(async () => {
  await engine?.close();
});

describe('a scan of the mutation corpus', () => {
  it('accounts for every file as a track or an error, within bounded memory', async () => {
    engine = await createEngine({
      dataDir: tempDir('encore-faults-data-'),
      workers: 1,
      parseTimeoutMs: PARSE_TIMEOUT_MS,
    });
    // No model download from a test; the lexical fallback embeds offline.
    await engine.meaning.configure({ offline: true });
    expect(corpus.files.length).toBeGreaterThan(300);
    await engine.library.addRoot(root);
    const rss = rssSampler();
    const summary = await engine.library.scan();
    const peak = rss.stop();

    expect(summary.cancelled).toBe(false);
    expect(summary.added + summary.errors).toBe(corpus.files.length + corpus.rawNameFiles.length);
    expect(await unaccounted(engine, corpus.files)).toEqual([]);
    for (const e of await engine.store.tracks.errors(100_000)) {
      expect(e.error.length, e.path).toBeGreaterThan(3);
    }
    const errors = await engine.store.tracks.errors(100_000);
    console.info(
      `bad input: ${corpus.files.length + corpus.rawNameFiles.length} files ${JSON.stringify(corpus.kinds)}, ` +
        `${summary.added} tracks, ${summary.errors} errors ` +
        `(${errors.filter((e) => /time/i.test(e.error)).length} timeouts), peak RSS ${Math.round(peak)} MB`,
    );
    expect(peak).toBeLessThan(RSS_BOUND_MB);
    expect(await engine.store.integrityCheck()).toBe('ok');
  });

  it('records names that are not UTF-8 instead of losing them', async () => {
    // Node decodes such names with U+FFFD; the file stays on disk under its raw bytes.
    for (const raw of corpus.rawNameFiles) expect(existsSync(raw)).toBe(true);
    const stats = await engine.store.tracks.stats();
    const all = stats.tracks + stats.errors;
    expect(all).toBe(corpus.files.length + corpus.rawNameFiles.length);
    const undecodable = (await engine.store.tracks.errors(100_000)).filter(
      (e) => e.error === UNDECODABLE_NAME,
    );
    expect(undecodable.length).toBe(corpus.rawNameFiles.length);
    // A rescan leaves them as they are (same size and mtime): no churn, no duplicates.
    const again = await engine.library.scan();
    expect(again.unchanged).toBe(all);
    expect(again.added + again.updated + again.removed + again.errors).toBe(0);
  });

  it('keeps the readable mutations as tracks (the scanner does not give up on damage)', async () => {
    const tracks = await engine.store.tracks.list();
    const paths = new Set(tracks.map((t) => t.path));
    // Renamed copies of intact files must all be tracks.
    for (const p of corpus.files.filter((f) => f.includes('/names/') || f.includes('/deep/'))) {
      expect(paths.has(p), p).toBe(true);
    }
    // Empty files are errors with a reason that says so.
    const errors = await engine.store.tracks.errors(100_000);
    const zero = errors.filter((e) => e.path.includes('/zero-byte/'));
    expect(zero.length).toBe(corpus.kinds['zero-byte']);
    for (const e of zero) expect(e.error).toMatch(/empty/);
  });

  it('analyses a seeded sample of the readable mutations, or records why not', async () => {
    // Analysis decodes audio (seconds per file on two shared cores): a sample from every kind
    // keeps the suite short; npm run soak analyses more.
    await engine.analysis.cancel();
    const rand = prng(SEED);
    const sample = (await engine.store.tracks.list())
      .map((t) => ({ id: t.id, k: rand() }))
      .sort((a, b) => a.k - b.k)
      .slice(0, ANALYSE_SAMPLE)
      .map((x) => x.id);
    engine.analysis.prioritise(sample);
    const rss = rssSampler();
    const run = await engine.analysis.start({ limit: sample.length });
    const peak = rss.stop();
    console.info(`bad input analysis: ${JSON.stringify(run)}, peak RSS ${Math.round(peak)} MB`);
    expect(run.cancelled).toBe(false);
    expect(run.done).toBe(sample.length);
    const features = await engine.store.features.getMany(sample);
    expect(features.length).toBe(sample.length);
    expect(peak).toBeLessThan(RSS_BOUND_MB);
    expect(await engine.store.integrityCheck()).toBe('ok');
  }, 300_000);
});
