import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolve } from 'node:path';
import { Store } from '../../../src/main/store/index';
import { main } from '../../../src/main/cli/index';
import { addTracks } from '../../helpers/tracks';
import { tempDir } from '../../helpers/temp';

/** Runs `encore ARGS` in-process against ENCORE_DATA_DIR; returns exit code and stdout. */
async function encore(...args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  });
  try {
    const code = await main(args);
    return { code, out };
  } finally {
    spy.mockRestore();
  }
}

describe('recommender CLI', () => {
  const saved = process.env.ENCORE_DATA_DIR;
  afterEach(() => {
    process.env.ENCORE_DATA_DIR = saved;
  });

  it('records feedback, shows Up Next with reasons, taste, a station, a journey and imports history', async () => {
    const dir = tempDir('encore-rec-cli-');
    const store = await Store.open(dir);
    const rows = Array.from({ length: 24 }, (_, i) => ({
      path: `/m/${i}.mp3`,
      title: i === 0 ? 'Paranoid Android' : `Song ${i}`,
      artist: i === 0 ? 'Radiohead' : `Artist ${i % 6}`,
      genres: [i % 2 ? 'Rock' : 'Jazz'],
    }));
    const ids = await addTracks(store, '/m', rows);
    await store.close();
    process.env.ENCORE_DATA_DIR = dir;

    expect((await encore('feedback', String(ids[1]), 'skip@5')).code).toBe(0);
    expect((await encore('feedback', 'Paranoid Android', 'like')).code).toBe(0);
    const next = await encore('next', '--after', String(ids[2]), '--count', '3', '--json');
    expect(next.code).toBe(0);
    const items = (JSON.parse(next.out) as { items: { trackId: number; reason: string }[] }).items;
    expect(items).toHaveLength(3);
    expect(items.map((x) => x.trackId)).not.toContain(ids[1]);
    expect(items.every((x) => x.reason.length > 0)).toBe(true);

    const taste = JSON.parse((await encore('taste', '--json')).out) as {
      events: number;
      likedTracks: number[];
    };
    expect(taste.events).toBe(2);
    expect(taste.likedTracks).toEqual([ids[0]]);

    const station = JSON.parse(
      (await encore('station', 'artist:Artist 3', '--count', '5', '--json')).out,
    ) as {
      items: { artist: string }[];
    };
    expect(station.items[0].artist).toBe('Artist 3');

    const journey = await encore(
      'journey',
      String(ids[3]),
      String(ids[4]),
      '--steps',
      '5',
      '--json',
    );
    expect((JSON.parse(journey.out) as { items: unknown[] }).items).toHaveLength(5);

    const imported = await encore(
      'import-history',
      resolve(__dirname, '../../fixtures/history/lastfm.csv'),
      '--json',
    );
    expect(JSON.parse(imported.out)).toMatchObject({ format: 'lastfm-csv', matched: 1 });

    expect((await encore('feedback', String(ids[1]), 'shrug')).code).toBe(2);
  });
});
