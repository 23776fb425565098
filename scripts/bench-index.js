#!/usr/bin/env node
/**
 * Vector index benchmark (npm run bench:index): top-50 query latency p50/p95 and memory of the
 * VectorIndex at 10,000 and 100,000 vectors of 384 dimensions, float32 and int8, and the recall of
 * int8's top-50 against the exact float32 top-50. This checkout also runs "int8→f32": the int8
 * scan rules rows out by its error bound and the rest are scored from a float32 copy, which gives
 * exactly the float32 result (checked on every query here) at about the int8 cost.
 *
 * Latency is measured on random unit vectors (an exact scan costs the same whatever the values),
 * with the baseline's index (default: `main`, extracted with `git archive` and bundled the same
 * way) interleaved run by run with this checkout's. Recall is measured where it can be lost: on
 * uniform random vectors (the worst case: every score is close to every other), on clustered
 * vectors (2,000 Gaussian clusters, as embeddings of a music collection group by artist and
 * style) and on the lexical vectors Encore itself stores without a model (384-dimension hashed
 * words of descriptor texts of a synthetic 4,000-artist library); queries are perturbed rows
 * ("more like this track").
 *
 * Usage: node --expose-gc scripts/bench-index.js [--sizes 10000,100000] [--queries 200] [--runs 3]
 *        [--baseline main|COMMIT,COMMIT|none] [--json]
 * Several baselines run interleaved with this checkout; each is read from wherever its commit kept
 * the index (src/main/vectors/, earlier src/main/embedding/).
 */
import { engineModules } from './engine-modules.js';
import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    dim: { type: 'string', default: '384' },
    k: { type: 'string', default: '50' },
    queries: { type: 'string', default: '200' },
    runs: { type: 'string', default: '3' },
    baseline: { type: 'string', default: 'main' },
    json: { type: 'boolean', default: false },
  },
});

