/**
 * Before the tests: bundle every main-process entry except the Electron shell (CLI, workers)
 * into a fresh folder under out/ and point ENCORE_BUILD_DIR at it, so worker threads and CLI
 * subprocesses run exactly the current source, and parallel test runs never share a build.
 */
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { mainEntries } from '../src/main/entries';

export default async function setup(): Promise<() => void> {
  // Inside the repository, so the bundles' bare imports (music-metadata …) resolve to node_modules.
  const parent = join(__dirname, '..', 'out');
  mkdirSync(parent, { recursive: true });
  const outdir = mkdtempSync(join(parent, 'test-build-'));
  const entryPoints = Object.fromEntries(
    Object.entries(mainEntries).filter(([name]) => name !== 'index'),
  );
  await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  process.env.ENCORE_BUILD_DIR = outdir;
  return () => rmSync(outdir, { recursive: true, force: true });
}
