/**
 * Where the renderer's main-thread time goes: records a Chromium trace (the DevTools timeline
 * categories) over one run of work and sums each trace event's self time (its time minus the
 * events nested in it) by event name on the page's main thread, per animation frame. Thread time
 * (`tdur`, the CPU the thread really got) where Chromium records it, not wall time: on a shared,
 * loaded machine a wall-clock duration also counts the time the thread waited for a core.
 */
import type { CDPSession } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, µs. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

/** Self thread time per trace-event name, ms per frame, largest first; 'total' first of all. */
export type FrameBreakdown = { name: string; msPerFrame: number }[];

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink',
  'v8.execute',
  'toplevel',
].join(',');

async function readStream(cdp: CDPSession, handle: string): Promise<string> {
  let text = '';
  for (;;) {
    const chunk = await cdp.send('IO.read', { handle });
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle });
  return text;
}

/** Self thread time (µs) of each complete event, by name, on one thread's nested events. */
function selfTimes(events: TraceEvent[]): Map<string, number> {
  const sorted = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const totals = new Map<string, number>();
  const stack: { end: number; name: string; self: number }[] = [];
  const pop = (): void => {
    const done = stack.pop();
    if (done) totals.set(done.name, (totals.get(done.name) ?? 0) + done.self);
  };
  for (const e of sorted) {
    while (stack.length && (stack.at(-1)?.end ?? 0) <= e.ts) pop();
    const parent = stack.at(-1);
    const cpu = e.tdur ?? e.dur ?? 0;
    if (parent) parent.self -= cpu;
    stack.push({ end: e.ts + (e.dur ?? 0), name: e.name, self: cpu });
  }
  while (stack.length) pop();
  return totals;
}

/** Runs `work` under a trace and returns the main thread's self time per event name per frame. */
export async function traceFrames(
  cdp: CDPSession,
  frames: number,
  work: () => Promise<unknown>,
): Promise<FrameBreakdown> {
  const complete = new Promise<string>((resolve) =>
    cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream ?? '')),
  );
  await cdp.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReturnAsStream' });
  await work();
  await cdp.send('Tracing.end');
  const { traceEvents } = JSON.parse(await readStream(cdp, await complete)) as {
    traceEvents: TraceEvent[];
  };
  // The page's main thread: of the renderer main threads in the trace, the busiest one.
  const mains = traceEvents.filter((e) => e.ph === 'M' && e.args?.name === 'CrRendererMain');
  const busy = (m: TraceEvent): number =>
    traceEvents
      .filter((e) => e.pid === m.pid && e.tid === m.tid && e.ph === 'X')
      .reduce((sum, e) => sum + (e.dur ?? 0), 0);
  const main = mains.sort((a, b) => busy(b) - busy(a))[0];
  if (!main) return [];
  const totals = selfTimes(traceEvents.filter((e) => e.pid === main.pid && e.tid === main.tid));
  const all = [...totals.values()].reduce((sum, us) => sum + us, 0);
  return [['total', all] as const, ...totals]
    .map(([name, us]) => ({ name, msPerFrame: us / 1000 / frames }))
    .sort((a, b) => b.msPerFrame - a.msPerFrame);
}
