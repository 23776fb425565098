/**
 * A library root that disappears in the middle of a scan (a drive unplugged, a share unmounted, a
 * folder moved away) and comes back: the library is not wiped, and once it is back the tracks
 * return with their ids and their listening history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, renameSync, utimesSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createEngine, type Engine } from '../../src/main/engine';
import { tempDir } from '../helpers/temp';
import type { ScanSummary } from '../../src/shared/library';
import { fixtureSources } from './corpus';

// Enough files that the reading phase lasts long enough to pull the folder out from under it.
const COPIES = 30;

let engine: Engine;
let base: string;
let root: string;
const files: string[] = [];

beforeAll(async () => {
  base = tempDir('encore-vanish-');
  root = join(base, 'Music');
  const sources = fixtureSources();
  for (let c = 0; c < COPIES; c++) {
    const dir = join(root, `Album ${c}`);
    mkdirSync(dir, { recursive: true });
    sources.forEach((s, i) => {
      const dest = join(dir, `${i} ${basename(s)}`);
      copyFileSync(s, dest);
      files.push(dest);
    });
  }
  engine = await createEngine({ dataDir: tempDir('encore-vanish-data-'), workers: 1 });
  await engine.meaning.configure({ offline: true });
  await engine.library.addRoot(root);
});

afterAll(async () => {
  await engine?.close();
});

/** Touches every file, so the next scan has to read them all again. */
function touchAll(seconds: number): void {
  const at = new Date(Date.now() + seconds * 1000);
  for (const f of files) utimesSync(f, at, at);
}

/** Scans, moving the root away once `after` files have been read; returns the summary. */
async function scanAndPull(after: number): Promise<{ pulled: boolean; summary: ScanSummary }> {
  let pulled = false;
  const off = engine.events.on('scan.progress', (p) => {
    if (!pulled && p.phase === 'reading' && p.done >= after) {
      renameSync(root, `${root}.away`);
      pulled = true;
    }
  });
  try {
    const summary = await engine.library.scan();
    return { pulled, summary };
  } finally {
    off();
  }
}

describe('a root that vanishes mid-scan', () => {
  it('keeps every track and its history, and restores them when the folder returns', async () => {
    const first = await engine.library.scan();
    expect(first.added).toBe(files.length);
    const before = await engine.store.tracks.list();
    const idByPath = new Map(before.map((t) => [t.path, t.id]));
    for (const t of before.slice(0, 50)) {
      await engine.recommend.record({
        trackId: t.id,
        kind: 'complete',
        sessionId: 'history',
        source: 'library',
      });
    }
    const history = await engine.store.feedback.since(0);

    touchAll(10);
    const { pulled, summary } = await scanAndPull(40);
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
    const after = await engine.store.tracks.list({ present: true });
    expect(after.length).toBe(files.length);
    for (const t of after) expect(t.id).toBe(idByPath.get(t.path));
    expect(await engine.store.tracks.errors()).toEqual([]);
    const kept = await engine.store.feedback.since(0);
    expect(kept.map((e) => e.id)).toEqual(history.map((e) => e.id));
    expect(await engine.store.integrityCheck()).toBe('ok');
  });
});
