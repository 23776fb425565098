// The cover collector during a scan: an album's embedded picture is written to the cover cache
// as soon as the track that brought it is noted (so the scan holds no pictures until its end),
// and finish() links every track of the album to it; a picture that cannot be written fails
// finish(), as it did when pictures were written there, and is never an unhandled rejection.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Store } from '../../../src/main/store/index';
import { CoverCache } from '../../../src/main/library/cover-cache';
import { CoverCollector } from '../../../src/main/library/cover-collector';
import { trackFields } from '../../helpers/tracks';
import { tempDir } from '../../helpers/temp';
import type { ScannedFile } from '../../../src/main/store/tracks';

// Any bytes do: the cache stores what it is given under the hash of it.
const picture = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7) % 256);
const hash = createHash('sha256').update(picture).digest('hex');

async function albumOfThree(store: Store): Promise<{ files: ScannedFile[]; ids: number[] }> {
  const root = await store.roots.add('/music');
  const files = [1, 2, 3].map((n) => ({
    fields: trackFields(root.id, {
      path: `/music/Album/0${n}.mp3`,
      artist: 'Artist',
      album: 'Album',
      title: `Song ${n}`,
    }),
    lyrics: null,
  }));
  return { files, ids: await store.tracks.writeScanned(files) };
}

/** A collector on a fresh store and cache, with the album of three tracks written. */
async function collectorOnStore(beforeLoad?: (cache: CoverCache) => void) {
  const dataDir = tempDir();
  const store = await Store.open(dataDir);
  const cache = new CoverCache(dataDir, store.covers);
  beforeLoad?.(cache);
  const collector = new CoverCollector(store, cache, new Map());
  await collector.load();
  return { store, cache, collector, ...(await albumOfThree(store)) };
}

/** Waits, a turn of the event loop at a time, until `done()` holds (at most ~10,000 turns). */
async function until(done: () => boolean): Promise<boolean> {
  for (let i = 0; i < 10_000 && !done(); i++) await nextTurn();
  return done();
}

describe('the cover collector', () => {
  it("writes an album's embedded picture when it is noted, and links the album's tracks to it", async () => {
    const { store, cache, collector, files, ids } = await collectorOnStore();

    collector.noteTrack(ids[0], files[0], null);
    collector.noteTrack(ids[1], files[1], { data: picture, mime: 'image/jpeg' });
    collector.noteTrack(ids[2], files[2], null);
    const cached = join(cache.dir, `${hash}.jpg`);
    // In the cache before the scan ends, byte for byte.
    expect(await until(() => existsSync(cached))).toBe(true);
    expect(new Uint8Array(readFileSync(cached))).toEqual(picture);

    await collector.finish(new AbortController().signal);
    const tracks = await store.tracks.getMany(ids);
    expect(tracks.map((t) => t.coverHash)).toEqual([hash, hash, hash]);
    await store.close();
  });

  it('writes a picture two albums share once, when both bring it at the same time', async () => {
    const { store, collector, files, ids } = await collectorOnStore();
    const other = {
      ...files[0],
      fields: { ...files[0].fields, album: 'Other Album', path: '/music/Other/01.mp3' },
    };
    const [otherId] = await store.tracks.writeScanned([other]);
    collector.noteTrack(ids[0], files[0], { data: picture, mime: 'image/jpeg' });
    collector.noteTrack(otherId, other, { data: picture, mime: 'image/jpeg' });
    await collector.finish(new AbortController().signal);
    const tracks = await store.tracks.getMany([ids[0], otherId]);
    expect(tracks.map((t) => t.coverHash)).toEqual([hash, hash]);
    await store.close();
  });

  it('fails finish() when the picture cannot be written', async () => {
    // A file where the cache's folder should be: the picture cannot be written.
    const { store, collector, files, ids } = await collectorOnStore((cache) =>
      writeFileSync(cache.dir, ''),
    );
    collector.noteTrack(ids[0], files[0], { data: picture, mime: 'image/jpeg' });
    // Turns for the write to fail in before finish() awaits it (unhandled, it would fail the run).
    for (let i = 0; i < 100; i++) await nextTurn();
    await expect(collector.finish(new AbortController().signal)).rejects.toThrow(/EEXIST|ENOTDIR/);
    await store.close();
  });
});
