/**
 * Lets worker threads started from the per-run test build (a folder under the OS temp dir,
 * test/global-setup.ts) import packages: Node resolves bare imports of an ES module from the
 * module's own folder upwards, and there is no node_modules above /tmp. Links the repository's
 * node_modules into the build folder (idempotent; the folder is deleted after the run).
 */
import { existsSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function linkNodeModules(): void {
  const dir = process.env.ENCORE_BUILD_DIR;
  if (!dir) return;
  const link = join(dir, 'node_modules');
  if (existsSync(link)) return;
  try {
    symlinkSync(resolve('node_modules'), link, 'dir');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}
