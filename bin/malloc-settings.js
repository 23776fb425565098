/**
 * The C allocator settings Encore runs with on Linux with glibc, put in the environment of the
 * process a launcher starts (bin/encore.js for the CLI and `encore serve`, scripts/start.js for
 * Electron): glibc reads them only when a process starts, so the process cannot set them itself.
 *
 * Why: glibc gives each thread that allocates its own arena (up to 8 per core) and hands an
 * arena's free memory back to the system only from its top, so what libuv's threads (SQLite's
 * query results among it) and the worker threads allocated and freed stayed resident — 40–50 MB
 * of `encore serve`'s RSS with 10,000 tracks (docs/benchmarks.md, "Memory of `encore
 * serve`"). Elsewhere (macOS, Windows, musl) these variables mean nothing, and are not set.
 */

/** Each setting with the value Encore uses; a value already in the environment is kept. */
export const MALLOC_SETTINGS = {
  // Two arenas shared by all threads: the main thread and one for the rest, instead of up to 16
  // on 2 cores, each keeping its own freed memory.
  MALLOC_ARENA_MAX: '2',
  // Free memory above 128 KB at the top of an arena goes back to the system (glibc's default
  // threshold grows to 32 MB as large blocks are freed).
  MALLOC_TRIM_THRESHOLD_: '131072',
  // Blocks of 128 KB and more (query results, vectors) are mapped on their own and unmapped when
  // freed, instead of the threshold growing to 32 MB and such blocks staying in the arenas.
  MALLOC_MMAP_THRESHOLD_: '131072',
};

/** True on Linux with glibc (the C library Node was started with, from its diagnostic report). */
export function usesGlibc() {
  if (process.platform !== 'linux') return false;
  // The report's network section does DNS look-ups; only the header is needed.
  process.report.excludeNetwork = true;
  return Boolean(process.report.getReport().header?.glibcVersionRuntime);
}

/**
 * The settings missing from `env`, to add before starting a process: {} when all are there or
 * when the C library is not glibc.
 * @param {NodeJS.ProcessEnv} env
 * @returns {Record<string, string>}
 */
export function missingMallocSettings(env) {
  const missing = Object.entries(MALLOC_SETTINGS).filter(([key]) => env[key] === undefined);
  if (missing.length === 0 || !usesGlibc()) return {};
  return Object.fromEntries(missing);
}
