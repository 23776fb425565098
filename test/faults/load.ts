/**
 * The load run behind `npm run bench:load` (scripts/fault-load.js bundles and starts it): a
 * 100,000-track library (real rows in a real store, written through the scanner's own call) and
 * a week of heavy listening (tens of thousands of feedback events). Measures the library view's
 * full list, full-text search, and Up Next before and after the week — the week must not slow
 * Up Next down. Prints one JSON object; the numbers go into docs/reliability.md.
 *
 *   node load.mjs --tracks 100000 --events 30000 --queries 100 [--scan 100000]
 *
 * With --scan N it also scans a library of N files on disk: hard links to the fixture recordings
 * (no disk space, every path a separate file to read) in 4,000 artist × album folders, measuring
 * the first scan and a no-change rescan (files/s) and the peak RSS.
 */
import { linkSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Store } from '../../src/main/store/index';
import { EventBus } from '../../src/main/events';
import { Recommender } from '../../src/main/recommend/recommender';
import type { FeedbackEvent, FeedbackKind } from '../../src/shared/recommend';
import { trackFields } from '../helpers/tracks';
import { createEngine } from '../../src/main/engine';
import { prng } from './mutate';
import { fixtureSources, rssSampler } from './corpus';

const { values } = parseArgs({
  options: {
    tracks: { type: 'string', default: '100000' },
    events: { type: 'string', default: '30000' },
    queries: { type: 'string', default: '100' },
    seed: { type: 'string', default: '7' },
    scan: { type: 'string', default: '0' },
  },
});
const N = Number(values.tracks);
const EVENTS = Number(values.events);
const Q = Number(values.queries);
const rand = prng(Number(values.seed));
const quantile = (xs: number[], q: number): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const round = (x: number): number => Math.round(x * 10) / 10;
const log = (m: string): boolean => process.stderr.write(`${m}\n`);

/** N tracks: 4,000 artists × 25 tracks at 100k, 40 genres, with words to search for. */
async function makeLibrary(store: Store): Promise<number[]> {
  const root = await store.roots.add('/load');
  const words = [
    'rain',
    'night',
    'river',
    'fire',
    'gold',
    'dream',
    'ocean',
    'road',
    'star',
    'home',
  ];
  for (let start = 0; start < N; start += 5000) {
    const files = [];
    for (let i = start; i < Math.min(N, start + 5000); i++) {
      const artist = Math.floor(i / 25);
      files.push({
        fields: trackFields(root.id, {
          path: `/load/Artist ${artist}/Album ${Math.floor(i / 5)}/${i}.mp3`,
          title: `${words[i % 10]} ${words[(i * 7) % 10]} ${i}`,
          artist: `Artist ${artist}`,
          album: `Album ${Math.floor(i / 5)}`,
          genres: [`Genre ${artist % 40}`],
          year: 1960 + (artist % 60),
          durationS: 180 + (i % 120),
        }),
        lyrics: null,
      });
    }
    await store.tracks.writeScanned(files);
  }
  return (await store.tracks.list({ sort: 'added' })).map((t) => t.id);
}

/** Up Next latencies over `Q` calls, each after recording a play of the previous pick. */
async function upNextRun(rec: Recommender, ids: number[], session: string): Promise<number[]> {
  const times: number[] = [];
  let current = ids[Math.floor(rand() * ids.length)];
  for (let i = 0; i < Q; i++) {
    await rec.record({
      trackId: current,
      kind: i % 4 === 0 ? 'skip' : 'complete',
      sessionId: session,
      source: 'upnext',
      positionS: 20,
    });
    const t0 = performance.now();
    const next = await rec.upNext({ currentTrackId: current, sessionId: session, count: 10 });
    times.push(performance.now() - t0);
    current = next[0]?.trackId ?? ids[Math.floor(rand() * ids.length)];
  }
  return times;
}

/** A week of listening: sessions of plays, skips, likes and progress ticks, spread over 7 days. */
function week(ids: number[]): FeedbackEvent[] {
  const start = Date.now() - 7 * 86_400_000;
  const kinds: FeedbackKind[] = [
    'play',
    'progress',
    'progress',
    'complete',
    'skip',
    'like',
    'queue',
  ];
  // A listener returns to favourites: 2,000 tracks get most plays.
  const favourites = Array.from({ length: 2000 }, () => ids[Math.floor(rand() * ids.length)]);
  return Array.from({ length: EVENTS }, (_, i) => ({
    trackId:
      rand() < 0.7
        ? favourites[Math.floor(rand() * favourites.length)]
        : ids[Math.floor(rand() * ids.length)],
    kind: kinds[i % kinds.length],
    sessionId: `day-${Math.floor((i / EVENTS) * 7)}`,
    source: 'upnext' as const,
    positionS: 30,
    at: start + Math.floor((i / EVENTS) * 7 * 86_400_000),
  }));
}

