/**
 * SIGKILL at seeded random moments during scan, analysis, embedding and feedback writes: after
 * every kill the database passes PRAGMA integrity_check and holds every acknowledged feedback
 * event; afterwards the scan resumes and completes, and the analysis queue carries on where it was.
 * (The soak script runs the same campaign with many more kills: npm run soak.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { ScanSummary } from '../../src/shared/library';
import { createEngine } from '../../src/main/engine';
import { tempDir } from '../helpers/temp';
import { buildCorpus } from './mutate';
import { fixtureSources, unaccounted } from './corpus';
import { killCampaign, runToEnd, type KillRecord } from './kill';

const TINY_MODEL = resolve(__dirname, '../fixtures/models/tiny-bert');
const SEED = 0xdead_0007;
// Two rounds of the four phases: enough to hit each twice, within the suite's time budget.
const KILLS = 8;

const records: KillRecord[] = [];
afterAll(() => {
  const mid = records.filter((r) => r.killedMidWork).length;
  console.info(`sigkill: ${records.length} kills (${mid} mid-work), seed ${SEED}`);
});

describe('SIGKILL during scan, analysis, embedding and feedback', () => {
  it('keeps the database sound and every acknowledged event, and the scan completes after', async () => {
    const dataDir = tempDir('encore-kill-data-');
    const root = tempDir('encore-kill-lib-');
    const corpus = buildCorpus(root, fixtureSources(), {
      seed: SEED,
      randomCuts: 2,
      flipVariants: 2,
    });
    // A first, complete scan gives feedback and analysis something to work on.
    await runToEnd<ScanSummary>(['scan', dataDir, root]);

    await killCampaign({
      dataDir,
      root,
      files: corpus.files,
      modelDir: TINY_MODEL,
      seed: SEED,
      kills: KILLS,
      onKill: (r) => records.push(r),
    });
    for (const r of records) {
      expect(r.integrity, `kill ${r.iteration} (${r.phase} +${r.delayMs} ms)`).toBe('ok');
      expect(r.lost, `kill ${r.iteration} (${r.phase})`).toEqual([]);
    }
    expect(records.at(-1)?.acked ?? 0).toBeGreaterThan(0);
    // Kills must land while the child works, or the test proves little. Feedback never stops
    // and analysis of the corpus takes far longer than its window, so those always do; whether
    // a scan or an embedding pass finished inside its window depends on the machine.
    const mid = new Set(records.filter((r) => r.killedMidWork).map((r) => r.phase));
    expect(mid.has('feedback') && mid.has('analyse')).toBe(true);

    // Resume: the next scan completes and finds every file.
    const summary = await runToEnd<ScanSummary>(['scan', dataDir, root]);
    expect(summary.cancelled).toBe(false);
    const engine = await createEngine({ dataDir, workers: 1 });
    try {
      await engine.meaning.configure({ offline: true });
      await engine.analysis.cancel();
      const expected = corpus.files.length + corpus.rawNameFiles.length;
      const stats = await engine.store.tracks.stats();
      expect(stats.tracks + stats.errors).toBe(expected);
      expect(await unaccounted(engine, corpus.files)).toEqual([]);
      // Analysis work done before the kills stayed written (each scan phase touches every file,
      // so those rows may be out of date now and their tracks queued again); every present track
      // is counted exactly once: analysed, failed, unanalysable or still queued — none lost.
      const ids = (await engine.store.tracks.list({ present: true })).map((t) => t.id);
      expect((await engine.store.features.getMany(ids)).length).toBeGreaterThan(0);
      const counts = await engine.store.features.counts();
      const present = ids.length;
      expect(counts.ok + counts.failed + counts.unanalysable + counts.pending).toBe(present);
      expect(await engine.store.integrityCheck()).toBe('ok');
    } finally {
      await engine.close();
    }
  }, 300_000);
});
