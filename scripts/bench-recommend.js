#!/usr/bin/env node
/**
 * Recommender benchmark (npm run bench:recommend): for a synthetic library of N tracks (default
 * 100,000: real rows in a real SQLite store, synthetic sound vectors and axes since no audio is
 * analysed at that scale), the time to record an event (committed to disk), the taste-model update
 * alone, and Up Next recomputed after each event (p50/p95), as medians over several runs. Each run
 * starts from a long listening history (default 50,000 events over 20,000 tracks: a few years of
 * a heavy listener), and its events include runs of two early skips, which make Up Next change
 * direction (the most expensive path: it scans the history for a place to go).
 *
 * The baselines (default: the code at `main`; a comma-separated list of commits, each extracted
 * with `git archive` into a temp folder and bundled the same way) run interleaved with this
 * checkout's code, run by run on the same store and the same seeded events, so all see the same
 * machine load; the report gives medians with their range, each baseline's ratio to the new code,
 * whether each suggested the same tracks as the new code, and the load average at start and end.
 *
 * Usage: node scripts/bench-recommend.js [--tracks 100000] [--history 50000] [--events 200]
 *        [--runs 3] [--baseline main|COMMIT,COMMIT|none] [--json] [--phases]
 *
 * --phases times the phases of this checkout's `suggest()` per call (src/main/recommend/
 * phase-times.ts) and prints, after the report, their split over all calls and over the calls
 * above p90, and the slowest calls with the event before them.
 */
import { engineModules } from './engine-modules.js';
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    tracks: { type: 'string', default: '100000' },
    history: { type: 'string', default: '50000' },
    events: { type: 'string', default: '200' },
    runs: { type: 'string', default: '3' },
    baseline: { type: 'string', default: 'main' },
    json: { type: 'boolean', default: false },
    phases: { type: 'boolean', default: false },
  },
});

const loadStart = loadavg();
const ENTRIES = {
  store: 'src/main/store/index.ts',
  events: 'src/main/events.ts',
  recommender: 'src/main/recommend/recommender.ts',
  tracks: 'test/helpers/tracks.ts',
  random: 'src/main/vectors/random.ts',
  phases: 'src/main/recommend/phase-times.ts',
};
// One cache per checkout: engineers benchmarking in parallel worktrees must not share a database.
const { dir: cache, modules } = await engineModules(
  `encore-bench-recommend-${basename(process.cwd())}`,
  ENTRIES,
);
const { Store } = modules.store;
const { EventBus } = modules.events;
const { trackFields } = modules.tracks;
const { rng } = modules.random;
/** Per call of this checkout's Up Next (with --phases): event index, what preceded it, phases. */
const phaseCalls = [];
/** The code under test, by label: this checkout, and the baseline commit's when asked for. */
const variants = [{ label: 'new', Recommender: modules.recommender.Recommender }];
const baselines = values.baseline === 'none' ? [] : values.baseline.split(',').filter(Boolean);
for (const [i, commit] of baselines.entries()) {
  const src = mkdtempSync(join(tmpdir(), 'encore-bench-recommend-old-'));
  execSync(`git archive ${commit} src test/helpers | tar -x -C ${src}`);
  const old = await engineModules(
    `encore-bench-recommend-${basename(process.cwd())}-old-${i}`,
    { recommender: ENTRIES.recommender },
    src,
  );
  rmSync(src, { recursive: true, force: true });
  variants.splice(i, 0, { label: commit, Recommender: old.modules.recommender.Recommender });
}

const N = Number(values.tracks);
const EVENTS = Number(values.events);
const HISTORY = Number(values.history);
const DAY = 86_400_000;

/** A past of HISTORY events over 20,000 tracks (or the library), spread over the last two years:
 * mostly completes, a quarter early skips, a few likes. */
function pastEvents(ids, random) {
  const heard = ids.slice(0, Math.min(ids.length, 20_000));
  const start = Date.now() - 730 * DAY;
  return Array.from({ length: HISTORY }, (_, i) => {
    const x = random();
    const kind = x < 0.25 ? 'skip' : x < 0.27 ? 'like' : 'complete';
    return {
      trackId: heard[Math.floor(random() * heard.length)],
      kind,
      positionS: kind === 'skip' ? 12 : null,
      durationS: 240,
      sessionId: `past-${Math.floor(i / 20)}`,
      source: 'upnext',
      at: start + Math.floor((i / HISTORY) * 729 * DAY),
    };
  });
}
const quantile = (xs, q) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const median = (xs) => quantile(xs, 0.5);
const log = (m) => values.json || process.stderr.write(`${m}\n`);

