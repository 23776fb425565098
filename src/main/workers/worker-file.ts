/**
 * Where a main-process entry's built file is (a worker, or the CLI for tests that run it). The
 * main build (electron.vite.config.ts) emits every entry of src/main/entries.ts as a flat file in
 * out/main, next to the code that spawns it. Tests bundle the same entries into a temporary folder
 * named by ENCORE_BUILD_DIR (test/global-setup.ts), so a worker always runs the current source.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MainEntry } from '../entries';

const here = dirname(fileURLToPath(import.meta.url));

/** Absolute path of the built JavaScript file for a main-process entry. */
export function workerFile(entry: MainEntry): string {
  const candidates = [
    process.env.ENCORE_BUILD_DIR ? join(process.env.ENCORE_BUILD_DIR, `${entry}.js`) : null,
    join(here, `${entry}.js`),
    // Running from src/main/workers without a test build: the repository's out/main.
    resolve(here, '../../../out/main', `${entry}.js`),
  ].filter((p): p is string => p !== null);
  const found = candidates.find((p) => existsSync(p));
  if (!found)
    throw new Error(
      `"${entry}" is not built (looked in ${candidates.join(', ')}); run npm run build.`,
    );
  return found;
}
