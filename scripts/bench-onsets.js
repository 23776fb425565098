#!/usr/bin/env node
/**
 * bench:onsets — Encore's stored onset rate against two onset detectors that are not Encore's, on
 * real music: `aubio onset` (default settings, whole file) and a numpy spectral-flux detector
 * (scripts/onsets-flux.py, librosa-style peak picking, whole file). Encore runs as the analyser
 * does (decode → excerpts → features); the baseline (`--baseline`, a git ref) is that commit's
 * onset count (its tempo.ts, bundled from git) on the same excerpts. Reports Spearman rank
 * correlations per library: every file of --real (the benchmark library's real tracks) and an
 * evenly spaced sample of --sample files of --eval (the distinct-sounds evaluation library).
 *
 *   npm run bench:onsets [-- --real /tmp/encore-bench/real --eval /tmp/encore-eval-library --sample 150 --baseline 0d99b6e]
 *
 * Wesnoth and Warzone 2100 music is reserved for independent checks: files whose path names them
 * are refused. Prints Markdown for docs/benchmarks.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { engineModules } from './engine-modules.js';
import { tempoBaselineFile } from './tempo-baseline.js';

const here = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    real: { type: 'string', default: '/tmp/encore-bench/real' },
    eval: { type: 'string', default: '/tmp/encore-eval-library' },
    sample: { type: 'string', default: '150' },
    // The last version-2 commit: its tempo.ts counted onsets (estimateTempo(…).onsetRate); from
    // version 3 on the count has its own module and estimateTempo returns none.
    baseline: { type: 'string', default: '0d99b6e' },
  },
});
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(`# bench:onsets — ${new Date().toISOString()}; load average at start ${load()}`);

// The baseline's onset count, from git.
const oldFile = tempoBaselineFile(here, values.baseline, 'encore-bench-onsets');
const { modules } = await engineModules(
  'encore-bench-onsets-build',
  {
    decode: 'src/main/analysis/decode/index.ts',
    ffmpeg: 'src/main/analysis/decode/ffmpeg.ts',
    features: 'src/main/analysis/features/index.ts',
    pcm: 'src/main/analysis/decode/pcm.ts',
    baseline: relative(here, oldFile),
    bench: 'src/main/analysis/bench.ts',
  },
  here,
);
const { decode, features, pcm, baseline, bench } = modules;
const ffmpeg = modules.ffmpeg.findFfmpeg();

const AUDIO = new Set(['.mp3', '.flac', '.m4a', '.ogg', '.opus', '.wav', '.aiff', '.wma', '.wv']);
const walk = (dir) =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : AUDIO.has(extname(p).toLowerCase()) ? [p] : [];
    });

/** Onsets a second of Encore now and of the baseline, on the analyser's excerpts. */
async function encore(path, durationS) {
  const audio = await decode.decodeForAnalysis(path, durationS, { ffmpeg });
  const now = features.extractFeatures(audio).onsetRate;
  const low = audio.excerpts.map((x) =>
    pcm.resample(
      pcm.resample(pcm.mixdown(x), audio.sampleRate, pcm.ANALYSIS_RATE),
      pcm.ANALYSIS_RATE,
      features.LOW_RATE,
    ),
  );
  const old = baseline.estimateTempo(low, features.LOW_RATE).onsetRate;
  if (typeof old !== 'number')
    throw new Error(`--baseline ${values.baseline}: its estimateTempo gives no onset rate`);
  return { now, old };
}

function aubioRate(path, durationS) {
  const r = spawnSync('aubio', ['onset', '-i', path], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0 || !durationS) return null;
  return r.stdout.split('\n').filter((l) => l.trim()).length / durationS;
}

function fluxRates(paths) {
  const r = spawnSync('python3', [join(here, 'scripts/onsets-flux.py'), ...paths], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`onsets-flux.py: ${r.stderr}`);
  const out = new Map();
  for (const line of r.stdout.trim().split('\n')) {
    const o = JSON.parse(line);
    out.set(o.file, o.seconds > 0 ? o.onsets / o.seconds : null);
  }
  return out;
}

const ranks = (xs) => {
  const order = xs.map((v, i) => [v, i]).sort((a, b) => a[0] - b[0]);
  const r = new Array(xs.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) r[order[k][1]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
};
function spearman(a, b) {
  const [ra, rb] = [ranks(a), ranks(b)];
  const n = a.length;
  const ma = ra.reduce((s, x) => s + x, 0) / n,
    mb = rb.reduce((s, x) => s + x, 0) / n;
  let ab = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < n; i++) {
    ab += (ra[i] - ma) * (rb[i] - mb);
    aa += (ra[i] - ma) ** 2;
    bb += (rb[i] - mb) ** 2;
  }
  return ab / Math.sqrt(aa * bb);
}

async function library(name, paths) {
  const tracks = await bench.readDurations(paths.filter((p) => !/wesnoth|warzone/i.test(p)));
  const flux = fluxRates(tracks.map((t) => t.path));
  const rows = [];
  for (const t of tracks) {
    const e = await encore(t.path, t.durationS);
    rows.push({ ...t, ...e, aubio: aubioRate(t.path, t.durationS), flux: flux.get(t.path) });
  }
  const ok = rows.filter((r) => r.aubio !== null && r.flux !== null && r.flux !== undefined);
  const col = (k) => ok.map((r) => r[k]);
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `| ${name} | ${ok.length} | ${spearman(col('now'), col('aubio')).toFixed(2)} | ${spearman(col('now'), col('flux')).toFixed(2)} | ${spearman(col('old'), col('aubio')).toFixed(2)} | ${spearman(col('old'), col('flux')).toFixed(2)} | ${spearman(col('aubio'), col('flux')).toFixed(2)} | ${med(col('now')).toFixed(2)} / ${med(col('old')).toFixed(2)} / ${med(col('aubio')).toFixed(2)} / ${med(col('flux')).toFixed(2)} |`,
  );
  return rows;
}

console.log(
  `\nSpearman rank correlation of onsets per second (Encore: the analyser's excerpts; aubio and flux: the whole file):\n`,
);
console.log(
  `| library | files | Encore ~ aubio | Encore ~ flux | ${values.baseline} ~ aubio | ${values.baseline} ~ flux | aubio ~ flux | median onsets/s: Encore / ${values.baseline} / aubio / flux |`,
);
console.log('|---|---|---|---|---|---|---|---|');
if (existsSync(values.real)) await library(`benchmark library (${values.real})`, walk(values.real));
if (existsSync(values.eval)) {
  const all = walk(values.eval);
  const n = Math.min(all.length, Number(values.sample));
  const sample = Array.from({ length: n }, (_, i) => all[Math.floor((i * all.length) / n)]);
  await library(
    `distinct-sounds sample (${values.eval}, every ${(all.length / n).toFixed(1)}th file)`,
    sample,
  );
}
console.log(`\nload average at end ${load()}`);
