/**
 * Scans larger than one walk chunk, on real folders: the walker hands its files on in chunks and
 * stays only a few chunks ahead of the scan that takes them (so a big library is never held at
 * once), and a scan that reads files while the walk goes on still adds every file once and
 * recognises a renamed folder's files as moved, whichever chunk the walk finds them in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../../src/main/engine';
import { walk } from '../../../src/main/library/walk-runner';
import { CHUNK_FILES } from '../../../src/main/library/walk';
import { tempDir } from '../../helpers/temp';
import { writeWav } from '../media/wav';

describe('the walk, handed on in chunks', () => {
  const FOLDERS = 80;
  const PER_FOLDER = 100;
  const root = tempDir('encore-walk-chunks-');

  beforeAll(() => {
    // Empty files are enough: the walk lists and stats, it does not parse.
    for (let f = 0; f < FOLDERS; f++) {
      const dir = join(root, `Album ${f}`);
      mkdirSync(dir);
      for (let i = 0; i < PER_FOLDER; i++) writeFileSync(join(dir, `${i}.mp3`), '');
      writeFileSync(join(dir, '0.lrc'), '[00:01.00]la');
      writeFileSync(join(dir, 'cover.jpg'), '');
    }
  });

  it('lists every file once, with its sidecar and folder image in the same chunk', async () => {
    const paths: string[] = [];
    for await (const chunk of walk(root, { realRoots: [root] })) {
      const images = new Map(chunk.folderImages);
      expect(chunk.files.length).toBeLessThan(CHUNK_FILES + PER_FOLDER);
      for (const f of chunk.files) {
        paths.push(f.path);
        expect(f.hasSidecar).toBe(f.path.endsWith('/0.mp3'));
        expect(images.get(join(f.path, '..'))).toBe(join(f.path, '..', 'cover.jpg'));
      }
    }
    expect(paths.length).toBe(FOLDERS * PER_FOLDER);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it('stays a few chunks ahead of a slow taker instead of listing everything at once', async () => {
    let listed = 0;
    let taken = 0;
    let furthestAhead = 0;
    const chunks = walk(root, { realRoots: [root], onProgress: (seen) => (listed = seen) });
    for await (const chunk of chunks) {
      taken += chunk.files.length;
      // A slow taker: real file-system round trips between chunks let the walker run on.
      for (const f of chunk.files.slice(0, 100)) await stat(f.path);
      furthestAhead = Math.max(furthestAhead, listed - taken);
    }
    // 4 chunks may wait untaken, plus the one being listed (chunks end at folder ends).
    expect(furthestAhead).toBeLessThanOrEqual(5 * (CHUNK_FILES + PER_FOLDER));
    expect(listed).toBeGreaterThan(5 * (CHUNK_FILES + PER_FOLDER));
  });
});

describe('a scan that reads while the walk goes on', () => {
  const FOLDERS = 30;
  const PER_FOLDER = 40;
  const base = tempDir('encore-scan-stream-');
  const music = join(base, 'Music');
  let engine: Engine;

  beforeAll(async () => {
    // Each file a different tone, so each has its own fingerprint.
    for (let f = 0; f < FOLDERS; f++) {
      mkdirSync(join(music, `Album ${f}`), { recursive: true });
      for (let i = 0; i < PER_FOLDER; i++)
        writeWav(join(music, `Album ${f}`, `${i}.wav`), {
          seconds: 0.05,
          hz: 200 + f * PER_FOLDER + i,
        });
    }
    engine = await createEngine({ dataDir: join(base, 'data'), workers: 1 });
    await engine.library.addRoot(music);
  });
  afterAll(() => engine?.close());

  it('adds every file once, then finds a renamed folder moved, not deleted and added', async () => {
    const first = await engine.library.scan();
    expect(first).toMatchObject({ added: FOLDERS * PER_FOLDER, errors: 0, removed: 0 });
    const before = new Map((await engine.store.tracks.knownFiles(1)).map((k) => [k.path, k.id]));
    expect(before.size).toBe(FOLDERS * PER_FOLDER);

    renameSync(join(music, 'Album 3'), join(music, 'Renamed 3'));
    renameSync(join(music, 'Album 27'), join(music, 'Album 27 (remaster)'));
    const second = await engine.library.scan();
    expect(second).toMatchObject({
      added: 0,
      moved: 2 * PER_FOLDER,
      removed: 0,
      unchanged: (FOLDERS - 2) * PER_FOLDER,
    });
    const after = new Map((await engine.store.tracks.knownFiles(1)).map((k) => [k.path, k.id]));
    expect(after.size).toBe(FOLDERS * PER_FOLDER);
    for (let i = 0; i < PER_FOLDER; i++) {
      expect(after.get(join(music, 'Renamed 3', `${i}.wav`))).toBe(
        before.get(join(music, 'Album 3', `${i}.wav`)),
      );
    }
  });
});
