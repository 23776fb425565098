/**
 * Every file of the shared music-metadata sample corpus (225 odd, tagged, truncated and broken
 * files in ~35 formats) goes through the analyser: the run finishes, every file gets a row, and
 * each file that cannot be analysed is recorded with a reason. No durations are given, so every
 * file takes the decode-whole path (the scanner is not part of this test).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Analyser } from '../../../src/main/analysis/analyser';
import { EventBus } from '../../../src/main/events';
import { Store } from '../../../src/main/store/index';
import { addTracks } from '../../helpers/tracks';
import { describeOrSkip } from '../../helpers/skip';
import { tempDir } from '../../helpers/temp';

const CORPUS = join(__dirname, '../../../../shared/corpus/music-metadata-samples');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const noCorpus = existsSync(CORPUS) ? null : `no sample corpus at ${CORPUS}`;
describeOrSkip(noCorpus)('music-metadata sample corpus', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(tempDir('encore-analysis-corpus-'));
  });
  afterAll(async () => store?.close());

  it('analyses every file or records why it could not', { timeout: 900_000 }, async () => {
    const files = walk(CORPUS).sort();
    expect(files.length).toBeGreaterThanOrEqual(200);
    const ids = await addTracks(
      store,
      CORPUS,
      files.map((path) => ({ path, durationS: null })),
    );
    // 30 s per file: the largest is 2.3 MB; a decoder that loops forever is cut off.
    const analyser = new Analyser({
      store,
      events: new EventBus(),
      workers: 1,
      auto: false,
      timeoutMs: 30_000,
    });
    const summary = await analyser.start();
    await analyser.close();
    expect(summary.done).toBe(files.length);
    const rows = await store.features.getMany(ids);
    expect(rows).toHaveLength(files.length);
    const byStatus: Record<string, number> = {};
    const notOk: string[] = [];
    rows.forEach((row, i) => {
      byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
      if (row.status === 'ok') {
        expect(Number.isFinite(row.loudnessLufs)).toBe(true);
        expect(row.mfccMean).toHaveLength(13);
      } else {
        expect(row.error, relative(CORPUS, files[i])).toMatch(/\w{3}/);
        notOk.push(`${row.status}: ${relative(CORPUS, files[i])}: ${row.error?.slice(0, 140)}`);
      }
    });
    const okExt = new Set(
      files.filter((_, i) => rows[i].status === 'ok').map((f) => f.split('.').pop()?.toLowerCase()),
    );
    console.log(
      `corpus: ${JSON.stringify(byStatus)}, ok formats: ${[...okExt].join(' ')}\n${notOk.join('\n')}`,
    );
    // Many samples are sub-second test fixtures; but each main format has real audio that must analyse.
    for (const ext of ['mp3', 'flac', 'wav', 'aiff', 'ogg', 'opus', 'm4a', 'wma', 'wv'])
      expect(okExt, ext).toContain(ext);
    expect((await store.features.counts()).pending).toBe(0);
  });
});
