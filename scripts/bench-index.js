#!/usr/bin/env node
/**
 * Vector index benchmark (npm run bench:index): top-50 query latency p50/p95 and memory of the
 * VectorIndex at 10,000 and 100,000 synthetic vectors of 384 dimensions, Float32 and int8.
 * Synthetic random unit vectors are fine here: an exact scan costs the same whatever the values.
 *
 * Usage: node scripts/bench-index.js [--sizes 10000,100000] [--queries 200] [--runs 3] [--json]
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    dim: { type: 'string', default: '384' },
    k: { type: 'string', default: '50' },
    queries: { type: 'string', default: '200' },
    runs: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});

const dir = mkdtempSync(join(tmpdir(), 'encore-bench-index-'));
await build({
  entryPoints: { index: 'src/main/embedding/vector-index.ts' },
  outdir: dir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  logLevel: 'warning',
});
const { VectorIndex } = await import(join(dir, 'index.js'));
rmSync(dir, { recursive: true, force: true });

/** Deterministic pseudo-random numbers (mulberry32). */
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dim = Number(values.dim);
const k = Number(values.k);
const results = [];

for (const n of values.sizes.split(',').map(Number)) {
  for (const quantize of [false, true]) {
    const runs = [];
    for (let run = 0; run < Number(values.runs); run++) {
      const next = rng(run + 1);
      global.gc?.();
      const before = process.memoryUsage();
      const index = new VectorIndex({ dim, quantize, capacity: n });
      const row = new Float32Array(dim);
      const buildStart = performance.now();
      for (let id = 1; id <= n; id++) {
        for (let j = 0; j < dim; j++) row[j] = next() * 2 - 1;
        index.set(id, row);
      }
      const buildMs = performance.now() - buildStart;
      global.gc?.();
      const after = process.memoryUsage();
      const queries = Array.from({ length: Number(values.queries) }, () =>
        Float32Array.from({ length: dim }, () => next() * 2 - 1),
      );
      for (const q of queries.slice(0, 10)) index.search(q, k); // warm-up (JIT, caches)
      const times = [];
      for (const q of queries) {
        const t = performance.now();
        index.search(q, k);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      runs.push({
        p50: quantile(times, 0.5),
        p95: quantile(times, 0.95),
        buildMs,
        indexMB: index.memoryBytes() / 1e6,
        processDeltaMB: (after.rss - before.rss) / 1e6,
      });
    }
    const r = {
      vectors: n,
      dim,
      k,
      storage: quantize ? 'int8' : 'float32',
      p50Ms: median(runs.map((x) => x.p50)),
      p95Ms: median(runs.map((x) => x.p95)),
      buildMs: median(runs.map((x) => x.buildMs)),
      indexMB: median(runs.map((x) => x.indexMB)),
      processDeltaMB: median(runs.map((x) => x.processDeltaMB)),
    };
    results.push(r);
    if (!values.json) {
      console.log(
        `${String(n).padStart(7)} × ${dim} ${r.storage.padEnd(7)} top-${k}: p50 ${r.p50Ms.toFixed(2)} ms, p95 ${r.p95Ms.toFixed(2)} ms; ` +
          `index ${r.indexMB.toFixed(1)} MB; build ${r.buildMs.toFixed(0)} ms`,
      );
    }
  }
}
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
if (values.json)
  console.log(
    JSON.stringify(
      { machine, runs: Number(values.runs), queries: Number(values.queries), results },
      null,
      2,
    ),
  );
else console.log(`machine: ${machine}; medians of ${values.runs} runs × ${values.queries} queries`);
