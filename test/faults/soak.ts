/**
 * The soak run behind `npm run soak` (scripts/fault-soak.js bundles and starts it): the same
 * checks as the fault tests, at a size the test suite cannot afford — a mutation corpus of the
 * benchmark library's real recordings scanned and (a seeded sample) analysed, and a long SIGKILL
 * campaign. Prints one JSON object with every count; the numbers go into docs/reliability.md.
 *
 *   node soak.mjs --real /tmp/encore-bench/real --kills 100 --seed 7 --analyse 150
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '../../src/main/engine';
import { buildCorpus, prng } from './mutate';
import { audioFiles, fixtureSources, rssSampler, unaccounted } from './corpus';
import { killCampaign, runToEnd } from './kill';

const { values } = parseArgs({
  options: {
    real: { type: 'string', default: '/tmp/encore-bench/real' },
    fixtures: { type: 'string', default: resolve('test/fixtures/library') },
    model: { type: 'string', default: resolve('test/fixtures/models/tiny-bert') },
    kills: { type: 'string', default: '100' },
    seed: { type: 'string', default: '7' },
    analyse: { type: 'string', default: '150' },
    'max-source-mb': { type: 'string', default: '5' },
  },
});
const seed = Number(values.seed);
const work = mkdtempSync(join(tmpdir(), 'encore-soak-'));
const report: Record<string, unknown> = { seed, machine: process.arch, node: process.version };

async function mutationSoak(): Promise<void> {
  const maxBytes = Number(values['max-source-mb']) * 1024 * 1024;
  const sources = audioFiles(values.real)
    .filter((p) => statSync(p).size <= maxBytes)
    .sort();
  const root = join(work, 'corpus');
  const corpus = buildCorpus(root, sources, { seed, randomCuts: 8, flipVariants: 10, depth: 60 });
  const engine = await createEngine({
    dataDir: join(work, 'corpus-data'),
    workers: 1,
    parseTimeoutMs: 5000,
  });
  try {
    await engine.meaning.configure({ offline: true });
    await engine.library.addRoot(root);
    const rss = rssSampler();
    const started = Date.now();
    const summary = await engine.library.scan();
    await engine.analysis.cancel();
    const scanS = (Date.now() - started) / 1000;
    const errors = await engine.store.tracks.errors(1_000_000);
    const timeouts = errors.filter((e) => /timed out|timeout/i.test(e.error)).length;
    // Analyse a seeded sample of the readable mutations (all of them would take hours).
    const tracks = await engine.store.tracks.list();
    const rand = prng(seed);
    const sample = tracks
      .map((t) => ({ t, k: rand() }))
      .sort((a, b) => a.k - b.k)
      .slice(0, Number(values.analyse))
      .map((x) => x.t.id);
    engine.analysis.prioritise(sample);
    const analysed = await engine.analysis.start({ limit: sample.length });
    report.mutation = {
      sources: sources.length,
      files: corpus.files.length + corpus.rawNameFiles.length,
      kinds: corpus.kinds,
      tracks: tracks.length,
      errors: errors.length,
      timeouts,
      unaccounted: (await unaccounted(engine, corpus.files)).length,
      scanSeconds: scanS,
      summary,
      analysis: analysed,
      peakRssMb: Math.round(rss.stop()),
      integrity: await engine.store.integrityCheck(),
    };
  } finally {
    await engine.close();
  }
}

async function killSoak(): Promise<void> {
  const dataDir = join(work, 'kill-data');
  const root = join(work, 'kill-lib');
  const corpus = buildCorpus(root, fixtureSources(), { seed, randomCuts: 6, flipVariants: 6 });
  await runToEnd(['scan', dataDir, root]);
  const byPhase: Record<string, { kills: number; midWork: number; bad: number }> = {};
  const records = await killCampaign({
    dataDir,
    root,
    files: corpus.files,
    modelDir: values.model,
    seed,
    kills: Number(values.kills),
    onKill: (r) => {
      const p = (byPhase[r.phase] ??= { kills: 0, midWork: 0, bad: 0 });
      p.kills++;
      if (r.killedMidWork) p.midWork++;
      if (r.integrity !== 'ok' || r.lost.length > 0) p.bad++;
      process.stderr.write(
        `kill ${r.iteration} ${r.phase} +${r.delayMs}ms ${r.integrity} lost=${r.lost.length}\n`,
      );
    },
  });
  const final = await runToEnd<{ cancelled: boolean }>(['scan', dataDir, root]);
  const engine = await createEngine({ dataDir, workers: 1 });
  try {
    await engine.meaning.configure({ offline: true });
    await engine.analysis.cancel();
    const stats = await engine.store.tracks.stats();
    report.kills = {
      kills: records.length,
      byPhase,
      acked: records.at(-1)?.acked ?? 0,
      lost: records.reduce((n, r) => n + r.lost.length, 0),
      integrityFailures: records.filter((r) => r.integrity !== 'ok').length,
      finalScanCompleted: !final.cancelled,
      files: corpus.files.length + corpus.rawNameFiles.length,
      accounted: stats.tracks + stats.errors,
      unaccounted: (await unaccounted(engine, corpus.files)).length,
      integrity: await engine.store.integrityCheck(),
    };
  } finally {
    await engine.close();
  }
}

try {
  await mutationSoak();
  await killSoak();
  console.log(JSON.stringify(report, null, 2));
} finally {
  rmSync(work, { recursive: true, force: true });
}
