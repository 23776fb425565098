/**
 * Opt-in timing of Up Next's phases, for the benchmark (`npm run bench:recommend -- --phases`):
 * which part of `suggest()` a slow call spent its time in. Off (no sink) in the app, where each
 * mark costs one null check.
 */

/** Receives each phase's wall time (ms) as the phase ends. */
export type PhaseSink = (phase: string, ms: number) => void;

let sink: PhaseSink | null = null;

/** Starts (a sink) or stops (null) the timing. */
export function timePhases(to: PhaseSink | null): void {
  sink = to;
}

/** A clock for one `suggest()` call: each `mark(name)` reports the time since the previous mark
 * as phase `name`. Null when timing is off. */
export function phaseClock(): ((phase: string) => void) | null {
  const to = sink;
  if (!to) return null;
  let t = performance.now();
  return (phase) => {
    const now = performance.now();
    to(phase, now - t);
    t = now;
  };
}
