/**
 * Symlinks and the edge of the library, on real folders and real links: a link whose real path
 * lies inside a library root is followed; one that leads out of every root (folder or file) gives
 * no track and is named in the scan summary; and the media responder plays every track the scan
 * lists, since both decide "inside" by the same realpath test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../../src/main/engine';
import { MediaResponder } from '../../../src/main/media/responder';
import { tempDir } from '../../helpers/temp';
import { writeWav } from '../media/wav';
import type { ScanSummary } from '../../../src/shared/library';

const base = tempDir('encore-links-');
const music = join(base, 'Music');
const second = join(base, 'Second');
const other = join(base, 'Other');

/** Writes a short tagged WAV at `path` (its folders made). */
function song(path: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeWav(path, { seconds: 0.2, tags: { title: path.split('/').pop() } });
}

/** The entries of the summary that name links out of the library, by path. */
function outsideNamed(summary: ScanSummary): string[] {
  return summary.unreadableFolders
    .filter((u) => /outside the library folders/.test(u.error))
    .map((u) => u.path)
    .sort();
}

describe('symlinks at the edge of the library', () => {
  let engine: Engine;
  let media: MediaResponder;
  let first: ScanSummary;

  beforeAll(async () => {
    song(join(music, 'Own', 'a.wav'));
    song(join(second, 'd.wav'));
    song(join(other, 'b.wav'));
    song(join(other, 'c.wav'));
    song(join(other, 'Sub', 'e.wav'));
    symlinkSync(join(music, 'Own', 'a.wav'), join(music, 'alias.wav')); // file, inside
    symlinkSync(second, join(music, 'to-second')); // folder, into another root
    symlinkSync(other, join(music, 'shared')); // folder, out
    symlinkSync(join(other, 'c.wav'), join(music, 'lone.wav')); // file, out
    symlinkSync(join(other, 'Sub'), join(music, 'Own', 'deeper')); // folder, out, one level down
    engine = await createEngine({ dataDir: join(base, 'data'), workers: 1 });
    media = new MediaResponder(engine.store, engine.config.dataDir);
    await engine.library.addRoot(music);
    await engine.library.addRoot(second);
    first = await engine.library.scan();
  });
  afterAll(() => engine?.close());

  it('lists the files behind links inside the roots, and nothing behind links that lead out', async () => {
    const paths = (await engine.store.tracks.list()).map((t) => t.path).sort();
    expect(paths).toEqual(
      [
        join(music, 'Own', 'a.wav'),
        join(music, 'alias.wav'),
        join(music, 'to-second', 'd.wav'),
        join(second, 'd.wav'),
      ].sort(),
    );
    expect(first.errors).toBe(0);
  });

  it('names each link that leads out in the scan summary, with where it leads', () => {
    expect(outsideNamed(first)).toEqual(
      [join(music, 'Own', 'deeper'), join(music, 'lone.wav'), join(music, 'shared')].sort(),
    );
    const shared = first.unreadableFolders.find((u) => u.path === join(music, 'shared'));
    expect(shared?.error).toContain(other);
  });

  it('plays every track the scan lists (the media responder agrees on what is inside)', async () => {
    const tracks = await engine.store.tracks.list();
    expect(tracks.length).toBeGreaterThan(0);
    for (const t of tracks) {
      const reply = await media.track({ method: 'HEAD', range: null }, String(t.id));
      expect(reply.status, t.path).toBe(200);
    }
  });

  it('reads nothing when asked to rescan a folder below a link that leads out', async () => {
    const summary = await engine.library.scan({ folders: [join(music, 'shared')] });
    expect(summary.added).toBe(0);
    expect(outsideNamed(summary)).toEqual([join(music, 'shared')]);
    const paths = (await engine.store.tracks.list()).map((t) => t.path);
    expect(paths.filter((p) => p.startsWith(join(music, 'shared')))).toEqual([]);
  });

  it('keeps the tracks of a link that comes to lead out as missing, and brings them back when its target is added', async () => {
    const link = join(music, 'moving.wav');
    symlinkSync(join(second, 'd.wav'), link);
    await engine.library.scan();
    const before = (await engine.store.tracks.list()).find((t) => t.path === link);
    expect(before?.missing).toBe(false);

    rmSync(link);
    symlinkSync(join(other, 'b.wav'), link);
    const out = await engine.library.scan();
    expect(out.removed).toBe(0);
    expect(outsideNamed(out)).toContain(link);
    const hidden = (await engine.store.tracks.list()).find((t) => t.path === link);
    expect(hidden?.missing).toBe(true);
    expect((await media.track({ method: 'HEAD', range: null }, String(hidden?.id))).status).toBe(
      404,
    );

    await engine.library.addRoot(other);
    const back = await engine.library.scan({ roots: [music] });
    expect(outsideNamed(back)).toEqual([]);
    const again = (await engine.store.tracks.list()).find((t) => t.path === link);
    expect(again?.id).toBe(before?.id);
    expect(again?.missing).toBe(false);
    expect((await media.track({ method: 'HEAD', range: null }, String(again?.id))).status).toBe(
      200,
    );
  });
});
