#!/usr/bin/env node
/**
 * bench:analyze — audio analysis of the benchmark library's real, full-length tracks:
 *   1. throughput of the real Analyser (store + worker pool of cores − 1 + events): tracks/s,
 *      decoded seconds per second (of the excerpts analysed, not of whole tracks), peak RSS and main-thread event-loop delay,
 *      as the median of --runs runs, for WASM-first decoding and for ffmpeg-first decoding;
 *   2. excerpt-vs-whole-track agreement of BPM, key and loudness, with per-track timings and the
 *      worker's own memory (V8 heap + WASM/array buffers) from a one-worker pass.
 *
 *   npm run bench:analyze [-- --dir /tmp/encore-bench/real --runs 3 --workers N --skip-agreement]
 *   npm run bench:analyze -- --baseline /path/to/old/checkout [--skip-throughput]
 *
 * With --baseline, only compares: the worker of that checkout and of this one run interleaved
 * (old, new, old, new, …, --runs rounds), each pass the worker-thread CPU time per track and, unless
 * --skip-throughput, a throughput run of the real Analyser; medians with their range.
 *
 * Bundles the worker and the measuring code (src/main/analysis/bench.ts) with esbuild into
 * node_modules/.cache/encore-bench-analyze, so it needs no app build. Prints Markdown for
 * docs/benchmarks.md.
 */
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundleEntries, cacheDir } from './lib/bundle.js';

const here = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: '/tmp/encore-bench/real' },
    runs: { type: 'string', default: '3' },
    workers: { type: 'string', default: String(Math.max(1, availableParallelism() - 1)) },
    'skip-agreement': { type: 'boolean', default: false },
    'skip-throughput': { type: 'boolean', default: false },
    baseline: { type: 'string' },
  },
});
const runs = Number(values.runs);
const workers = Number(values.workers);

const AUDIO = new Set(['.mp3', '.flac', '.m4a', '.ogg', '.opus', '.wav', '.aiff', '.wma', '.wv']);
function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : AUDIO.has(extname(p).toLowerCase()) ? [p] : [];
  });
}

/** Bundles a checkout's analysis worker and measuring code into its own cache folder. */
async function bundle(root, name) {
  const dir = cacheDir(name);
  const files = await bundleEntries(
    {
      'analysis-worker': 'src/main/analysis/worker.ts',
      bench: 'src/main/analysis/bench.ts',
    },
    dir,
    { root },
  );
  return { dir, bench: await import(files.bench) };
}
const current = await bundle(here, 'encore-bench-analyze');
const outdir = current.dir;
process.env.ENCORE_BUILD_DIR = outdir;
const bench = current.bench;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const f = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(d));

const files = walk(values.dir).sort();
const tracks = await bench.readDurations(files);
const musicS = tracks.reduce((s, t) => s + (t.durationS ?? 0), 0);
console.log(`# bench:analyze — ${new Date().toISOString()}`);
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}; load average at start ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(
  `library: ${files.length} tracks, ${(musicS / 60).toFixed(1)} min of music, median ${f(median(tracks.map((t) => t.durationS ?? 0)), 0)} s; workers: ${workers}; runs: ${runs}\n`,
);

