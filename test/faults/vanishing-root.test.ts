/**
 * A library root that disappears in the middle of a scan (a drive unplugged, a share unmounted, a
 * folder moved away) and comes back: the library is not wiped, and once it is back the tracks
 * return with their ids and their listening history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renameSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../src/main/engine';
import { tempDir } from '../helpers/temp';
import { copiedAlbums, expectRestored, firstScanWithHistory, scanPulling } from './pulled-root';

// Enough files that the reading phase lasts long enough to pull the folder out from under it.
const COPIES = 30;

let engine: Engine;
let base: string;
let root: string;
const files: string[] = [];

beforeAll(async () => {
  base = tempDir('encore-vanish-');
  root = join(base, 'Music');
  files.push(...copiedAlbums(root, COPIES));
  engine = await createEngine({ dataDir: tempDir('encore-vanish-data-'), workers: 1 });
  await engine.meaning.configure({ offline: true });
  await engine.library.addRoot(root);
});

afterAll(async () => {
  await engine?.close();
});

/** Moves the root away, as a folder moved or a share gone. */
function moveAway(): boolean {
  renameSync(root, `${root}.away`);
  return true;
}

describe('a root that vanishes mid-scan', () => {
  it('keeps every track and its history, and restores them when the folder returns', async () => {
    const scanned = await firstScanWithHistory(engine, files, 50, 'complete');

    const { pulled, summary } = await scanPulling(engine, files, 40, moveAway);
    expect(pulled).toBe(true);
    // At the end of that very scan: the folder is unavailable, its tracks missing, nothing
    // deleted, and the summary's counts agree with `stats` and `tracks --errors`.
    expect(summary.unavailableRoots).toEqual([root]);
    expect(summary.removed).toBe(0);
    const during = await engine.store.tracks.stats();
    expect(during.tracks + during.errors).toBe(files.length);
    expect(during.missing).toBe(during.tracks);
    expect(during.errors).toBe(summary.errors);
    expect((await engine.store.tracks.errors()).length).toBe(summary.errors);
    expect((await engine.library.roots()).find((r) => r.path === root)?.status).toBe('missing');
    const away = await engine.library.scan();
    expect(away.removed).toBe(0);
    expect(away.unavailableRoots).toEqual([root]);

    renameSync(`${root}.away`, root);
    await engine.library.scan();
    await expectRestored(engine, files, scanned);
  });
});
