/**
 * Library folders over their life, on real folders and a real engine: removing one (with what it
 * concerns) and adding it back restores the same track ids and history; `~` is the home folder;
 * a folder that vanishes and comes back is noticed by the watcher without a manual scan; a
 * symlink loop inside a root does not stop watching.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyFileSync, mkdirSync, renameSync, symlinkSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../../src/main/engine';
import type { EngineEvents } from '../../../src/shared/events';
import { expandHome } from '../../../src/main/library/home-path';
import { fixtureLibrary, FIXTURES } from '../../helpers/fixtures';
import { tempDir } from '../../helpers/temp';

const engines: Engine[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
});

async function engineAt(dataDir: string): Promise<Engine> {
  const engine = await createEngine({ dataDir, background: false, workers: 1 });
  engines.push(engine);
  return engine;
}

/** Resolves with the first event `name` whose payload passes `test` (fails after `ms`). */
function nextEvent<E extends keyof EngineEvents>(
  engine: Engine,
  name: E,
  test: (payload: EngineEvents[E]) => boolean | Promise<boolean> = () => true,
  ms = 30_000,
): Promise<EngineEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${name} event passed the test`));
    }, ms);
    const off = engine.events.on(name, (payload) => {
      void Promise.resolve(test(payload)).then((ok) => {
        if (!ok) return;
        clearTimeout(timer);
        off();
        resolve(payload);
      });
    });
  });
}

describe('expandHome', () => {
  it('reads ~ and ~/x as the home folder, and leaves other paths absolute', () => {
    expect(expandHome('~')).toBe(homedir());
    expect(expandHome('~/Music')).toBe(join(homedir(), 'Music'));
    expect(expandHome(' ~/Music/ ')).toBe(join(homedir(), 'Music'));
    expect(expandHome('/srv/music/../music')).toBe('/srv/music');
    expect(expandHome('~other/Music')).toMatch(/~other\/Music$/);
  });
});

describe('a typed ~ in every front end', () => {
  it("adds, scans and removes ~/Music as the home folder's Music (the service expands it)", async () => {
    const { base, music } = fixtureLibrary({ prefix: 'encore-home-', dropExpected: true });
    const home = process.env.HOME;
    process.env.HOME = base;
    try {
      const engine = await engineAt(join(base, 'data'));
      await engine.library.addRoot('~/Music');
      expect((await engine.library.roots()).map((r) => r.path)).toEqual([music]);
      expect((await engine.library.scan({ roots: ['~/Music'] })).added).toBeGreaterThan(0);
      expect((await engine.library.rootUsage('~/Music')).tracks).toBeGreaterThan(0);
      expect(await engine.library.removeRoot('~/Music')).toBe(true);
    } finally {
      process.env.HOME = home;
    }
  });
});

describe('removing a library folder', () => {
  it('says what it concerns, hides the tracks everywhere, and adding it back restores ids and history', async () => {
    const { base, music } = fixtureLibrary({ prefix: 'encore-remove-', dropExpected: true });
    const engine = await engineAt(join(base, 'data'));
    await engine.library.addRoot(music);
    await engine.library.scan();
    const before = await engine.store.tracks.summaries();
    expect(before.length).toBeGreaterThan(5);
    const played = before[0].id;
    for (const kind of ['play', 'complete', 'like'] as const) {
      await engine.recommend.record({
        trackId: played,
        kind,
        sessionId: 's1',
        source: 'library',
      });
    }
    expect(await engine.library.rootUsage(music)).toEqual({
      tracks: before.length,
      events: 3,
      plays: 1,
    });
    expect((await engine.recommend.upNext({ sessionId: 's1' })).length).toBeGreaterThan(0);

    const { errors } = await engine.store.tracks.stats();
    let announced = false;
    const changed = nextEvent(engine, 'library.changed', () => (announced = true));
    // The views are told after the removal is announced (a rebuild begun before it may still
    // report first, with the catalog it read then).
    const rebuilt = nextEvent(engine, 'upnext.changed', () => announced);
    expect(await engine.library.removeRoot(music)).toBe(true);
    // Every track of the folder, those that could not be read included.
    const removed = (await changed).removed;
    expect(removed).toHaveLength(before.length + errors);
    expect(removed).toEqual(expect.arrayContaining(before.map((t) => t.id)));
    // Songs, search, stats, the folder list and Up Next no longer see them.
    expect(await engine.store.tracks.summaries()).toEqual([]);
    expect(await engine.store.tracks.search(before[0].title)).toEqual([]);
    expect((await engine.store.tracks.stats()).tracks).toBe(0);
    expect(await engine.library.roots()).toEqual([]);
    // The catalogue rebuilds on the change by itself and tells the views.
    await rebuilt;
    expect(await engine.recommend.upNext({ sessionId: 's1' })).toEqual([]);
    // The history is kept while the removal can be undone.
    expect(await engine.store.feedback.count()).toBe(3);
    await expect(engine.library.rootUsage(music)).rejects.toThrow(/not a library folder/);

    const restored = nextEvent(engine, 'library.changed');
    await engine.library.addRoot(music);
    expect((await restored).added).toHaveLength(before.length + errors);
    const summary = await engine.library.scan();
    expect(summary.added).toBe(0);
    const after = await engine.store.tracks.summaries();
    expect(after.map((t) => [t.id, t.title, t.missing])).toEqual(
      before.map((t) => [t.id, t.title, false]),
    );
    expect(await engine.library.rootUsage(music)).toMatchObject({ events: 3, plays: 1 });
    expect((await engine.store.tracks.search(before[0].title)).length).toBeGreaterThan(0);
    // The scan announced the tracks as available again; the catalogue rebuilt with them.
    await engine.recommend.settled();
    expect((await engine.recommend.upNext({ sessionId: 's1' })).length).toBeGreaterThan(0);
  });

  it('forgets a removed folder for good once it is older than the undo window', async () => {
    const { base, music } = fixtureLibrary({ prefix: 'encore-purge-', dropExpected: true });
    const engine = await engineAt(join(base, 'data'));
    await engine.library.addRoot(music);
    await engine.library.scan();
    const [track] = await engine.store.tracks.summaries();
    await engine.recommend.record({
      trackId: track.id,
      kind: 'play',
      sessionId: 's',
      source: 'library',
    });
    await engine.store.roots.remove(music, 1000);
    // Not yet old enough: kept.
    expect(await engine.store.roots.purgeRemoved(500)).toBe(0);
    expect(await engine.store.feedback.count()).toBe(1);
    expect(await engine.store.roots.purgeRemoved(2000)).toBe(1);
    // Gone with its history: adding the folder again starts afresh.
    expect(await engine.store.feedback.count()).toBe(0);
    await engine.library.addRoot(music);
    const summary = await engine.library.scan();
    expect(summary.unchanged).toBe(0);
    expect(await engine.library.rootUsage(music)).toMatchObject({ events: 0, plays: 0 });
  });
});

describe('watching folders that come and go', () => {
  it('checks the folders at start, and a vanished folder that comes back plays again without a scan', async () => {
    const { base, music } = fixtureLibrary({ prefix: 'encore-comeback-', dropExpected: true });
    const dataDir = join(base, 'data');
    const first = await engineAt(dataDir);
    await first.library.addRoot(music);
    await first.library.scan();
    const { tracks, errors } = await first.store.tracks.stats();
    await first.close();
    engines.length = 0;

    // Start-up: watch() begins with an incremental rescan, which reads nothing unchanged.
    const engine = await engineAt(dataDir);
    const startScan = nextEvent(engine, 'scan.finished');
    await engine.library.watch();
    expect(await startScan).toMatchObject({ unchanged: tracks + errors, added: 0, updated: 0 });

    const gone = nextEvent(
      engine,
      'scan.finished',
      async () => (await engine.store.tracks.stats()).missing === tracks,
    );
    renameSync(music, `${music}.away`);
    await gone;
    expect((await engine.library.roots())[0].status).toBe('missing');

    const back = nextEvent(
      engine,
      'scan.finished',
      async () => (await engine.store.tracks.stats()).missing === 0,
    );
    renameSync(`${music}.away`, music);
    await back;
    expect((await engine.library.roots())[0].status).toBe('ok');
    expect((await engine.store.tracks.stats()).tracks).toBe(tracks);

    // And it is watched again: a new file in the restored folder is picked up.
    const added = nextEvent(engine, 'library.changed', (c) => c.added.length > 0);
    copyFileSync(
      join(FIXTURES, 'Aurora Lane/Aurora (Single)/01 - Aurora.mp3'),
      join(music, 'after-return.mp3'),
    );
    expect((await added).added).toHaveLength(1);
  });

  it('keeps watching a library with a symlink loop inside', async () => {
    const base = tempDir('encore-loop-');
    const music = join(base, 'Music');
    mkdirSync(join(music, 'a/b'), { recursive: true });
    // a/b/up → the root itself, and a link to itself: both loop.
    symlinkSync('../..', join(music, 'a/b/up'));
    symlinkSync('self', join(music, 'self'));
    copyFileSync(
      join(FIXTURES, 'Aurora Lane/Aurora (Single)/01 - Aurora.mp3'),
      join(music, 'one.mp3'),
    );
    const engine = await engineAt(join(base, 'data'));
    await engine.library.addRoot(music);
    expect((await engine.library.scan()).added).toBe(1);
    const stderr = vi.spyOn(process.stderr, 'write');
    await engine.library.watch();
    await nextEvent(engine, 'scan.finished');

    const added = nextEvent(engine, 'library.changed', (c) => c.added.length > 0);
    mkdirSync(join(music, 'new album'));
    copyFileSync(
      join(FIXTURES, 'Aurora Lane/Aurora (Single)/01 - Aurora.mp3'),
      join(music, 'new album/two.mp3'),
    );
    expect((await added).added).toHaveLength(1);
    expect((await engine.store.tracks.stats()).tracks).toBe(2);
    // The watcher never walked into the loop (it used to, until ELOOP errors).
    const failures = stderr.mock.calls
      .map((call) => String(call[0]))
      .filter((line) => /watching the library failed|ELOOP/.test(line));
    stderr.mockRestore();
    expect(failures).toEqual([]);
  });
});