/** N tracks: 4,000 artists × 5 albums × 5 tracks at 100k, 40 genres. */
async function makeLibrary(dir) {
  const store = await Store.open(dir);
  const root = await store.roots.add('/bench');
  const GENRES = 40;
  const BATCH = 5000;
  for (let start = 0; start < N; start += BATCH) {
    const files = [];
    for (let i = start; i < Math.min(N, start + BATCH); i++) {
      const artist = Math.floor(i / 25);
      files.push({
        fields: trackFields(root.id, {
          path: `/bench/Artist ${artist}/Album ${Math.floor(i / 5)}/${i}.mp3`,
          title: `Song ${i}`,
          artist: `Artist ${artist}`,
          album: `Album ${Math.floor(i / 5)}`,
          genres: [`Genre ${artist % GENRES}`],
          year: 1960 + (artist % 60),
          durationS: 180 + (i % 120),
        }),
        lyrics: null,
      });
    }
    await store.tracks.writeScanned(files);
  }
  const ids = (await store.tracks.list({ present: true, sort: 'added' })).map((t) => t.id);
  return { store, ids };
}

/** Sound vectors (dim 32) clustered by genre and artist; axes from the same clusters. */
function syntheticFeatures(ids) {
  const r = rng(1);
  const dim = 32;
  const g = (k) => Array.from({ length: dim }, () => r() - 0.5).map((x) => x * k);
  const genres = Array.from({ length: 40 }, () => g(1));
  const data = new Float32Array(ids.length * dim);
  const axes = new Map();
  const KEYS = ['C', 'G', 'D', 'A', 'E', 'B', 'F#', 'Db', 'Ab', 'Eb', 'Bb', 'F'];
  ids.forEach((id, i) => {
    const artist = Math.floor(i / 25);
    const c = genres[artist % 40];
    let s = 0;
    for (let j = 0; j < dim; j++) {
      data[i * dim + j] = c[j] + 0.3 * (r() - 0.5);
      s += data[i * dim + j] ** 2;
    }
    for (let j = 0; j < dim; j++) data[i * dim + j] /= Math.sqrt(s);
    axes.set(id, {
      bpm: 70 + (artist % 40) * 3,
      key: KEYS[i % 12],
      scale: i % 2 ? 'minor' : 'major',
      energy: (artist % 40) / 40,
      valence: r(),
    });
  });
  return {
    soundVectors: async () => ({ ids, dim, data }),
    textVectors: async () => null,
    axes: async () => axes,
    moods: async () => new Map(),
  };
}

const round2 = (x) => Math.round(x * 100) / 100;
const round3 = (_, v) => (typeof v === 'number' ? Math.round(v * 1000) / 1000 : v);

/** Lists compared position by position (the runs follow the suggestions, so they stay in step
 * only while the suggestions agree). */
function sameLists(a, b) {
  let equal = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] === b[i]) equal += 1;
  return { equal, total: Math.max(a.length, b.length) };
}

