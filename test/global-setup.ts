/**
 * Before the tests: bundle every main-process entry except the Electron shell (CLI, workers)
 * into a fresh folder under out/ and point ENCORE_BUILD_DIR at it, so worker threads and CLI
 * subprocesses run exactly the current source, and parallel test runs never share a build.
 */
import { rmSync } from 'node:fs';
import { bundleWorkerEntries, freshBuildDir } from '../scripts/lib/bundle.js';

export default async function setup(): Promise<() => void> {
  const outdir = freshBuildDir('test-build-');
  await bundleWorkerEntries(outdir, { sourcemap: 'inline' });
  process.env.ENCORE_BUILD_DIR = outdir;
  return () => rmSync(outdir, { recursive: true, force: true });
}
