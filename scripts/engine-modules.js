/**
 * Engine modules for the benchmark and evaluation scripts: bundles the given TypeScript entries
 * with esbuild into node_modules/.cache/NAME (next to node_modules, so external packages such as
 * sqlite3 resolve) and imports them.
 */
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * `entries` maps a name to a source file; returns the cache folder and each entry's exports under
 * its name. `root` (default: this checkout) is where the source files are read from, e.g. a copy of
 * another commit's tree for an old-against-new benchmark.
 */
export async function engineModules(name, entries, root = '.') {
  const dir = resolve('node_modules/.cache', name);
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: Object.fromEntries(
      Object.entries(entries).map(([key, file]) => [key, join(root, file)]),
    ),
    outdir: dir,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  const modules = {};
  for (const key of Object.keys(entries)) modules[key] = await import(join(dir, `${key}.js`));
  return { dir, modules };
}
