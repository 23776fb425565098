// collectGarbage (src/main/full-gc.ts) runs a real full collection without --expose-gc at start:
// an object only weakly held is gone after it, and the global `gc` stays unexposed.
import { describe, expect, it } from 'vitest';
import { runInNewContext } from 'node:vm';
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { collectGarbage } from '../../src/main/full-gc';

describe('collectGarbage', () => {
  it('collects what nothing holds, and leaves gc unexposed to later contexts', async () => {
    let held: object | null = { payload: new Array(100_000).fill(0) };
    const ref = new WeakRef(held);
    held = null;
    // A WeakRef's target is kept until the job that made it ends.
    await new Promise((done) => setImmediate(done));
    const seen: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => seen.push(...list.getEntries()));
    observer.observe({ entryTypes: ['gc'] });
    expect(collectGarbage()).toBe(true);
    expect(ref.deref()).toBeUndefined();
    // Entries arrive after the current job; the full (mark-compact) collection is among them.
    await new Promise((done) => setTimeout(done, 0));
    observer.disconnect();
    const kinds = seen.map(
      (e) => (e as PerformanceEntry & { detail: { kind: number } }).detail.kind,
    );
    expect(kinds).toContain(constants.NODE_PERFORMANCE_GC_MAJOR);
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });

  it('keeps what is still held', async () => {
    const held = { payload: [1, 2, 3] };
    const ref = new WeakRef(held);
    await new Promise((done) => setImmediate(done));
    expect(collectGarbage()).toBe(true);
    expect(ref.deref()).toBe(held);
  });
});
