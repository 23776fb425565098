/**
 * The one way scripts and tests bundle engine code for plain Node: esbuild, ES modules, every
 * package left external. Plain Node cannot run the TypeScript sources, and a worker thread or a
 * child process needs a file it can start from, so the benchmark scripts, the fault runs, the
 * test setup and the tests that spawn a child all build through here. The output must lie inside
 * the repository (out/ or node_modules/.cache) so that the bundles' bare imports (sqlite3,
 * music-metadata …) resolve to node_modules.
 */
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** This checkout's root folder. */
export const repoRoot = resolve(import.meta.dirname, '../..');

const thisFile = fileURLToPath(import.meta.url);

/**
 * Test code that bundles (test/helpers/node-script.ts) is itself bundled into the fault runs, and
 * from a bundle under node_modules/.cache (a link to another checkout's, possibly) this module
 * would find the wrong checkout: it stays a file of its own, imported from where it lies.
 */
const keepThisModuleApart = {
  name: 'encore-bundle-apart',
  setup(b) {
    b.onResolve({ filter: /[\\/]bundle\.js$/ }, (args) =>
      resolve(args.resolveDir, args.path) === thisFile
        ? { path: pathToFileURL(thisFile).href, external: true }
        : undefined,
    );
  },
};

/**
 * Bundles `entries` (output name → source file; relative paths are read from `root`, default this
 * checkout) into `outdir`, each as `<name><extension>` (default `.js`). `sourcemap`, `splitting`,
 * `define` and `plugins` are passed to esbuild. Returns each entry's output file by name.
 */
export async function bundleEntries(entries, outdir, options = {}) {
  const { root = repoRoot, extension = '.js', plugins = [], ...esbuildOptions } = options;
  mkdirSync(outdir, { recursive: true });
  await build({
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The oldest Node the tools run on (engines allows 22.13+, CI machines have 20).
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
    ...esbuildOptions,
    plugins: [keepThisModuleApart, ...plugins],
    entryPoints: Object.fromEntries(
      Object.entries(entries).map(([name, file]) => [name, resolve(root, file)]),
    ),
    outdir,
    ...(extension === '.js' ? {} : { outExtension: { '.js': extension } }),
  });
  return Object.fromEntries(
    Object.keys(entries).map((name) => [name, join(outdir, name + extension)]),
  );
}

/** `node_modules/.cache/<name>` of this checkout, created if missing. */
export function cacheDir(name) {
  const dir = join(repoRoot, 'node_modules/.cache', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A new, empty folder `out/<prefix>XXXXXX`, so parallel runs never share a build. */
export function freshBuildDir(prefix) {
  mkdirSync(join(repoRoot, 'out'), { recursive: true });
  return mkdtempSync(join(repoRoot, 'out', prefix));
}

/**
 * The main-process entries that run under plain Node (CLI and workers: every entry of
 * src/main/entries.ts except the Electron shell `index`), name → source file.
 */
export async function workerEntries() {
  // entries.ts is TypeScript: bundle it on its own, under a name of this process's (parallel
  // runs never write one file), import it and remove it.
  const { entries } = await bundleEntries(
    { entries: 'src/main/entries.ts' },
    cacheDir('encore-entries'),
    { extension: `.${process.pid}.mjs` },
  );
  const { mainEntries } = await import(pathToFileURL(entries).href);
  rmSync(entries, { force: true });
  return Object.fromEntries(Object.entries(mainEntries).filter(([name]) => name !== 'index'));
}

/**
 * Bundles the CLI and every worker entry into `outdir` as `<name>.js`: what `workerFile()` finds
 * when ENCORE_BUILD_DIR names `outdir`. `options` as for bundleEntries (e.g. `sourcemap`).
 */
export async function bundleWorkerEntries(outdir, options = {}) {
  return bundleEntries(await workerEntries(), outdir, options);
}
