#!/usr/bin/env node
/**
 * bench:ui — the renderer in the system Chromium against the browser host (test/e2e/bench/ui-bench.ts):
 * first paint and time to interactive with 10,000 tracks, long tasks while scrolling 100,000 rows,
 * renderer memory with 100,000 tracks loaded.
 *
 *   npm run bench:ui [-- --runs 5 --frames 600]
 *
 * Bundles the measuring code with esbuild into out/bench-ui (no app build needed; the renderer is
 * built with Vite into a temp folder). Prints Markdown for docs/benchmarks.md.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { engineModules } from './engine-modules.js';

const here = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, frames: { type: 'string', default: '600' } },
});
const { modules } = await engineModules(
  'encore-bench-ui',
  { 'ui-bench': 'test/e2e/bench/ui-bench.ts' },
  here,
);
const { runUiBench, median } = modules['ui-bench'];
const log = (line) => process.stderr.write(`${line}\n`);
const before = loadavg()[0];
const r = await runUiBench({ runs: Number(values.runs), frames: Number(values.frames), log });
const ms = (xs) => `${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`;
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const f = (x) =>
  `${x.scriptMsPerFrame.toFixed(1)}, ${x.layoutMsPerFrame.toFixed(1)}, ${x.taskMsPerFrame.toFixed(1)} ms`;
process.stdout.write(
  [
    `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}, system Chromium headless; load average ${before.toFixed(1)} at start.`,
    '',
    '| Measure | Result |',
    '| --- | --- |',
    `| 10,000 tracks: first contentful paint (median of ${r.fcpMs.length}) | ${ms(r.fcpMs)} |`,
    `| 10,000 tracks: first meaningful paint (track rows drawn) | ${ms(r.fmpMs)} |`,
    `| 10,000 tracks: time to interactive (rows drawn, then 1 s without long tasks) | ${ms(r.ttiMs)} |`,
    `| 100,000 rows: steady scroll, 1,000 px per frame for ${r.steady.frames} frames — long tasks > 50 ms | ${r.steady.longTasks} (longest ${r.steady.longestTaskMs.toFixed(0)} ms) |`,
    `| 100,000 rows: steady scroll — frame gap p95 / max | ${r.steady.gapP95Ms.toFixed(1)} ms / ${r.steady.gapMaxMs.toFixed(1)} ms |`,
    `| 100,000 rows: top to bottom in ${r.scroll.frames} frames (scroll-bar drag, ~${Math.round(100000 / r.scroll.frames)} rows per frame) — long tasks > 50 ms | ${r.scroll.longTasks} (longest ${r.scroll.longestTaskMs.toFixed(0)} ms) |`,
    `| 100,000 rows: scroll-bar drag — frame gap p95 / max | ${r.scroll.gapP95Ms.toFixed(1)} ms / ${r.scroll.gapMaxMs.toFixed(1)} ms |`,
    `| 100,000 rows: main-thread work per frame, steady / drag — script, style + layout, all tasks | ${f(r.steady)} / ${f(r.scroll)} |`,
    `| 100,000 tracks loaded: renderer JS heap (after GC) | ${r.memory.jsHeapMb.toFixed(1)} MB |`,
    `| 100,000 tracks loaded: DOM nodes | ${r.memory.domNodes} |`,
    `| 100,000 rows: steady scroll, traced — main-thread CPU (thread time) per frame: total, then the largest by trace event | ${r.trace
      .slice(0, 7)
      .map((e) => `${e.name} ${e.msPerFrame.toFixed(2)}`)
      .join(', ')} ms |`,
    '',
  ].join('\n'),
);