/** Scans `files` hard links to the fixtures with the real engine: first scan and rescan. */
async function scanLoad(files: number, dir: string): Promise<Record<string, number>> {
  const root = join(dir, 'disk');
  const sources = fixtureSources();
  for (let i = 0; i < files; i++) {
    const folder = join(root, `Artist ${Math.floor(i / 25) % 4000}`, `Album ${Math.floor(i / 5)}`);
    if (i % 5 === 0) mkdirSync(folder, { recursive: true });
    const source = sources[i % sources.length];
    linkSync(source, join(folder, `${i}${source.slice(source.lastIndexOf('.'))}`));
  }
  const engine = await createEngine({ dataDir: join(dir, 'scan-data') });
  try {
    await engine.meaning.configure({ offline: true });
    await engine.library.addRoot(root);
    const rss = rssSampler(200);
    let t0 = performance.now();
    const first = await engine.library.scan();
    const firstS = (performance.now() - t0) / 1000;
    await engine.analysis.cancel();
    t0 = performance.now();
    const again = await engine.library.scan();
    const rescanS = (performance.now() - t0) / 1000;
    log(`scan: ${first.added} added, ${first.errors} errors; rescan ${again.unchanged} unchanged`);
    return {
      files,
      added: first.added,
      errors: first.errors,
      firstScanFilesPerS: Math.round(files / firstS),
      rescanFilesPerS: Math.round(files / rescanS),
      peakRssMb: Math.round(rss.stop()),
    };
  } finally {
    await engine.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'encore-load-'));
try {
  const scanned = Number(values.scan) > 0 ? await scanLoad(Number(values.scan), dir) : null;
  const store = await Store.open(dir);
  let t0 = performance.now();
  const ids = await makeLibrary(store);
  const writeS = (performance.now() - t0) / 1000;
  log(`library: ${ids.length} tracks in ${round(writeS)} s`);

  const listMs: number[] = [];
  for (let i = 0; i < 3; i++) {
    t0 = performance.now();
    await store.tracks.list({ sort: 'artist' });
    listMs.push(performance.now() - t0);
  }
  const searchMs: number[] = [];
  const terms = [
    'rain',
    'night river',
    'Artist 1234',
    'gold dream',
    'Genre 7',
    'ocean 4242',
    'star',
    'Album 99',
  ];
  for (let i = 0; i < Q; i++) {
    t0 = performance.now();
    await store.tracks.search(terms[i % terms.length], 50);
    searchMs.push(performance.now() - t0);
  }

  let rec = new Recommender({ store, events: new EventBus() });
  t0 = performance.now();
  await rec.taste();
  const coldLoadMs = performance.now() - t0;
  const before = await upNextRun(rec, ids, 'before');
  await rec.close();
  log(`up next before: p50 ${round(quantile(before, 0.5))} ms`);

  t0 = performance.now();
  const history = week(ids);
  for (let i = 0; i < history.length; i += 1000)
    await store.feedback.appendMany(history.slice(i, i + 1000));
  const appendS = (performance.now() - t0) / 1000;
  rec = new Recommender({ store, events: new EventBus() });
  t0 = performance.now();
  await rec.taste(); // replays the week from the log
  const replayMs = performance.now() - t0;
  const after = await upNextRun(rec, ids, 'after');
  await rec.close();
  await store.close();

  console.log(
    JSON.stringify(
      {
        machine: `${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.versions.node}`,
        scan: scanned,
        tracks: ids.length,
        libraryWriteS: round(writeS),
        listAllMs: { p50: round(quantile(listMs, 0.5)) },
        searchMs: { p50: round(quantile(searchMs, 0.5)), p95: round(quantile(searchMs, 0.95)) },
        upNextBeforeMs: {
          p50: round(quantile(before, 0.5)),
          p95: round(quantile(before, 0.95)),
          load: round(coldLoadMs),
        },
        weekEvents: history.length,
        weekAppendS: round(appendS),
        upNextAfterMs: {
          p50: round(quantile(after, 0.5)),
          p95: round(quantile(after, 0.95)),
          load: round(replayMs),
        },
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