/** One run of one variant: a fresh past, EVENTS events, Up Next after each. */
async function benchRun(store, ids, features, Recommender, run, timed = false) {
  await store.db.transaction((tx) => tx.run('DELETE FROM feedback_events'));
  await store.db.transaction((tx) => tx.run('DELETE FROM recommend_state'));
  const random = rng(100 + run);
  const past = pastEvents(ids, random);
  for (let i = 0; i < past.length; i += 10_000)
    await store.feedback.appendMany(past.slice(i, i + 10_000));
  const rec = new Recommender({ store, events: new EventBus(), features, random });
  let t0 = performance.now();
  await rec.taste(); // loads the catalog and state
  const loadMs = performance.now() - t0;
  const recordMs = [];
  const upNextMs = [];
  /** CPU time of each Up Next (this process, all threads): less sensitive to a loaded machine. */
  const upNextCpuMs = [];
  /** Up Next right after the second early skip in a row (a change of direction). */
  const jumpMs = [];
  const lists = [];
  let current = ids[Math.floor(random() * ids.length)];
  const session = `bench-${run}`;
  for (let i = 0; i < EVENTS; i++) {
    // Two early skips in a row every fifth and sixth event: Up Next then changes direction.
    const kind = i % 6 >= 4 ? 'skip' : 'complete';
    t0 = performance.now();
    await rec.record({
      trackId: current,
      kind,
      positionS: kind === 'skip' ? 10 : null,
      sessionId: session,
      source: 'upnext',
    });
    recordMs.push(performance.now() - t0);
    const phases = {};
    if (timed) modules.phases.timePhases((p, ms) => (phases[p] = (phases[p] ?? 0) + ms));
    t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const next = await rec.upNext({ currentTrackId: current, sessionId: session, count: 10 });
    upNextMs.push(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    if (timed) {
      modules.phases.timePhases(null);
      // The Recommender saves a snapshot (renormalising the taste model) every 50th event.
      const event = i % 6 === 5 ? '2nd early skip' : i % 6 === 4 ? 'early skip' : 'complete';
      const snapshot = (i + 1) % 50 === 0;
      phaseCalls.push({ run, i, event, snapshot, ms: upNextMs[upNextMs.length - 1], phases });
    }
    upNextCpuMs.push((cpu.user + cpu.system) / 1000);
    if (i % 6 === 5) jumpMs.push(upNextMs[upNextMs.length - 1]);
    lists.push(next.map((x) => x.trackId).join(','));
    current = next[0].trackId;
  }
  await rec.close();
  return {
    result: {
      loadMs,
      recordP50: median(recordMs),
      recordP95: quantile(recordMs, 0.95),
      upNextP50: median(upNextMs),
      upNextP95: quantile(upNextMs, 0.95),
      upNextCpuP50: median(upNextCpuMs),
      upNextCpuP95: quantile(upNextCpuMs, 0.95),
      jumpP50: median(jumpMs),
      jumpP95: quantile(jumpMs, 0.95),
    },
    lists,
  };
}

/** Mean ms per phase over all timed calls and over those above p90, and the slowest calls. */
function phaseReport(calls) {
  const p90 = quantile(
    calls.map((c) => c.ms),
    0.9,
  );
  const slow = calls.filter((c) => c.ms > p90);
  const names = [...new Set(calls.flatMap((c) => Object.keys(c.phases)))];
  const mean = (list, p) => list.reduce((s, c) => s + (c.phases[p] ?? 0), 0) / (list.length || 1);
  const count = (list, e) => list.filter((c) => c.event === e).length;
  const lines = [
    `phases of suggest() (ms, mean): all ${calls.length} calls | the ${slow.length} above p90 (${p90.toFixed(1)} ms)`,
    ...names.map(
      (p) =>
        `  ${p.padEnd(22)} ${mean(calls, p).toFixed(2).padStart(6)} | ${mean(slow, p).toFixed(2)}`,
    ),
    `  events before the slow calls: ${['complete', 'early skip', '2nd early skip'].map((e) => `${e} ${count(slow, e)}/${count(calls, e)}`).join(', ')}; snapshot just taken ${slow.filter((c) => c.snapshot).length}/${calls.filter((c) => c.snapshot).length}`,
    'slowest calls:',
    ...[...calls]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 12)
      .map(
        (c) =>
          `  run ${c.run + 1} event ${c.i} (${c.event}${c.snapshot ? ', snapshot' : ''}): ${c.ms.toFixed(1)} ms — ${Object.entries(
            c.phases,
          )
            .map(([p, ms]) => `${p} ${ms.toFixed(1)}`)
            .join(', ')}`,
      ),
  ];
  return lines.join('\n') + '\n';
}

// The library is written once and kept (writing 100,000 rows takes minutes on a busy machine).
const dir = join(cache, `library-${N}`);
const fresh = !existsSync(join(dir, 'encore.db'));
/** True while this run writes the library: only a half-written library is removed on failure (a
 * run failing for another reason, e.g. a second run busy on the same store, keeps it). */
