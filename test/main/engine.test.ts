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
    // No background analysis after the scan (it could analyse a track before the test stops
    // it): the test drives the analyser by hand.
    const engine = await createEngine({ dataDir: join(base, 'data'), background: false });
    try {
      await engine.library.addRoot(join(base, 'Music'));
      await engine.library.scan();
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

describe('engine.playerState', () => {
  it('gives back the newest saved state even while its write waits behind other work', async () => {
    const engine = await createEngine({ dataDir: join(tempDir(), 'data') });
    try {
      const paused = { ...emptyPlayerState, queue: [1, 2], index: 1, positionS: 42 };
      await engine.savePlayer({ ...emptyPlayerState, queue: [1], index: 0, positionS: 5 });
      // A long write (a scan batch, an analysis batch) holds the database's one writer.
      let release = (): void => {};
      let begun = (): void => {};
      const holding = new Promise<void>((r) => (begun = r));
      const held = engine.store.db.transaction(
        () =>
          new Promise<void>((r) => {
            release = r;
            begun();
          }),
      );
      await holding;
      const saved = engine.savePlayer(paused);
      let got;
      try {
        got = await engine.playerState();
      } finally {
        release();
        await Promise.all([held, saved]);
      }
      expect(got).toEqual(paused);
      expect(await engine.store.appState.player()).toMatchObject({ index: 1, positionS: 42 });
    } finally {
      await engine.close();
    }
  });
});

describe('the "analyse the music" setting', () => {
  it('keeps background analysis off across a restart until it is turned on again', async () => {
    const base = tempDir();
    const music = join(base, 'Music', 'Artist', 'Album');
    mkdirSync(music, { recursive: true });
    writeWav(join(music, '01 - Song.wav'), [cadence('A', 'minor', 12)]);
    const data = join(base, 'data');
    let engine = await createEngine({ dataDir: data });
    await engine.store.appState.updateSettings({ analysisEnabled: false });
    await engine.close();

    engine = await createEngine({ dataDir: data });
    try {
      await engine.library.addRoot(join(base, 'Music'));
      await engine.library.scan(); // library.changed: an enabled analyser would start now
      await new Promise((r) => setTimeout(r, 1500));
      expect(engine.analysis.progress().state).toBe('idle');
      expect(
        await engine.store.features.getMany((await engine.store.tracks.list()).map((t) => t.id)),
      ).toEqual([]);

      // Wait for the row to be written (the event), not for a fixed number of polls.
      const analysed = new Promise<void>((resolve) => {
        const off = engine.events.on('analysis.updated', () => {
          off();
          resolve();
        });
      });
      await engine.analysis.setEnabled(true);
      await analysed;
      const ids = (await engine.store.tracks.list()).map((t) => t.id);
      expect(await engine.store.features.getMany(ids)).toHaveLength(1);
    } finally {
      await engine.close();
    }
  });
});
