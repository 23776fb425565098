/**
 * The remembered player state and settings as read back from damaged storage: an older version's
 * or a hand-edited value must never reach the engine unchecked, and must not cost the person the
 * fields that are still good.
 */
import { describe, expect, it } from 'vitest';
import { Store } from '../../../src/main/store/index';
import { defaultSettings, emptyPlayerState } from '../../../src/shared/app-state';
import { tempDir } from '../../helpers/temp';

async function storeWith(key: string, json: string): Promise<Store> {
  const store = await Store.open(tempDir());
  await store.db.transaction((tx) =>
    tx.run('INSERT INTO app_state (key, value, updated_at) VALUES (?, ?, ?)', [key, json, 1]),
  );
  return store;
}

describe('app state read back', () => {
  it('keeps the valid settings and gives each damaged one its default', async () => {
    const store = await storeWith(
      'settings',
      JSON.stringify({
        crossfadeS: 6,
        language: 'zh-CN',
        adventurousness: 7, // out of range
        autoDj: 'yes', // wrong type
        excludedFolders: ['/music/podcasts'],
        mapColourBy: 'rainbow', // not an option
        removedInAnOlderVersion: true,
      }),
    );
    const settings = await store.appState.settings();
    expect(settings).toEqual({
      ...defaultSettings,
      crossfadeS: 6,
      language: 'zh-CN',
      excludedFolders: ['/music/podcasts'],
    });
    await store.close();
  });

  it('keeps the valid player fields and defaults the damaged ones', async () => {
    const store = await storeWith(
      'player',
      JSON.stringify({ queue: [3, 1, 2], index: 1, positionS: -5, volume: 'loud', shuffle: true }),
    );
    expect(await store.appState.player()).toEqual({
      ...emptyPlayerState,
      queue: [3, 1, 2],
      index: 1,
      shuffle: true,
    });
    await store.close();
  });

  it('starts from the defaults when the stored value is not an object', async () => {
    for (const json of ['[1,2,3]', '"text"', 'not json', 'null']) {
      const store = await storeWith('settings', json);
      expect(await store.appState.settings()).toEqual(defaultSettings);
      await store.close();
    }
  });

  it('forgets window bounds that are not numbers', async () => {
    const bad = await storeWith(
      'window',
      JSON.stringify({ x: 'a', y: 0, width: 800, height: 600 }),
    );
    expect(await bad.appState.windowBounds()).toBeNull();
    await bad.close();
    const good = await storeWith(
      'window',
      JSON.stringify({ x: 10, y: 20, width: 800, height: 600, maximized: true }),
    );
    expect(await good.appState.windowBounds()).toEqual({
      x: 10,
      y: 20,
      width: 800,
      height: 600,
      maximized: true,
    });
    await good.close();
  });
});
