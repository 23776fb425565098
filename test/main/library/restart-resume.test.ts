/**
 * After a restart, background analysis resumes where it stopped: the queue is the store's, so a
 * new engine over the same database starts on the tracks left (it used to report idle 0/0 until
 * a scan added something), and a scan that changes nothing ("Scan now") restarts a stopped run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../../src/main/engine';
import type { AnalysisProgress } from '../../../src/shared/analysis';
import { fixtureLibrary } from '../../helpers/fixtures';

const engines: Engine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
});

function progressWhere(
  engine: Engine,
  test: (p: AnalysisProgress) => boolean,
  ms = 60_000,
): Promise<AnalysisProgress> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(
        new Error(
          `analysis progress never matched; last ${JSON.stringify(engine.analysis.progress())}`,
        ),
      );
    }, ms);
    const off = engine.events.on('analysis.progress', (p) => {
      if (!test(p)) return;
      clearTimeout(timer);
      off();
      resolve(p);
    });
  });
}

describe('analysis after a restart', () => {
  it('resumes on start with the tracks left, and a scan that changes nothing restarts it', async () => {
    const { base, music } = fixtureLibrary({ prefix: 'encore-resume-', dropExpected: true });
    const dataDir = join(base, 'data');
    const first = await createEngine({ dataDir, workers: 1 });
    engines.push(first);
    await first.library.addRoot(music);
    const oneDone = progressWhere(first, (p) => p.done >= 1);
    await first.library.scan();
    await oneDone;
    await first.close();
    engines.length = 0;

    const left = await (async () => {
      const probe = await createEngine({ dataDir, background: false });
      try {
        return (await probe.store.features.counts()).pending;
      } finally {
        await probe.close();
      }
    })();
    expect(left).toBeGreaterThan(0);

    // A new process: nothing scanned, nothing changed — analysis picks the queue up by itself.
    const second = await createEngine({ dataDir, workers: 1 });
    engines.push(second);
    const resumed = await progressWhere(second, (p) => p.state === 'running' && p.done >= 1);
    expect(resumed.total).toBe(left);

    // Stopped (cancelled) mid-queue: "Scan now" finds nothing new, and still restarts it.
    await second.analysis.cancel();
    expect(second.analysis.progress().state).toBe('cancelled');
    const restarted = progressWhere(second, (p) => p.state === 'running');
    const summary = await second.library.scan();
    expect(summary.added + summary.updated).toBe(0);
    expect((await restarted).total).toBeGreaterThan(0);
  });
});
