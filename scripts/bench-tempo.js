#!/usr/bin/env node
/**
 * bench:tempo — tempo accuracy on ground truth made here, and Encore against aubio on real music:
 *   1. the 45-piece tempo corpus of the tests (test/main/analysis/signals.ts: drum kits, electronic,
 *      strings and arpeggios without drums, swing, 3/4; 30 s each at 44.1 kHz) written as WAV files
 *      and analysed through the real path (decode → excerpts → features), beside the version-1
 *      estimator (`--baseline`, a git ref; its tempo.ts is bundled from git) on the same audio and
 *      `aubio tempo` on the same files when aubio is installed; per style, within 4 % and octave
 *      errors;
 *   2. with `--real DIR` (default /tmp/encore-bench/real when it exists), every audio file there:
 *      Encore (excerpts, as the analyser runs) beside aubio on the whole file.
 *
 *   npm run bench:tempo [-- --baseline 0428e35 --real /tmp/encore-bench/real --out /tmp/encore-bench-tempo]
 *
 * Prints Markdown for docs/benchmarks.md. Wesnoth and Warzone 2100 music is reserved for
 * independent checks: files whose path names them are refused.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { engineModules } from './engine-modules.js';
import { tempoBaselineFile } from './tempo-baseline.js';

const here = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    baseline: { type: 'string', default: '0428e35' },
    real: { type: 'string', default: '/tmp/encore-bench/real' },
    out: { type: 'string', default: '/tmp/encore-bench-tempo' },
    seconds: { type: 'string', default: '30' },
  },
});
const seconds = Number(values.seconds);
console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

// The baseline estimator, from git.
const oldFile = tempoBaselineFile(here, values.baseline, 'encore-bench-tempo');

const { modules } = await engineModules(
  'encore-bench-tempo-build',
  {
    signals: 'test/main/analysis/signals.ts',
    decode: 'src/main/analysis/decode/index.ts',
    ffmpeg: 'src/main/analysis/decode/ffmpeg.ts',
    features: 'src/main/analysis/features/index.ts',
    pcm: 'src/main/analysis/decode/pcm.ts',
    baseline: relative(here, oldFile),
    bench: 'src/main/analysis/bench.ts',
  },
  here,
);
const { signals, decode, features, pcm, baseline } = modules;
const ffmpeg = modules.ffmpeg.findFfmpeg();

const hasAubio = spawnSync('aubio', ['--help'], { stdio: 'ignore' }).error === undefined;
function aubioTempo(path) {
  if (!hasAubio) return null;
  const r = spawnSync('aubio', ['tempo', path], { encoding: 'utf8' });
  const m = /([\d.]+)\s*bpm/.exec(r.stdout ?? '');
  return m ? Number(m[1]) : null;
}

/** Encore now and the baseline on one file, through decode → excerpts → features. */
async function encore(path, durationS) {
  const audio = await decode.decodeForAnalysis(path, durationS, { ffmpeg });
  const now = features.extractFeatures(audio);
  // The baseline sees the same low-rate mono the feature path gives the tempo estimator.
  const low = audio.excerpts.map((x) =>
    pcm.resample(
      pcm.resample(pcm.mixdown(x), audio.sampleRate, pcm.ANALYSIS_RATE),
      pcm.ANALYSIS_RATE,
      features.LOW_RATE,
    ),
  );
  const old = baseline.estimateTempo(low, features.LOW_RATE);
  return {
    bpm: now.bpm,
    conf: now.bpmConfidence,
    onsets: now.onsetRate,
    old: old.bpm,
    oldOnsets: old.onsetRate,
  };
}

const within = (est, truth) => est !== null && Math.abs(est / truth - 1) <= 0.04;
const octave = (est, truth) =>
  est !== null &&
  !within(est, truth) &&
  [0.5, 2, 1 / 3, 3, 2 / 3, 1.5].some((m) => within(est, truth * m));
const f1 = (x) => (x === null || x === undefined ? '—' : x.toFixed(1));

