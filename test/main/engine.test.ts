/** The composition root's own wiring: what the player reports reaches storage and analysis. */
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../../src/main/engine';
import { emptyPlayerState } from '../../src/shared/app-state';
import { tempDir } from '../helpers/temp';
import { cadence, writeWav } from './analysis/signals';

describe('engine.savePlayer', () => {
  it('keeps the state for resume and has analysis take the coming tracks first', async () => {
    const base = tempDir();
    const music = join(base, 'Music', 'Artist', 'Album');
    mkdirSync(music, { recursive: true });
    for (let i = 1; i <= 4; i++)
      writeWav(join(music, `0${i} - Song ${i}.wav`), [cadence('C', 'major', 12)]);
    const engine = await createEngine({ dataDir: join(base, 'data') });
    try {
      // Scan without the background analyser racing the test: stop it, then drive it by hand.
      await engine.library.addRoot(join(base, 'Music'));
      await engine.library.scan();
      await engine.analysis.cancel();
      const ids = (await engine.store.tracks.list({ sort: 'title' })).map((t) => t.id);
      expect(ids).toHaveLength(4);
      const upcoming = [ids[3], ids[2]];
      const state = { ...emptyPlayerState, queue: [ids[0], ...upcoming], index: 1, playing: true };
      await engine.savePlayer(state);

      expect(await engine.store.appState.player()).toMatchObject({ queue: state.queue, index: 1 });
      await engine.analysis.start({ limit: 2 });
      const analysed = (await engine.store.features.getMany(ids)).map((f) => f.trackId);
      expect(analysed.sort()).toEqual([...upcoming].sort());
    } finally {
      await engine.close();
    }
  });
});
