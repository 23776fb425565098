/**
 * The V8 option Encore's processes start with, put in NODE_OPTIONS by the launcher (bin/encore.js)
 * for the process it starts: V8 sizes its heaps when the process starts, and the option cannot go
 * in Node's arguments, which Encore passes on to its worker threads (a worker refuses V8 options:
 * ERR_WORKER_INVALID_EXEC_ARGV). A V8 option holds for the whole process, workers included.
 *
 * Why: V8 lets each isolate's young generation grow to 2 × 16 MB of semi-space, which a scan's
 * main thread fills with garbage (each file's reading, store write and progress message live for
 * a moment); and what outlives two young collections goes to the old generation, which then grows
 * to ~4× what is alive before a full collection. With 4 MB semi-spaces a first scan of 100,000
 * files peaked at 271 MB instead of 299 and took 113 instead of 122 CPU-s (one run each,
 * docs/benchmarks.md, "Library scan"). Threads with their own limit (the tag workers) keep it.
 */

/** The option, and its name, by which a value already in NODE_OPTIONS is recognised and kept. */
export const YOUNG_GENERATION_OPTION = '--max-semi-space-size=4';
const OPTION_NAME = YOUNG_GENERATION_OPTION.split('=')[0];

/**
 * `{ NODE_OPTIONS }` with the option added to what `env` has, or {} when it already names one
 * (the person's choice is kept).
 * @param {NodeJS.ProcessEnv} env
 * @returns {Record<string, string>}
 */
export function missingV8Settings(env) {
  const options = env.NODE_OPTIONS ?? '';
  const named = options
    .split(/\s+/)
    .some((o) => o === OPTION_NAME || o.startsWith(`${OPTION_NAME}=`));
  if (named) return {};
  return {
    NODE_OPTIONS: options ? `${options} ${YOUNG_GENERATION_OPTION}` : YOUNG_GENERATION_OPTION,
  };
}
