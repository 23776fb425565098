/**
 * The set-up `npm run soak` and `npm run bench:load` share: bundle the CLI and worker entries into
 * a fresh out/ folder and a run from test/faults/ into node_modules/.cache/encore-faults, start the
 * run as its own Node process with this process's arguments, and remove the build afterwards.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundleEntries, bundleWorkerEntries, cacheDir, freshBuildDir, repoRoot } from './bundle.js';

/**
 * Runs test/faults/<name>.ts (e.g. `soak`, `load`) with `args` and the workers of the current
 * source (ENCORE_BUILD_DIR); resolves with its exit code. Its JSON report goes to stdout.
 */
export async function runFaultRun(name, args) {
  const buildDir = freshBuildDir(`${name}-build-`);
  try {
    await bundleWorkerEntries(buildDir);
    const { [name]: script } = await bundleEntries(
      { [name]: `test/faults/${name}.ts` },
      cacheDir('encore-faults'),
      {
        extension: '.mjs',
        // The fault helpers find the fixtures and the child script next to their source, as in vitest.
        define: { __dirname: JSON.stringify(join(repoRoot, 'test/faults')) },
      },
    );
    const r = spawnSync(process.execPath, [script, ...args], {
      cwd: repoRoot,
      stdio: 'inherit',
      env: { ...process.env, ENCORE_BUILD_DIR: buildDir, ENCORE_LOG: 'error' },
    });
    return r.status ?? 1;
  } finally {
    rmSync(buildDir, { recursive: true, force: true });
  }
}
