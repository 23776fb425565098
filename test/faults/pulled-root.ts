/**
 * What the tests of a library root that goes away mid-scan (a folder moved away, a drive
 * unmounted) share: a library of many copied albums, so reading lasts long enough to pull the
 * root from under it; a listening history on it; and the check that once the root is back every
 * track returns with its id and its history.
 */
import { expect } from 'vitest';
import { copyFileSync, mkdirSync, utimesSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Engine } from '../../src/main/engine';
import type { ScanSummary } from '../../src/shared/library';
import type { FeedbackKind } from '../../src/shared/recommend';
import { fixtureSources } from './corpus';

/** `copies` album folders under `dir`, each a copy of every fixture recording; returns the files. */
export function copiedAlbums(dir: string, copies: number): string[] {
  const files: string[] = [];
  const sources = fixtureSources();
  for (let c = 0; c < copies; c++) {
    const album = join(dir, `Album ${c}`);
    mkdirSync(album, { recursive: true });
    sources.forEach((s, i) => {
      const dest = join(album, `${i} ${basename(s)}`);
      copyFileSync(s, dest);
      files.push(dest);
    });
  }
  return files;
}

export interface ScannedWithHistory {
  /** Track id by path after the first scan. */
  idByPath: Map<string, number>;
  /** The feedback event ids recorded, in order. */
  history: number[];
}

/** The first scan (every file a track), then one `kind` event on each of the first `count` tracks. */
export async function firstScanWithHistory(
  engine: Engine,
  files: string[],
  count: number,
  kind: FeedbackKind,
): Promise<ScannedWithHistory> {
  const first = await engine.library.scan();
  expect(first.added).toBe(files.length);
  const before = await engine.store.tracks.list();
  for (const t of before.slice(0, count)) {
    await engine.recommend.record({ trackId: t.id, kind, sessionId: 'history', source: 'library' });
  }
  const history = (await engine.store.feedback.since(0)).map((e) => e.id);
  return { idByPath: new Map(before.map((t) => [t.path, t.id])), history };
}

/** Back as before: every file present under its old id, no errors, the same history, sound. */
export async function expectRestored(
  engine: Engine,
  files: string[],
  { idByPath, history }: ScannedWithHistory,
): Promise<void> {
  const back = await engine.store.tracks.list({ present: true });
  expect(back.length).toBe(files.length);
  for (const t of back) expect(t.id).toBe(idByPath.get(t.path));
  expect(await engine.store.tracks.errors()).toEqual([]);
  expect((await engine.store.feedback.since(0)).map((e) => e.id)).toEqual(history);
  expect(await engine.store.integrityCheck()).toBe('ok');
}

/**
 * A scan during which `pull` takes the root away once `after` files have been read (it returns
 * whether the root went); the scan's summary and whether it did. Every file gets a new mtime
 * first, so that the scan has them all to read again.
 */
export async function scanPulling(
  engine: Engine,
  files: string[],
  after: number,
  pull: () => boolean,
): Promise<{ pulled: boolean; summary: ScanSummary }> {
  const at = new Date(Date.now() + 10_000);
  for (const f of files) utimesSync(f, at, at);
  let pulled = false;
  const off = engine.events.on('scan.progress', (p) => {
    if (!pulled && p.phase === 'reading' && p.done >= after) pulled = pull();
  });
  try {
    return { summary: await engine.library.scan(), pulled };
  } finally {
    off();
  }
}
