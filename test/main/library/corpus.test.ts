/**
 * The real-world sample corpus (225 odd, old and broken files from the music-metadata project):
 * a scan finishes, never throws, and every audio file ends up as a track or a recorded error.
 */
import { expect, it } from 'vitest';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../../../src/main/engine';
import { isAudioPath } from '../../../src/main/library/formats';
import { describeOrSkip } from '../../helpers/skip';
import { tempDir } from '../../helpers/temp';

const CORPUS = join(__dirname, '../../../../shared/corpus/music-metadata-samples');

function audioFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    const s = statSync(full);
    if (s.isDirectory()) return audioFiles(full);
    return s.isFile() && isAudioPath(full) ? [full] : [];
  });
}

const noCorpus = existsSync(CORPUS) ? null : `no sample corpus at ${CORPUS}`;
describeOrSkip(noCorpus)('scan of the sample corpus', () => {
  it('accounts for every audio file as a track or an error, with a reason', async () => {
    const engine = await createEngine({ dataDir: tempDir() });
    try {
      await engine.library.addRoot(CORPUS);
      const summary = await engine.library.scan();
      const expected = audioFiles(CORPUS);
      expect(expected.length).toBeGreaterThan(150);
      expect(summary.added + summary.errors).toBe(expected.length);

      const tracks = new Set((await engine.store.tracks.list()).map((t) => t.path));
      const errors = await engine.store.tracks.errors();
      for (const e of errors) expect(e.error.length, e.path).toBeGreaterThan(3);
      const accounted = new Set([...tracks, ...errors.map((e) => e.path)]);
      expect([...expected].filter((p) => !accounted.has(p))).toEqual([]);
      // Most of the corpus is odd but readable: a scanner that gave up on everything would fail here.
      expect(tracks.size).toBeGreaterThan(expected.length * 0.8);
      expect(await engine.store.integrityCheck()).toBe('ok');
    } finally {
      await engine.close();
    }
  });
});
