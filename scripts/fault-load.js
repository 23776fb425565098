#!/usr/bin/env node
/**
 * bench:load — a 100,000-track library and a week of listening (test/faults/load.ts): the library
 * list, search and Up Next before and after tens of thousands of events, and with --scan N a scan
 * of N files on disk. Bundles the worker entries (like the test setup) and the load run, runs it,
 * and prints a JSON report for docs/reliability.md.
 *
 *   npm run bench:load [-- --tracks 100000 --events 30000 --queries 100 --scan 100000]
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const here = resolve(import.meta.dirname, '..');
// Bundled next to node_modules so sqlite3 (external) resolves.
const cache = join(here, 'node_modules/.cache/encore-faults');
mkdirSync(cache, { recursive: true });
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
};
const entriesFile = join(cache, 'entries.mjs');
await build({ ...common, entryPoints: [join(here, 'src/main/entries.ts')], outfile: entriesFile });
const { mainEntries } = await import(entriesFile);
mkdirSync(join(here, 'out'), { recursive: true });
const buildDir = mkdtempSync(join(here, 'out', 'load-build-'));
try {
  await build({
    ...common,
    entryPoints: Object.fromEntries(
      Object.entries(mainEntries)
        .filter(([name]) => name !== 'index')
        .map(([name, file]) => [name, join(here, file)]),
    ),
    outdir: buildDir,
  });
  const out = join(cache, 'load.mjs');
  await build({
    ...common,
    entryPoints: [join(here, 'test/faults/load.ts')],
    outfile: out,
    // The fault helpers find the fixtures next to their source, as in vitest.
    define: { __dirname: JSON.stringify(join(here, 'test/faults')) },
  });
  const r = spawnSync(process.execPath, [out, ...process.argv.slice(2)], {
    cwd: here,
    stdio: 'inherit',
    env: { ...process.env, ENCORE_BUILD_DIR: buildDir, ENCORE_LOG: 'error' },
  });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(buildDir, { recursive: true, force: true });
}
