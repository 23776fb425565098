/**
 * Disk full at start-up: the data dir lives on a small tmpfs, scanned, then filled to the last
 * byte. A new engine still opens the existing database — read-only — and answers reads (search,
 * Up Next, playback of a track), refuses writes saying the disk is full (not `SQLITE_IOERR … in:
 * PRAGMA journal_mode=WAL`), and writes again once it is reopened with space. Mounting needs root
 * (CI runs as root); elsewhere the test is skipped and says why.
 */
import { beforeAll, expect, it } from 'vitest';
import { mkdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../../src/main/engine';
import { MediaResponder } from '../../src/main/media/responder';
import { createHandlers } from '../../src/main/ipc/handlers';
import { describeOrSkip } from '../helpers/skip';
import { FIXTURES } from './corpus';
import { runToEnd } from './kill';
import { mountTmpfs } from './tmpfs';

// Room for the schema, the scanned fixture library and its covers, with space left to fill.
const TMPFS_SIZE = '8m';

const { mountPoint, whyNot } = mountTmpfs('encore-fullstart-', TMPFS_SIZE);

/** Fills the file system to the last block (a second file takes what the first left). */
function fill(dir: string): void {
  for (let i = 0; i < 3; i++) {
    const { bavail, bsize } = statfsSync(dir);
    if (bavail === 0) return;
    try {
      writeFileSync(join(dir, `filler-${i}`), Buffer.alloc(bavail * bsize));
    } catch {
      // ENOSPC part way: the space is taken either way.
    }
  }
}

describeOrSkip(whyNot)('disk full at start-up', () => {
  const dataDir = join(mountPoint, 'data');

  beforeAll(async () => {
    mkdirSync(dataDir);
    await runToEnd(['scan', dataDir, FIXTURES]);
    fill(mountPoint);
  });

  it('opens read-only, answers reads, and says "disk full" for writes', async () => {
    expect(statfsSync(mountPoint).bavail).toBe(0);
    const engine = await createEngine({ dataDir, background: false, workers: 1 });
    try {
      expect(engine.store.readOnly).toMatch(/disk full/i);
      // The UI learns it from app.info and says so in the header.
      const handlers = createHandlers(engine, {
        version: '0',
        platform: 'linux',
        osLanguage: 'en',
        musicFolder: null,
      });
      expect((await handlers['app.info']({})).readOnly).toMatch(/disk full/i);
      const tracks = await engine.store.tracks.summaries();
      expect(tracks.length).toBeGreaterThan(0);
      expect((await engine.store.tracks.search(tracks[0].title)).length).toBeGreaterThan(0);
      expect(
        (await engine.recommend.upNext({ sessionId: 'full', count: 3 })).length,
      ).toBeGreaterThan(0);
      const media = new MediaResponder(engine.store, engine.config.dataDir);
      const reply = await media.track({ method: 'GET', range: 'bytes=0-99' }, String(tracks[0].id));
      expect(reply?.status).toBe(206);
      await expect(
        engine.recommend.record({
          trackId: tracks[0].id,
          kind: 'play',
          sessionId: 'full',
          source: 'library',
        }),
      ).rejects.toThrow(/disk (is )?full/i);
    } finally {
      await engine.close();
    }

    // Space freed: the next start writes again.
    for (let i = 0; i < 3; i++) rmSync(join(mountPoint, `filler-${i}`), { force: true });
    const again = await createEngine({ dataDir, background: false, workers: 1 });
    try {
      expect(again.store.readOnly).toBeNull();
      const [first] = await again.store.tracks.summaries();
      const recorded = await again.recommend.record({
        trackId: first.id,
        kind: 'play',
        sessionId: 'space',
        source: 'library',
      });
      expect(recorded.id).toBeGreaterThan(0);
    } finally {
      await again.close();
    }
  });
});