const loadStart = loadavg();
const cacheName = `encore-bench-index-${basename(process.cwd())}`;
const { modules } = await engineModules(cacheName, {
  index: 'src/main/vectors/vector-index.ts',
  random: 'src/main/vectors/random.ts',
  lexical: 'src/main/embedding/lexical.ts',
});
const { rng } = modules.random;
const { lexicalVectors } = modules.lexical;
const variants = [{ label: 'new', VectorIndex: modules.index.VectorIndex }];
const baselines = values.baseline === 'none' ? [] : values.baseline.split(',').filter(Boolean);
for (const [i, commit] of baselines.entries()) {
  const src = mkdtempSync(join(tmpdir(), 'encore-bench-index-old-'));
  execSync(`git archive ${commit} src | tar -x -C ${src}`);
  const file = ['src/main/vectors/vector-index.ts', 'src/main/embedding/vector-index.ts'].find(
    (f) => existsSync(join(src, f)),
  );
  const old = await engineModules(`${cacheName}-old-${i}`, { index: file }, src);
  rmSync(src, { recursive: true, force: true });
  variants.splice(i, 0, { label: commit, VectorIndex: old.modules.index.VectorIndex });
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
const dim = Number(values.dim);
const k = Number(values.k);
const log = (m) => values.json || console.log(m);

/** n rows of `kind` data, contiguous. */
function dataset(kind, n, next) {
  if (kind === 'lexical') {
    const words = 'night rain summer city heart fire river light road ocean dream golden'.split(
      ' ',
    );
    const genres = ['Rock', 'Pop', 'Jazz', 'Folk', 'Electronic', 'Ambient', 'Hip-Hop', 'Soul'];
    const texts = Array.from({ length: n }, (_, i) => {
      const artist = Math.floor(i / 25);
      return (
        `${words[i % 12]} ${words[(i * 7) % 12]} by Artist ${artist}, from Album ${Math.floor(i / 5)}; ` +
        `${genres[artist % 8]}, ${1960 + (artist % 60)}s, ${70 + (artist % 40) * 3} bpm`
      );
    });
    return lexicalVectors(texts, dim).data;
  }
  const out = new Float32Array(n * dim);
  if (kind === 'uniform') {
    for (let i = 0; i < out.length; i++) out[i] = next() * 2 - 1;
    return out;
  }
  // Clustered: 2,000 centres; each row its centre plus noise of about the same size.
  const centres = Array.from({ length: 2000 }, () =>
    Float32Array.from({ length: dim }, () => next() * 2 - 1),
  );
  for (let i = 0; i < n; i++) {
    const c = centres[Math.floor(next() * centres.length)];
    for (let j = 0; j < dim; j++) out[i * dim + j] = c[j] + 0.8 * (next() * 2 - 1);
  }
  return out;
}

/** Queries near rows of the data (or random for uniform data). */
function queriesFor(kind, data, n, count, next) {
  return Array.from({ length: count }, () => {
    if (kind === 'uniform') return Float32Array.from({ length: dim }, () => next() * 2 - 1);
    const r = Math.floor(next() * n);
    return Float32Array.from({ length: dim }, (_, j) => data[r * dim + j] + 0.1 * (next() - 0.5));
  });
}

function build(VectorIndex, data, n, quantize) {
  const ids = Array.from({ length: n }, (_, i) => i + 1);
  const t = performance.now();
  const index = VectorIndex.from(ids, data, { dim, quantize, capacity: n });
  return { index, buildMs: performance.now() - t };
}

const latency = [];
const recall = [];
for (const n of values.sizes.split(',').map(Number)) {
  // Latency, variants interleaved run by run.
  const runs = new Map();
  for (let run = 0; run < Number(values.runs); run++) {
    const next = rng(run + 1);
    const data = dataset('uniform', n, next);
    const queries = queriesFor('uniform', data, n, Number(values.queries), next);
    for (const storage of ['float32', 'int8', 'int8→f32']) {
      for (const v of variants) {
        if (storage === 'int8→f32' && v.label !== 'new') continue;
        global.gc?.();
        const before = process.memoryUsage().rss;
        const { index, buildMs } = build(v.VectorIndex, data, n, storage !== 'float32');
        const exact = storage === 'int8→f32' ? build(v.VectorIndex, data, n, false) : null;
        const rssMB = (process.memoryUsage().rss - before) / 1e6;
        const opts = exact ? { exact: exact.index } : {};
        for (const q of queries.slice(0, 10)) index.search(q, k, opts); // warm-up (JIT, caches)
        const times = [];
        // CPU time over all queries: steadier than wall time on a loaded machine.
        const cpu0 = process.cpuUsage();
        for (const q of queries) {
          const t = performance.now();
          index.search(q, k, opts);
          times.push(performance.now() - t);
        }
        const cpu = process.cpuUsage(cpu0);
        const cpuMs = (cpu.user + cpu.system) / 1000 / queries.length;
        times.sort((a, b) => a - b);
        if (exact)
          for (const q of queries.slice(0, 20))
            if (
              JSON.stringify(index.search(q, k, opts)) !== JSON.stringify(exact.index.search(q, k))
            )
              throw new Error('int8→f32 search differs from the float32 search');
        const key = `${v.label}|${storage}`;
        const list = runs.get(key) ?? [];
        list.push({
          p50: quantile(times, 0.5),
          p95: quantile(times, 0.95),
          cpuMs,
          buildMs: buildMs + (exact?.buildMs ?? 0),
          indexMB: (index.memoryBytes() + (exact?.index.memoryBytes() ?? 0)) / 1e6,
          rssMB,
        });
        runs.set(key, list);
      }
    }
  }
  for (const [key, list] of runs) {
    const [variant, storage] = key.split('|');
    const r = {
      vectors: n,
      dim,
      k,
      variant,
      storage,
      p50Ms: range(list.map((x) => x.p50)),
      p95Ms: range(list.map((x) => x.p95)),
      cpuMsPerQuery: range(list.map((x) => x.cpuMs)),
      buildMs: median(list.map((x) => x.buildMs)),
      indexMB: median(list.map((x) => x.indexMB)),
    };
    latency.push(r);
    const f = (x) => `${x.median.toFixed(2)} (${x.min.toFixed(2)}–${x.max.toFixed(2)})`;
    log(
      `${String(n).padStart(7)} × ${dim} ${storage.padEnd(7)} [${variant}] top-${k}: p50 ${f(r.p50Ms)} ms, ` +
        `p95 ${f(r.p95Ms)} ms; CPU ${f(r.cpuMsPerQuery)} ms/query; index ${r.indexMB.toFixed(1)} MB; build ${r.buildMs.toFixed(0)} ms`,
    );
  }
  // Recall of int8 against exact float32 (this checkout's index), per kind of data; and how
  // int8→f32 does there (its recall must be 1; how many rows it rescored per query).
  for (const kind of ['uniform', 'clustered', 'lexical']) {
    const next = rng(99);
    const data = dataset(kind, n, next);
    const queries = queriesFor(kind, data, n, 100, next);
    const exact = build(modules.index.VectorIndex, data, n, false).index;
    const int8 = build(modules.index.VectorIndex, data, n, true).index;
    let hit = 0;
    let rescoredHit = 0;
    for (const q of queries) {
      const want = new Set(exact.search(q, k).map((x) => x.id));
      for (const x of int8.search(q, k)) if (want.has(x.id)) hit += 1;
      for (const x of int8.search(q, k, { exact })) if (want.has(x.id)) rescoredHit += 1;
    }
    const r = {
      vectors: n,
      kind,
      recall: hit / (queries.length * k),
      rescoredRecall: rescoredHit / (queries.length * k),
    };
    recall.push(r);
    log(
      `${String(n).padStart(7)} × ${dim} int8 recall@${k} on ${kind} vectors: ${r.recall.toFixed(4)}; int8→f32 ${r.rescoredRecall.toFixed(4)}`,
    );
  }
}
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
const load = { start: loadStart.map((x) => x.toFixed(2)), end: loadavg().map((x) => x.toFixed(2)) };
if (values.json)
  console.log(
    JSON.stringify(
      {
        machine,
        load,
        runs: Number(values.runs),
        queries: Number(values.queries),
        latency,
        recall,
      },
      null,
      2,
    ),
  );
else
  console.log(
    `machine: ${machine}; medians of ${values.runs} runs × ${values.queries} queries (range), ` +
      `variants interleaved: ${variants.map((v) => v.label).join(', ')}; ` +
      `load average ${load.start.join(' ')} at start, ${load.end.join(' ')} at end`,
  );