let writing = false;
try {
  let t0 = performance.now();
  let store;
  let ids;
  if (!fresh) {
    store = await Store.open(dir);
    ids = (await store.tracks.list({ present: true, sort: 'added' })).map((t) => t.id);
  }
  if (fresh || ids.length !== N) {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
    writing = true;
    ({ store, ids } = await makeLibrary(dir));
    writing = false;
    log(
      `library: ${ids.length} tracks written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  const features = syntheticFeatures(ids);
  /** Per variant label: one result object per run. */
  const runs = Object.fromEntries(variants.map((v) => [v.label, []]));
  /** Per variant label: the suggested track ids after each event, of the last run. */
  const suggested = {};
  for (let run = 0; run < Number(values.runs); run++) {
    for (const variant of variants) {
      const timed = values.phases && variant.label === 'new';
      const { result, lists } = await benchRun(
        store,
        ids,
        features,
        variant.Recommender,
        run,
        timed,
      );
      runs[variant.label].push(result);
      suggested[variant.label] = lists;
      log(`run ${run + 1} ${variant.label}: ${JSON.stringify(result, round3)}`);
    }
  }
  await store.close();
  const loadEnd = loadavg();
  const keys = Object.keys(runs.new[0]);
  const summary = (list) =>
    Object.fromEntries(
      keys.map((k) => {
        const xs = list.map((r) => r[k]);
        return [k, { median: median(xs), min: Math.min(...xs), max: Math.max(...xs) }];
      }),
    );
  const labels = variants.map((v) => v.label);
  /** Per baseline: its suggestions against the new code's, and its medians over the new code's. */
  const same = Object.fromEntries(
    baselines.map((l) => [l, sameLists(suggested[l], suggested.new)]),
  );
  const ratios = Object.fromEntries(
    baselines.map((l) => [
      l,
      Object.fromEntries(
        keys.map((k) => [k, median(runs[l].map((r) => r[k])) / median(runs.new.map((r) => r[k]))]),
      ),
    ]),
  );
  const result = {
    tracks: ids.length,
    history: HISTORY,
    eventsPerRun: EVENTS,
    runs: Number(values.runs),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.versions.node}`,
    loadAverage: { start: loadStart.map(round2), end: loadEnd.map(round2) },
    sameSuggestions: same,
    baselineOverNew: ratios,
    variants: Object.fromEntries(labels.map((l) => [l, summary(runs[l])])),
  };
  if (values.json) process.stdout.write(`${JSON.stringify(result, round3, 2)}\n`);
  else {
    const f = (x, d = 1) => `${x.median.toFixed(d)} (${x.min.toFixed(d)}–${x.max.toFixed(d)})`;
    const lines = [
      `Recommender, ${result.tracks} tracks, ${HISTORY} past events, ${EVENTS} events × ${result.runs} runs, ${result.machine}`,
      `load average at start ${result.loadAverage.start.join(' ')}, at end ${result.loadAverage.end.join(' ')}`,
      `medians of ${result.runs} runs (range); variants run interleaved: ${labels.join(', ')}`,
    ];
    for (const l of labels) {
      const m = result.variants[l];
      lines.push(
        `[${l}]`,
        `  load (catalog + state): ${f(m.loadMs, 0)} ms`,
        `  record() committed:     p50 ${f(m.recordP50, 2)} ms, p95 ${f(m.recordP95, 2)} ms`,
        `  Up Next after event:    p50 ${f(m.upNextP50)} ms, p95 ${f(m.upNextP95)} ms`,
        `    its CPU time:         p50 ${f(m.upNextCpuP50)} ms, p95 ${f(m.upNextCpuP95)} ms`,
        `  … after 2 early skips:  p50 ${f(m.jumpP50)} ms, p95 ${f(m.jumpP95)} ms (changes direction)`,
      );
    }
    for (const l of baselines) {
      const r = ratios[l];
      lines.push(
        `${l} ÷ new (medians): Up Next p50 ${r.upNextP50.toFixed(2)}×, p95 ${r.upNextP95.toFixed(2)}×, CPU p50 ${r.upNextCpuP50.toFixed(2)}×; after 2 early skips p50 ${r.jumpP50.toFixed(2)}×, p95 ${r.jumpP95.toFixed(2)}×`,
        `same suggestions (last run, ${l} vs new): ${same[l].equal} of ${same[l].total} Up Next lists identical`,
      );
    }
    process.stdout.write(lines.join('\n') + '\n');
  }
  if (values.phases) process.stdout.write(phaseReport(phaseCalls));
} catch (err) {
  if (writing) rmSync(dir, { recursive: true, force: true });
  throw err;
}
