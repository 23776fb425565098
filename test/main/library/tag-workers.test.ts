/**
 * The tag workers live only while a scan reads files: idle between scans they would hold their
 * parsers and heaps (tens of MB each) for nothing. A rescan that needs them starts new ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../../src/main/engine';
import { fixtureLibrary } from '../../helpers/fixtures';

describe('tag workers between scans', () => {
  let engine: Engine;
  let music: string;
  /** Tag workers alive at each 'reading' progress report. */
  let whileReading: number[] = [];

  beforeAll(async () => {
    const copy = fixtureLibrary({ dropExpected: true });
    music = copy.music;
    engine = await createEngine({ dataDir: join(copy.base, 'data') });
    engine.events.on('scan.progress', (p) => {
      if (p.phase === 'reading') whileReading.push(engine.library.tagWorkers);
    });
    await engine.library.addRoot(music);
  });
  afterAll(() => engine?.close());

  it('run while a scan reads files and are gone when it ends', async () => {
    const summary = await engine.library.scan();
    expect(summary.added).toBeGreaterThan(0);
    expect(whileReading.length).toBeGreaterThan(0);
    expect(Math.min(...whileReading)).toBeGreaterThan(0);
    expect(engine.library.tagWorkers).toBe(0);
  });

  it('start again for a rescan that has a changed file to read, and go again after it', async () => {
    const track = (await engine.store.tracks.list())[0];
    utimesSync(track.path, new Date(), new Date(Date.now() + 60_000));
    whileReading = [];
    const summary = await engine.library.scan();
    expect(summary.updated).toBe(1);
    expect(whileReading).not.toHaveLength(0);
    expect(Math.min(...whileReading)).toBeGreaterThan(0);
    expect(engine.library.tagWorkers).toBe(0);
  });
});
