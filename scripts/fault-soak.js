#!/usr/bin/env node
/**
 * soak — the long fault runs (a mutation corpus of the benchmark library's real recordings, and
 * many SIGKILLs) that are too heavy for `npm test`. Bundles the worker entries (like the test
 * setup) and test/faults/soak.ts, runs it, and prints its JSON report for docs/reliability.md.
 *
 *   npm run soak [-- --kills 100 --seed 7 --analyse 150 --real /tmp/encore-bench/real]
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const here = resolve(import.meta.dirname, '..');
const cache = join(here, 'node_modules/.cache/encore-faults');
mkdirSync(cache, { recursive: true });
// Plain Node cannot import TypeScript: bundle the entry list itself first.
const entriesFile = join(cache, 'entries.mjs');
await build({
  entryPoints: [join(here, 'src/main/entries.ts')],
  outfile: entriesFile,
  format: 'esm',
});
const { mainEntries } = await import(entriesFile);
mkdirSync(join(here, 'out'), { recursive: true });
const buildDir = mkdtempSync(join(here, 'out', 'soak-build-'));
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
};
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
  const soak = join(cache, 'soak.mjs');
  await build({
    ...common,
    entryPoints: [join(here, 'test/faults/soak.ts')],
    outfile: soak,
    // The fault helpers find the fixtures and the child script next to their source, as in vitest.
    define: { __dirname: JSON.stringify(join(here, 'test/faults')) },
  });
  const r = spawnSync(process.execPath, [soak, ...process.argv.slice(2)], {
    cwd: here,
    stdio: 'inherit',
    env: { ...process.env, ENCORE_BUILD_DIR: buildDir, ENCORE_LOG: 'error' },
  });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(buildDir, { recursive: true, force: true });
}