// 1. The corpus.
mkdirSync(values.out, { recursive: true });
const rows = [];
for (const piece of signals.TEMPO_CORPUS) {
  const path = join(values.out, `${piece.name}.wav`);
  signals.writeWav(path, [signals.renderPiece(piece, seconds, signals.RATE)], signals.RATE);
  const e = await encore(path, seconds);
  rows.push({ piece, ...e, aubio: aubioTempo(path) });
}
const systems = [
  ['Encore (this version)', (r) => r.bpm],
  [`Encore ${values.baseline} (version 1)`, (r) => r.old],
  ...(hasAubio ? [['aubio tempo', (r) => r.aubio]] : []),
];
const styles = [...new Set(rows.map((r) => r.piece.style))];
console.log(
  `\n### Tempo corpus: ${rows.length} rendered pieces, ${seconds} s each, 44.1 kHz WAV\n`,
);
console.log(
  `Within 4 % of the rendered tempo (octave errors ×½ ×2 ×⅓ ×3 ×⅔ ×3⁄2 in brackets); outside 50–220 BPM: ${systems
    .map(
      ([name, get]) =>
        `${name} ${rows.filter((r) => get(r) !== null && (get(r) < 50 || get(r) > 220)).length}`,
    )
    .join(', ')}.\n`,
);
console.log(`| style | tempos | ${systems.map(([n]) => n).join(' | ')} |`);
console.log(`|---|---|${systems.map(() => '---|').join('')}`);
for (const style of [...styles, 'all']) {
  const rs = style === 'all' ? rows : rows.filter((r) => r.piece.style === style);
  const cells = systems.map(([, get]) => {
    const ok = rs.filter((r) => within(get(r), r.piece.bpm)).length;
    const oct = rs.filter((r) => octave(get(r), r.piece.bpm)).length;
    return `${ok}/${rs.length} (${oct})`;
  });
  const tempos = style === 'all' ? '60–200' : rs.map((r) => r.piece.bpm).join(', ');
  console.log(`| ${style === 'all' ? '**all**' : style} | ${tempos} | ${cells.join(' | ')} |`);
}
console.log(`\n<details><summary>Per piece</summary>\n`);
console.log(
  `| piece | BPM | ${systems.map(([n]) => n).join(' | ')} | confidence | onsets/s now / v1 |`,
);
console.log(`|---|---|${systems.map(() => '---|').join('')}---|---|`);
for (const r of rows)
  console.log(
    `| ${r.piece.name} | ${r.piece.bpm} | ${systems.map(([, get]) => f1(get(r))).join(' | ')} | ${r.conf?.toFixed(2)} | ${r.onsets?.toFixed(2)} / ${r.oldOnsets.toFixed(2)} |`,
  );
console.log(`\n</details>`);

// 2. Real tracks.
const AUDIO = new Set(['.mp3', '.flac', '.m4a', '.ogg', '.opus', '.wav', '.aiff', '.wma', '.wv']);
const walk = (dir) =>
  readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      return statSync(p).isDirectory() ? walk(p) : AUDIO.has(extname(p).toLowerCase()) ? [p] : [];
    });
if (existsSync(values.real)) {
  const paths = walk(values.real).filter((p) => !/wesnoth|warzone/i.test(p));
  const tracks = await modules.bench.readDurations(paths);
  const real = [];
  for (const t of tracks) {
    const e = await encore(t.path, t.durationS);
    real.push({
      name: relative(values.real, t.path),
      durationS: t.durationS,
      ...e,
      aubio: aubioTempo(t.path),
    });
  }
  const agree = (get) => real.filter((r) => r.aubio !== null && within(get(r), r.aubio)).length;
  const agreeOct = (get) => real.filter((r) => r.aubio !== null && octave(get(r), r.aubio)).length;
  console.log(
    `\n### Real tracks: ${real.length} files in ${values.real}, Encore (excerpts) against aubio (whole file)\n`,
  );
  console.log(
    `Encore within 4 % of aubio: this version ${agree((r) => r.bpm)}/${real.length} (octave-related ${agreeOct((r) => r.bpm)}), version 1 ${agree((r) => r.old)}/${real.length} (octave-related ${agreeOct((r) => r.old)}). aubio is a reference, not ground truth.\n`,
  );
  console.log(`| track | s | Encore now | Encore v1 | aubio | confidence | onsets/s now / v1 |`);
  console.log(`|---|---|---|---|---|---|---|`);
  for (const r of real)
    console.log(
      `| ${r.name.split('/').pop()} | ${Math.round(r.durationS ?? 0)} | ${f1(r.bpm)} | ${f1(r.old)} | ${f1(r.aubio)} | ${r.conf?.toFixed(2)} | ${r.onsets?.toFixed(2)} / ${r.oldOnsets.toFixed(2)} |`,
    );
}
console.log(
  `\nload average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
