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
 * Usage: node scripts/bench-embed.js [--model DIR] [--descriptors 256] [--lyrics 48] [--runs 3] [--json]
 *        node scripts/bench-embed.js --library 10000 [--library-model] [--model DIR]
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: join(tmpdir(), 'encore-bench-model') },
    descriptors: { type: 'string', default: '256' },
    lyrics: { type: 'string', default: '48' },
    runs: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
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
await build({
  entryPoints: {
    core: 'src/main/embedding/embed-core.ts',
    descriptor: 'src/main/embedding/descriptor.ts',
    library: 'scripts/bench-meaning-library.ts',
    'embed-worker': 'src/main/embedding/embed-worker.ts',
  },
  outdir: dir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
const { embed, loadPipeline } = await import(join(process.cwd(), dir, 'core.js'));
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

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const results = [];
async function measure(label, spec, texts, chunk) {
  const rates = [];
  let tokens = 0;
  await embed({ spec, texts: texts.slice(0, 4), mode: 'passage', chunk }); // warm-up
  for (let run = 0; run < Number(values.runs); run++) {
    const t = performance.now();
    const out = await embed({ spec, texts, mode: 'passage', chunk, batchSize: 16 });
    rates.push(texts.length / ((performance.now() - t) / 1000));
    tokens = out.tokens;
  }
  const r = {
    label,
    texts: texts.length,
    textsPerS: median(rates),
    tokensPerText: tokens / texts.length,
  };
  results.push(r);
  if (!values.json) {
    console.log(
      `${label.padEnd(28)} ${r.textsPerS.toFixed(1).padStart(8)} texts/s  (${texts.length} texts, ~${r.tokensPerText.toFixed(0)} tokens each)`,
    );
  }
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

for (const dtype of ['q8', 'fp32']) {
  const spec = {
    backend: 'transformers',
    folder: values.model,
    dtype,
    queryPrefix: '',
    passagePrefix: '',
    maxTokens: 128,
    threads: 0,
  };
  const t = performance.now();
  await loadPipeline(spec);
  if (!values.json) console.log(`model load (${dtype}): ${(performance.now() - t).toFixed(0)} ms`);
  await measure(`descriptors, ${dtype}`, spec, descriptors, false);
  await measure(`lyrics (chunked), ${dtype}`, spec, lyrics, true);
}
const lexical = { backend: 'lexical', dim: 384 };
await measure('descriptors, lexical', lexical, descriptors, false);
await measure('lyrics, lexical', lexical, lyrics, true);

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
if (values.json)
  console.log(JSON.stringify({ machine, runs: Number(values.runs), results }, null, 2));
else
  console.log(
    `machine: ${machine}; medians of ${values.runs} runs; random-weight MiniLM-L12 architecture`,
  );
