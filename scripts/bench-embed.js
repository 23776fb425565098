#!/usr/bin/env node
/**
 * Embedding throughput benchmark (npm run bench:embed): descriptor texts/s and lyrics texts/s
 * through the same embed core the worker runs (transformers.js, mean pooling, normalisation,
 * line-chunked lyrics), int8 and float32, plus the lexical fallback.
 *
 * No model weights can be downloaded here, and throughput does not depend on their values: the
 * model is a random-weight encoder with the default model's architecture (paraphrase-multilingual-
 * MiniLM-L12-v2: 12 layers, hidden 384, 12 heads, FFN 1536, 128-token window), written by
 * test/fixtures/models/make-models.py (python3-onnx). Its WordPiece vocabulary is small, so token
 * counts per text are reported next to the rates.
 *
 * With --library N: one full embedding pass (texts, vectors, SQLite, moods, styles, clusters)
 * over N synthetic tracks through the engine's Meaning service, with the lexical fallback (and the
 * benchmark model too with --library-model), reporting tracks/s and the longest main-loop stall.
 *
 * The embedding code and settings are measured against the previous ones in the same run,
 * interleaved run by run: the embed core of --baseline (a commit; default the one before the
 * tokenise-once core) with onnxruntime's default thread count and 16 texts per call (what issue 16
 * measured) and with its own defaults (one thread per core, ~2048-token calls), against today's
 * core with one thread per core and with its default (`intraOpThreads`, ~BATCH_TOKENS-token calls).
 * Medians of the runs with their range, and the load average at start and end.
 *
 * Usage: node scripts/bench-embed.js [--model DIR] [--descriptors 256] [--lyrics 48] [--runs 3]
 *        [--baseline COMMIT] [--fp32] [--json]
 *        node scripts/bench-embed.js --library 10000 [--library-model] [--model DIR]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { bundleEntries } from './lib/bundle.js';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: join(tmpdir(), 'encore-bench-model') },
    descriptors: { type: 'string', default: '256' },
    lyrics: { type: 'string', default: '48' },
    runs: { type: 'string', default: '3' },
    fp32: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    // The embed core to compare against: the commit before the tokenise-once core (issue 16).
    baseline: { type: 'string', default: '0d99b6e' },
    // A full pass over a synthetic library of N tracks (lexical, then the model if --library-model).
    library: { type: 'string' },
    'library-model': { type: 'boolean', default: false },
  },
});
const LYRICS_DIR = '/work/shared/corpus/lyrics';

if (!existsSync(join(values.model, 'onnx', 'model_quantized.onnx'))) {
  console.error(`writing the random-weight benchmark model to ${values.model} …`);
  execFileSync(
    '/usr/bin/python3',
    ['test/fixtures/models/make-models.py', 'bench', values.model, LYRICS_DIR],
    {
      stdio: 'inherit',
    },
  );
}

mkdirSync('out', { recursive: true });
const dir = mkdtempSync(join('out', 'bench-embed-'));
await bundleEntries(
  {
    core: 'src/main/embedding/embed-core.ts',
    descriptor: 'src/main/embedding/descriptor.ts',
    library: 'scripts/bench-meaning-library.ts',
    'embed-worker': 'src/main/embedding/embed-worker.ts',
  },
  dir,
  { root: process.cwd() },
);
const { embed, loadPipeline, intraOpThreads, BATCH_TOKENS } = await import(
  join(process.cwd(), dir, 'core.js')
);
// The baseline's embed core, bundled from git beside today's (its imports resolve in today's tree);
// from stdin, which scripts/lib/bundle.js does not take, so esbuild is called directly here.
await build({
  stdin: {
    contents: execFileSync('git', ['show', `${values.baseline}:src/main/embedding/embed-core.ts`], {
      encoding: 'utf8',
    }),
    resolveDir: 'src/main/embedding',
    sourcefile: 'baseline-embed-core.ts',
    loader: 'ts',
  },
  outfile: join(dir, 'baseline-core.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
const baseline = await import(join(process.cwd(), dir, 'baseline-core.js'));
const current = { embed, loadPipeline };
const specBase = {
  backend: 'transformers',
  folder: values.model,
  queryPrefix: '',
  passagePrefix: '',
  maxTokens: 128,
};
const { descriptorText } = await import(join(process.cwd(), dir, 'descriptor.js'));
const { runLibrary } = await import(join(process.cwd(), dir, 'library.js'));
process.env.ENCORE_BUILD_DIR = join(process.cwd(), dir);
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

// Deterministic texts: descriptors as Encore writes them, lyrics as full songs (verses of the
// corpus snippets, English/Chinese/Spanish, 16–24 lines: 2–4 chunks of the 128-token window).
const words =
  'night rain summer city heart fire river light road ocean dream golden blue silver wild'.split(
    ' ',
  );
const genres = ['Rock', 'Pop', 'Jazz', 'Folk', 'Electronic', 'Ambient', 'Hip-Hop', 'Classical'];
const descriptors = Array.from({ length: Number(values.descriptors) }, (_, i) =>
  descriptorText(
    {
      path: `/m/${i}.mp3`,
      title: `${words[i % words.length]} ${words[(i * 7) % words.length]}`,
      artist: `Artist ${i % 40}`,
      album: `Album ${i % 90}`,
      year: 1970 + (i % 50),
      genres: [genres[i % genres.length]],
      genre: '',
      moodTag: null,
      composer: null,
      comment: null,
      bpmTag: null,
    },
    {
      bpm: 70 + (i % 90),
      scale: i % 2 ? 'minor' : 'major',
      key: 'A',
      arousal: (i % 10) / 10,
      valence: (i % 7) / 7,
      spectralCentroid: 1000 + (i % 30) * 100,
      loudnessLufs: -20 + (i % 14),
      onsetRate: 1 + (i % 6),
    },
  ),
);
const snippets = readdirSync(LYRICS_DIR)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(LYRICS_DIR, f), 'utf8').split('\n').slice(1).join('\n').trim());
const lyrics = Array.from({ length: Number(values.lyrics) }, (_, i) =>
  Array.from({ length: 4 + (i % 3) }, (_, v) => snippets[(i + v * 3) % snippets.length]).join(
    '\n\n',
  ),
);

const loadStart = loadavg();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
/** Texts/s of one pass over `texts` with `settings` (threads, batchSize) folded into the spec. */
async function rate(spec, texts, chunk, batchSize, core = current) {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const out = await core.embed({ spec, texts, mode: 'passage', chunk, batchSize });
  const used = process.cpuUsage(cpu);
  return {
    perS: texts.length / ((performance.now() - t) / 1000),
    // Per CPU-second of the whole process (all onnxruntime threads): on a busy machine a process
    // with more threads takes a larger share of the cores, so texts/s alone favours it.
    perCpuS: texts.length / ((used.user + used.system) / 1e6),
    tokens: out.tokens,
  };
}

