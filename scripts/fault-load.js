#!/usr/bin/env node
/**
 * bench:load — a 100,000-track library and a week of listening (test/faults/load.ts): the library
 * list, search and Up Next before and after tens of thousands of events. Bundles and runs it;
 * prints a JSON report for docs/reliability.md.
 *
 *   npm run bench:load [-- --tracks 100000 --events 30000 --queries 100]
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

const here = resolve(import.meta.dirname, '..');
// Bundled next to node_modules so sqlite3 (external) resolves.
const cache = join(here, 'node_modules/.cache/encore-faults');
mkdirSync(cache, { recursive: true });
const out = join(cache, 'load.mjs');
await build({
  entryPoints: [join(here, 'test/faults/load.ts')],
  outfile: out,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, [out, ...process.argv.slice(2)], {
  cwd: here,
  stdio: 'inherit',
  env: { ...process.env, ENCORE_LOG: 'error' },
});
process.exitCode = r.status ?? 1;
