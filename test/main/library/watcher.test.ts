/** Watching: files copied into, renamed in and deleted from a watched root reach the library. */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, rmSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../../src/main/engine';
import type { LibraryChange } from '../../../src/shared/library';
import { tempDir } from '../../helpers/temp';

const FIXTURES = join(__dirname, '../../fixtures/library');

function nextChange(engine: Engine, ms = 20_000): Promise<LibraryChange> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error('no library change seen'));
    }, ms);
    const off = engine.events.on('library.changed', (change) => {
      clearTimeout(timer);
      off();
      resolve(change);
    });
  });
}

describe('library watcher', () => {
  it('adds a copied-in album and drops a deleted one without a manual scan', async () => {
    const base = tempDir();
    const music = join(base, 'Music');
    mkdirSync(music);
    cpSync(join(FIXTURES, 'Aurora Lane'), join(music, 'Aurora Lane'), { recursive: true });
    const engine = await createEngine({ dataDir: join(base, 'data') });
    try {
      await engine.library.addRoot(music);
      await engine.library.scan();
      const before = (await engine.store.tracks.stats()).tracks;
      await engine.library.watch();
      // chokidar needs a moment to set up its watches before it can report anything.
      await new Promise((r) => setTimeout(r, 500));

      const added = nextChange(engine);
      const album = join(music, 'Copper Fields');
      cpSync(join(FIXTURES, 'Copper Fields'), album, { recursive: true });
      const change = await added;
      expect(change.added.length).toBeGreaterThan(0);
      expect((await engine.store.tracks.stats()).tracks).toBe(before + change.added.length);

      const removed = nextChange(engine);
      rmSync(album, { recursive: true });
      expect((await removed).removed.length).toBe(change.added.length);
      expect((await engine.store.tracks.stats()).tracks).toBe(before);

      const single = nextChange(engine);
      copyFileSync(
        join(FIXTURES, 'Aurora Lane/Aurora (Single)/01 - Aurora.mp3'),
        join(music, 'loose.mp3'),
      );
      expect((await single).added).toHaveLength(1);
    } finally {
      await engine.close();
    }
  });
});