if (values.library) {
  const songs = lyrics.length ? lyrics : snippets;
  const runs = [{ label: 'lexical fallback' }];
  if (values['library-model'])
    runs.push({ label: 'benchmark model (int8)', modelPath: values.model });
  const out = [];
  for (const r of runs) {
    const dataDir = mkdtempSync(join(tmpdir(), 'encore-bench-library-'));
    const res = await runLibrary({
      dataDir,
      tracks: Number(values.library),
      lyrics: songs,
      modelPath: r.modelPath,
    });
    rmSync(dataDir, { recursive: true, force: true });
    out.push({ label: r.label, ...res });
    if (!values.json) {
      console.log(
        `${r.label}: ${res.tracks} tracks (${res.withLyrics} with lyrics) in ${res.passS.toFixed(1)} s = ` +
          `${res.tracksPerS.toFixed(1)} tracks/s; longest main-loop stall ${res.maxLoopStallMs.toFixed(0)} ms; ${res.clusters} clusters`,
      );
    }
  }
  if (values.json) console.log(JSON.stringify(out, null, 2));
  process.exit(0);
}

const threadsNow = intraOpThreads();
const settings = [
  { label: 'baseline, ORT default threads, 16/call', core: baseline, threads: -1, batchSize: 16 },
  { label: `baseline, its defaults (${cpus().length} threads)`, core: baseline, threads: 0 },
  { label: `now, ${cpus().length} threads`, core: current, threads: cpus().length },
  {
    label: `now, default (${threadsNow} thread${threadsNow > 1 ? 's' : ''})`,
    core: current,
    threads: 0,
  },
];
if (!values.json) console.log(`now: ~${BATCH_TOKENS}-token calls; baseline: ${values.baseline}`);
const f1 = (xs) =>
  `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
for (const dtype of values.fp32 ? ['q8', 'fp32'] : ['q8']) {
  const rows = settings.map((s) => ({
    ...s,
    desc: [],
    lyr: [],
    descCpu: [],
    lyrCpu: [],
    descTokens: 0,
    lyrTokens: 0,
  }));
  for (const row of rows) {
    const spec = { ...specBase, dtype, threads: row.threads };
    const t = performance.now();
    await row.core.loadPipeline(spec);
    if (!values.json)
      console.log(`model load (${dtype}, ${row.label}): ${(performance.now() - t).toFixed(0)} ms`);
    await row.core.embed({ spec, texts: descriptors.slice(0, 4), mode: 'passage', chunk: false }); // warm-up
  }
  for (let run = 0; run < Number(values.runs); run++) {
    for (const row of rows) {
      const spec = { ...specBase, dtype, threads: row.threads };
      const d = await rate(spec, descriptors, false, row.batchSize, row.core);
      const l = await rate(spec, lyrics, true, row.batchSize, row.core);
      row.desc.push(d.perS);
      row.lyr.push(l.perS);
      row.descCpu.push(d.perCpuS);
      row.lyrCpu.push(l.perCpuS);
      row.descTokens = d.tokens / descriptors.length;
      row.lyrTokens = l.tokens / lyrics.length;
      if (!values.json)
        console.log(
          `  run ${run + 1} ${dtype} ${row.label}: ${d.perS.toFixed(1)} descriptors/s, ${l.perS.toFixed(1)} lyrics/s ` +
            `(${d.perCpuS.toFixed(1)} / ${l.perCpuS.toFixed(1)} per CPU-s)`,
        );
    }
  }
  for (const row of rows) {
    results.push({
      dtype,
      settings: row.label,
      descriptorsPerS: {
        median: median(row.desc),
        min: Math.min(...row.desc),
        max: Math.max(...row.desc),
      },
      lyricsPerS: { median: median(row.lyr), min: Math.min(...row.lyr), max: Math.max(...row.lyr) },
      descriptorsPerCpuS: median(row.descCpu),
      lyricsPerCpuS: median(row.lyrCpu),
      tokensPerDescriptor: row.descTokens,
      tokensPerLyric: row.lyrTokens,
    });
    if (!values.json)
      console.log(
        `${dtype} ${row.label.padEnd(44)} descriptors ${f1(row.desc)} /s (~${row.descTokens.toFixed(0)} tokens), ` +
          `lyrics ${f1(row.lyr)} /s (~${row.lyrTokens.toFixed(0)} tokens); per CPU-second ` +
          `${median(row.descCpu).toFixed(1)} descriptors, ${median(row.lyrCpu).toFixed(1)} lyrics`,
      );
  }
}
const lexical = { backend: 'lexical', dim: 384 };
const lex = await rate(lexical, descriptors, false);
const lexLyrics = await rate(lexical, lyrics, true);
results.push({ dtype: 'lexical', descriptorsPerS: lex.perS, lyricsPerS: lexLyrics.perS });
if (!values.json)
  console.log(
    `lexical fallback: ${lex.perS.toFixed(0)} descriptors/s, ${lexLyrics.perS.toFixed(0)} lyrics/s`,
  );
const loadEnd = loadavg().map((x) => x.toFixed(2));

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
const load = { start: loadStart.map((x) => x.toFixed(2)), end: loadEnd };
if (values.json)
  console.log(JSON.stringify({ machine, runs: Number(values.runs), load, results }, null, 2));
else
  console.log(
    `machine: ${machine}; medians of ${values.runs} runs (range), settings interleaved; ` +
      `random-weight MiniLM-L12 architecture; load average ${load.start.join(' ')} at start, ${load.end.join(' ')} at end`,
  );
