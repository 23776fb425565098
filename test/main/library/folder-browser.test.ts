/**
 * The browser host's folder browser, on real folders and through the real host over HTTP:
 * folders only (no files), hidden folders left out, links to folders listed, `~` expanded, the
 * places to start from, clear errors for what cannot be listed — and the desktop-only native
 * folder chooser is unknown to the browser host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { browseFolders, folderPlaces } from '../../../src/main/library/folder-browser';
import { createEngine, type Engine } from '../../../src/main/engine';
import { startHost, type RunningHost } from '../../../src/main/host/server';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { tempDir } from '../../helpers/temp';

const base = tempDir('encore-browse-');
beforeAll(() => {
  for (const dir of ['Music', 'music b', 'Album 10', 'Album 9', '.hidden', 'Music/inner'])
    mkdirSync(join(base, dir));
  writeFileSync(join(base, 'song.mp3'), 'not a folder');
  writeFileSync(join(base, '.secret'), '');
  symlinkSync(join(base, 'Music'), join(base, 'linked'));
  symlinkSync(join(base, 'song.mp3'), join(base, 'linked-file'));
  symlinkSync(join(base, 'nowhere'), join(base, 'dangling'));
});

describe('browseFolders', () => {
  it('lists subfolders only, sorted as people sort, without hidden ones', async () => {
    const listing = await browseFolders(base);
    expect(listing.path).toBe(base);
    expect(listing.folders.map((f) => f.name)).toEqual([
      'Album 9',
      'Album 10',
      'linked',
      'Music',
      'music b',
    ]);
    expect(listing.folders[3].path).toBe(join(base, 'Music'));
    expect(listing.parent).toBe(join(base, '..'));
    expect(listing.truncated).toBe(false);
    expect((await browseFolders(join(base, 'Music'))).folders.map((f) => f.name)).toEqual([
      'inner',
    ]);
    expect((await browseFolders('/')).parent).toBeNull();
  });

  it('starts at the home folder, expands ~, and offers home and the mounted volumes', async () => {
    expect((await browseFolders()).path).toBe(homedir());
    expect((await browseFolders('~')).path).toBe(homedir());
    const places = folderPlaces();
    expect(places[0]).toMatchObject({ kind: 'home', path: homedir() });
    expect(places.every((p) => p.kind === 'home' || p.kind === 'volume')).toBe(true);
  });

  it("lists the volumes under the mount folders, the user's own under /media/<user>", () => {
    const mounts = tempDir('encore-mounts-');
    for (const dir of ['media/alice/USB STICK', 'media/alice/.Trash', 'mnt/share', 'mnt/.x'])
      mkdirSync(join(mounts, dir), { recursive: true });
    const places = folderPlaces('linux', '/home/alice', [
      join(mounts, 'media'),
      join(mounts, 'mnt'),
    ]);
    expect(places).toEqual([
      { kind: 'home', label: 'alice', path: '/home/alice' },
      { kind: 'volume', label: 'USB STICK', path: join(mounts, 'media/alice/USB STICK') },
      { kind: 'volume', label: 'share', path: join(mounts, 'mnt/share') },
    ]);
  });

  it('says clearly why a folder cannot be listed', async () => {
    await expect(browseFolders(join(base, 'absent'))).rejects.toThrow(
      `cannot open ${join(base, 'absent')}: not found`,
    );
    await expect(browseFolders(join(base, 'song.mp3'))).rejects.toThrow(/is not a folder/);
  });
});

describe('the folder browser over the browser host', () => {
  let engine: Engine;
  let host: RunningHost;
  const call = async (method: string, args: unknown): Promise<unknown> =>
    (
      await fetch(`${host.url.split('?')[0]}api/call/${method}?token=${host.token}`, {
        method: 'POST',
        body: JSON.stringify(args),
      })
    ).json();

  beforeAll(async () => {
    engine = await createEngine({ dataDir: tempDir('encore-browse-data-'), background: false });
    const rendererDir = tempDir('encore-browse-renderer-');
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Encore</title>');
    const info = { version: '0', platform: 'linux', osLanguage: 'en', musicFolder: null };
    host = await startHost({ engine, info, rendererDir, port: 0 });
  });
  afterAll(async () => {
    await host?.close();
    await engine?.close();
  });

  it('answers library.browseFolders and reports errors in the contract envelope', async () => {
    const ok = (await call('library.browseFolders', { path: base })) as {
      ok: true;
      result: { folders: { name: string }[] };
    };
    expect(ok.ok).toBe(true);
    expect(ok.result.folders.map((f) => f.name)).toContain('Music');
    expect(await call('library.browseFolders', { path: join(base, 'absent') })).toMatchObject({
      ok: false,
      error: { code: 'failed', message: expect.stringMatching(/not found/) },
    });
  });

  it('does not know the desktop-only native folder chooser', async () => {
    expect(await call('shell.chooseFolder', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown-method' },
    });
    // The Electron transport answers it when given the shell handlers.
    const handlers = createHandlers(engine, {
      version: '0',
      platform: 'linux',
      osLanguage: 'en',
      musicFolder: null,
    });
    const shell = {
      'shell.chooseFolder': async () => '/chosen',
      'shell.showTrackInFolder': async () => false,
    };
    expect(await dispatch(handlers, 'shell.chooseFolder', {}, shell)).toEqual({
      ok: true,
      result: '/chosen',
    });
    expect(await dispatch(handlers, 'shell.chooseFolder', { x: 1 }, shell)).toMatchObject({
      ok: false,
      error: { code: 'invalid-payload' },
    });
  });
});
