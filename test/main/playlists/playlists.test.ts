// Playlists through the contract's real dispatcher and handlers on a real store: create, rename,
// add, remove, reorder, delete; M3U8 export (absolute and relative) and import back, entries that
// are not in the library reported; a track leaving the library leaves its playlists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../../src/main/engine';
import { dispatch, type Handlers } from '../../../src/main/ipc/dispatch';
import { createHandlers } from '../../../src/main/ipc/handlers';
import type { MethodName, MethodResult } from '../../../src/shared/contract';
import { matchEntries, parseM3u8 } from '../../../src/main/playlists/m3u8';
import { addTracks } from '../../helpers/tracks';
import { tempDir } from '../../helpers/temp';

let engine: Engine;
let handlers: Handlers;
let ids: number[];

beforeAll(async () => {
  engine = await createEngine({
    dataDir: tempDir('encore-playlists-'),
    workers: 1,
    background: false,
  });
  ids = await addTracks(engine.store, '/music', [
    {
      path: '/music/Aurora Lane/Northern Lights/01 - First Light.mp3',
      title: 'First Light',
      artist: 'Aurora Lane',
      durationS: 201.4,
    },
    {
      path: '/music/Aurora Lane/Northern Lights/02 - Polar Night.mp3',
      title: 'Polar Night',
      artist: 'Aurora Lane',
    },
    {
      path: '/music/Copper Fields/Dust Roads/01 - Dry Creek.flac',
      title: 'Dry Creek',
      artist: 'Copper Fields',
    },
    { path: '/music/Other/Intro/01 - Intro.mp3', title: 'Intro' },
  ]);
  handlers = createHandlers(engine, {
    version: 't',
    platform: 'linux',
    osLanguage: 'en',
    musicFolder: null,
  });
});

afterAll(async () => {
  await engine?.close();
});

async function call<M extends MethodName>(name: M, args: unknown): Promise<MethodResult<M>> {
  const reply = await dispatch(handlers, name, args);
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.result as MethodResult<M>;
}

