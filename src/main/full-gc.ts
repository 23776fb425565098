/**
 * A full garbage collection on demand, for the end of a library-wide pass that allocates far more
 * than it keeps (the embedding pass: texts, vectors, query results and mood scores of every
 * track). V8 collects when allocation reaches a limit that such a pass raises, so an idle process
 * afterwards kept the garbage: `encore serve` with 10,000 tracks held 317–333 MB after the pass,
 * 133 MB after one full collection (docs/benchmarks.md, "Memory of `encore serve`").
 *
 * Node exposes no collection call without `--expose-gc` at start; the flag set at run time
 * exposes `gc` to contexts made afterwards, so one is taken from a fresh vm context and the flag
 * is cleared again (workers and contexts made later do not get it).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

/** The collector, found once; null where it cannot be had. */
function collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    collect = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    collect = null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
  return collect;
}

/**
 * Runs a full, blocking garbage collection (tens of milliseconds on the main thread for a heap of
 * a few hundred MB: call it once after a pass, not per request). Returns false when it could not.
 */
export function collectGarbage(): boolean {
  const gc = collector();
  gc?.();
  return gc !== null;
}