if (values.baseline) {
  const decodedPerTrack = bench.decodedSeconds(tracks) / tracks.length;
  const old = await bundle(resolve(values.baseline), 'encore-bench-analyze-baseline');
  const sides = [
    ['baseline', old],
    ['this checkout', current],
  ];
  const cpuMs = { baseline: [], 'this checkout': [] };
  const rate = { baseline: [], 'this checkout': [] };
  const decoded = { baseline: [], 'this checkout': [] };
  for (let r = 0; r < runs; r++) {
    for (const [name, side] of sides) {
      // workerFile() reads ENCORE_BUILD_DIR when a pool starts: each side runs its own worker.
      process.env.ENCORE_BUILD_DIR = side.dir;
      const cpu = (await side.bench.cpuRun(tracks)).filter(
        (x) => x.cpuMs !== null && x.decoder && !x.decoder.startsWith('ffmpeg'),
      );
      cpuMs[name].push(median(cpu.map((x) => x.cpuMs)));
      if (!values['skip-throughput']) {
        const run = await side.bench.throughputRun(tracks, workers, false);
        rate[name].push(run.tracksPerS);
        // A baseline whose bench.ts predates decodedSPerS decodes the same excerpts of the same
        // tracks (the excerpt plan is unchanged): its figure follows from its tracks/s.
        decoded[name].push(run.decodedSPerS ?? run.tracksPerS * decodedPerTrack);
      }
      console.log(
        `round ${r + 1} ${name}: CPU median ${f(cpuMs[name].at(-1), 0)} ms/track${rate[name].length ? `, ${f(rate[name].at(-1))} tracks/s` : ''}; load ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')}`,
      );
    }
  }
  process.env.ENCORE_BUILD_DIR = outdir;
  const range = (xs, d) =>
    `${f(median(xs), d)} (${f(Math.min(...xs), d)}–${f(Math.max(...xs), d)})`;
  console.log(
    `\n| code | worker CPU per track, ms: median of ${runs} runs (range) | tracks/s per worker from CPU | tracks/s, real Analyser, ${workers} worker(s) | decoded s per s |`,
  );
  console.log('|---|---|---|---|---|');
  for (const [name] of sides)
    console.log(
      `| ${name} | ${range(cpuMs[name], 0)} | ${f(1000 / median(cpuMs[name]))} | ${rate[name].length ? range(rate[name], 2) : '—'} | ${decoded[name].length ? range(decoded[name], 1) : '—'} |`,
    );
  console.log(
    `\nload average at end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  process.exit(0);
}

if (!values['skip-throughput']) {
  console.log(
    '| decoding | tracks/s | decoded s per s | wall s | peak RSS − base, MB | event-loop max / p99, ms | same, idle before the run | ok |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const preferFfmpeg of [false, true]) {
    const results = [];
    for (let r = 0; r < runs; r++)
      results.push(await bench.throughputRun(tracks, workers, preferFfmpeg));
    const m = (k) => median(results.map((x) => x[k]));
    console.log(
      `| ${preferFfmpeg ? 'ffmpeg first' : 'WASM first (default)'} | ${f(m('tracksPerS'))} | ${f(m('decodedSPerS'), 1)} | ${f(m('wallS'), 1)} | ${f(median(results.map((x) => x.peakRssMb - x.baseRssMb)), 0)} | ${f(m('loopMaxMs'), 1)} / ${f(m('loopP99Ms'), 1)} | ${f(m('idleLoopMaxMs'), 1)} / ${f(m('idleLoopP99Ms'), 1)} | ${results[0].ok}/${results[0].tracks} |`,
    );
  }
}

const cpu = (await bench.cpuRun(tracks)).filter(
  (r) => r.cpuMs !== null && r.decoder && !r.decoder.startsWith('ffmpeg'),
);
if (cpu.length) {
  const ms = cpu.map((r) => r.cpuMs).sort((a, b) => a - b);
  const mid = median(ms);
  console.log(
    `\nCPU time of the worker thread per track (excerpts, WASM/WAV-decoded tracks, ${ms.length} of ${tracks.length}; /proc/thread-self, not inflated by other processes' load): median ${f(mid, 0)} ms, p90 ${f(ms[Math.floor(ms.length * 0.9)], 0)} ms, max ${f(ms[ms.length - 1], 0)} ms → ${f(1000 / mid)} tracks/s per worker on an otherwise idle core.`,
  );
}

const spin = [];
for (let r = 0; r < runs; r++) spin.push(await bench.contendedLoopDelay(10_000));
console.log(
  `\nControl: event-loop delay of an idle main thread while one worker thread spins for 10 s: max ${f(median(spin.map((x) => x.max)), 1)} ms, p99 ${f(median(spin.map((x) => x.p99)), 1)} ms (median of ${runs}).`,
);

if (!values['skip-agreement']) {
  const rows = await bench.agreementRun(tracks, false);
  let bpmSame = 0,
    bpmOctave = 0,
    keySame = 0,
    keyRelated = 0,
    n = 0;
  const loudDiff = [],
    decodeMs = [],
    featuresMs = [],
    heap = [],
    wholeHeap = [],
    cpuMs = [],
    perTrack = [];
  const NAMES = ['C', 'C#', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
  for (const r of rows) {
    const a = r.excerpt.features,
      b = r.whole.features;
    heap.push(r.excerpt.heapMb);
    wholeHeap.push(r.whole.heapMb);
    if (r.excerpt.status !== 'ok') continue;
    decodeMs.push(r.excerpt.decodeMs);
    featuresMs.push(r.excerpt.featuresMs);
    if (r.excerpt.cpuMs !== null && !r.excerpt.decoder?.startsWith('ffmpeg'))
      cpuMs.push(r.excerpt.cpuMs);
    if (!a || !b) continue;
    n++;
    const ratio = a.bpm / b.bpm;
    const same = Math.abs(ratio - 1) <= 0.02;
    const octave =
      !same && [0.5, 2, 2 / 3, 1.5, 1 / 3, 3].some((m) => Math.abs(ratio / m - 1) <= 0.02);
    if (same) bpmSame++;
    if (octave) bpmOctave++;
    const kSame = a.key === b.key && a.scale === b.scale;
    // Relative major/minor or a fifth apart: the usual near-misses of key estimation.
    const ia = NAMES.indexOf(a.key),
      ib = NAMES.indexOf(b.key);
    const d = (((ia - ib) % 12) + 12) % 12;
    const related =
      !kSame &&
      ((a.scale !== b.scale && (d === 3 || d === 9)) ||
        (a.scale === b.scale && (d === 5 || d === 7)));
    if (kSame) keySame++;
    if (related) keyRelated++;
    loudDiff.push(Math.abs(a.loudnessLufs - b.loudnessLufs));
    perTrack.push(
      `| ${r.path.split('/').pop()} | ${f(r.durationS, 0)} | ${f(a.bpm, 1)} / ${f(b.bpm, 1)} | ${a.key} ${a.scale} / ${b.key} ${b.scale} | ${f(a.loudnessLufs, 1)} / ${f(b.loudnessLufs, 1)} | ${r.excerpt.decoder} |`,
    );
  }
  console.log(`\nExcerpt (3 × 10 s) vs whole track, ${n} tracks analysed both ways:`);
  console.log(
    `- BPM within 2 %: ${bpmSame}/${n}; octave-related (×½, ×2, ×⅔, ×3⁄2, ×⅓, ×3): ${bpmOctave}/${n}; other: ${n - bpmSame - bpmOctave}/${n}`,
  );
  console.log(
    `- key and scale equal: ${keySame}/${n}; relative or fifth-related: ${keyRelated}/${n}; other: ${n - keySame - keyRelated}/${n}`,
  );
  console.log(
    `- integrated loudness |Δ|: median ${f(median(loudDiff))} LU, max ${f(Math.max(...loudDiff))} LU`,
  );
  console.log(
    `- per track (one worker, excerpts): decode median ${f(median(decodeMs), 0)} ms, features median ${f(median(featuresMs), 0)} ms`,
  );
  console.log(
    `- worker memory (V8 heap + external + array buffers, after each job): excerpt jobs max ${f(Math.max(...heap), 0)} MB; whole-track jobs (benchmark only) max ${f(Math.max(...wholeHeap), 0)} MB`,
  );
  console.log(
    '\n| track | s | BPM excerpt / whole | key excerpt / whole | LUFS excerpt / whole | decoder |\n|---|---|---|---|---|---|',
  );
  console.log(perTrack.join('\n'));
}