describe('playlists', () => {
  it('creates, renames, adds, removes, reorders and deletes, all in the store', async () => {
    const [a, b, c] = ids as [number, number, number];
    const made = await call('playlists.create', { name: '  Road trip ', trackIds: [a, 999_999] });
    // Trimmed name; a track id the library does not have is not added.
    expect(made).toMatchObject({ name: 'Road trip', trackIds: [a] });
    const id = made.id;
    expect((await call('playlists.rename', { id, name: 'Drive' })).name).toBe('Drive');
    expect((await call('playlists.add', { id, trackIds: [b, c] })).trackIds).toEqual([a, b, c]);
    expect((await call('playlists.add', { id, trackIds: [c], at: 0 })).trackIds).toEqual([
      c,
      a,
      b,
      c,
    ]);
    expect((await call('playlists.remove', { id, positions: [0] })).trackIds).toEqual([a, b, c]);
    expect((await call('playlists.move', { id, from: 2, to: 0 })).trackIds).toEqual([c, a, b]);
    // What the store holds, read back fresh.
    expect((await engine.store.playlists.get(id))?.trackIds).toEqual([c, a, b]);
    expect(await call('playlists.list', {})).toEqual([
      expect.objectContaining({ id, name: 'Drive', trackCount: 3 }),
    ]);
    await call('playlists.delete', { id });
    expect(await call('playlists.list', {})).toEqual([]);
    const gone = await dispatch(handlers, 'playlists.get', { id });
    expect(gone.ok ? null : gone.error.code).toBe('not-found');
  });

  it('keeps every edit when several arrive at once (none overwrites another)', async () => {
    const [a, b, c, d] = ids as [number, number, number, number];
    const { id } = await call('playlists.create', { name: 'At once', trackIds: [] });
    // Sent together, as two quick clicks from two windows would: each edit reads the list and
    // writes it back, so without running them one after another one of them would be lost.
    await Promise.all([
      call('playlists.add', { id, trackIds: [a] }),
      call('playlists.add', { id, trackIds: [b] }),
      call('playlists.add', { id, trackIds: [c] }),
      call('playlists.add', { id, trackIds: [d] }),
    ]);
    expect((await engine.store.playlists.get(id))?.trackIds).toEqual([a, b, c, d]);
    await call('playlists.delete', { id });
  });

  it('refuses an empty name with a clear error and stores nothing', async () => {
    const reply = await dispatch(handlers, 'playlists.create', { name: '   ' });
    expect(reply.ok ? null : reply.error.code).toBe('invalid-payload');
    expect(await call('playlists.list', {})).toEqual([]);
  });

  it('exports M3U8 with absolute and relative paths, and imports both back', async () => {
    const [a, b, c] = ids as [number, number, number];
    const { id } = await call('playlists.create', { name: 'Mix', trackIds: [b, a, c] });
    const absolute = await call('playlists.exportM3u8', { id, paths: 'absolute' });
    expect(absolute.name).toBe('Mix');
    expect(absolute.text.split('\n')).toEqual([
      '#EXTM3U',
      '#PLAYLIST:Mix',
      '#EXTINF:180,Aurora Lane - Polar Night',
      '/music/Aurora Lane/Northern Lights/02 - Polar Night.mp3',
      '#EXTINF:201,Aurora Lane - First Light',
      '/music/Aurora Lane/Northern Lights/01 - First Light.mp3',
      '#EXTINF:180,Copper Fields - Dry Creek',
      '/music/Copper Fields/Dust Roads/01 - Dry Creek.flac',
      '',
    ]);
    const relative = await call('playlists.exportM3u8', { id, paths: 'relative' });
    expect(parseM3u8(relative.text)).toEqual([
      'Aurora Lane/Northern Lights/02 - Polar Night.mp3',
      'Aurora Lane/Northern Lights/01 - First Light.mp3',
      'Copper Fields/Dust Roads/01 - Dry Creek.flac',
    ]);
    for (const text of [absolute.text, relative.text]) {
      const back = await call('playlists.importM3u8', { name: 'Mix again', text });
      expect(back.playlist.trackIds).toEqual([b, a, c]);
      expect(back.notFound).toEqual([]);
    }
  });

  it('imports from another machine by the end of the path, and reports what is not in the library', async () => {
    const [a, , c, intro] = ids as [number, number, number, number];
    const text = [
      '\uFEFF#EXTM3U',
      'C:\\Users\\me\\Music\\Aurora Lane\\Northern Lights\\01 - First Light.mp3',
      'file:///mnt/old/Copper%20Fields/Dust%20Roads/01%20-%20Dry%20Creek.flac',
      '../Unknown Band/Gone/01 - Missing.mp3',
      // Only a file name: one track of the library has it.
      '01 - Intro.mp3',
      '',
    ].join('\r\n');
    const back = await call('playlists.importM3u8', { name: 'Old', text });
    expect(back.playlist.trackIds).toEqual([a, c, intro]);
    expect(back.notFound).toEqual(['../Unknown Band/Gone/01 - Missing.mp3']);
    // A file name two tracks share is not guessed; a relative entry resolves from its folder.
    const twoIntros = [
      { id: 7, path: '/m/A/01 - Intro.mp3' },
      { id: 9, path: '/m/B/01 - Intro.mp3' },
    ];
    expect(matchEntries(['01 - Intro.mp3'], twoIntros).notFound).toEqual(['01 - Intro.mp3']);
    expect(matchEntries(['B/01 - Intro.mp3'], twoIntros).ids).toEqual([9]);
    expect(
      matchEntries(['01 - Intro.mp3'], [{ id: 7, path: '/m/Other/Intro/01 - Intro.mp3' }]).ids,
    ).toEqual([7]);
    expect(matchEntries(['rel/x.mp3'], [{ id: 8, path: '/base/rel/x.mp3' }], '/base').ids).toEqual([
      8,
    ]);
  });

  it('drops a track from its playlists when it leaves the library', async () => {
    const [a, b] = ids as [number, number];
    const { id } = await call('playlists.create', { name: 'Short', trackIds: [a, b] });
    await engine.store.tracks.remove([b]);
    expect((await call('playlists.get', { id })).trackIds).toEqual([a]);
  });
});
