/**
 * Engine modules for the benchmark and evaluation scripts: bundles the given TypeScript entries
 * (scripts/lib/bundle.js) into node_modules/.cache/NAME, with the code they share split into
 * common chunks so each module exists once, and imports them.
 */
import { pathToFileURL } from 'node:url';
import { bundleEntries, cacheDir } from './lib/bundle.js';

/**
 * `entries` maps a name to a source file; returns the cache folder and each entry's exports under
 * its name. Every entry is imported here, so a worker entry (which runs only in a worker thread)
 * goes through bundleEntries instead. `root` (default: this checkout) is where the source files are read from, e.g. a copy of
 * another commit's tree for an old-against-new benchmark.
 */
export async function engineModules(name, entries, root) {
  const dir = cacheDir(name);
  const files = await bundleEntries(entries, dir, { root, splitting: true });
  const modules = {};
  for (const [key, file] of Object.entries(files))
    modules[key] = await import(pathToFileURL(file).href);
  return { dir, modules };
}
