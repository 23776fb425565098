import { describe, expect, it } from 'vitest';
import { Store } from '../../../src/main/store/index';
import { Database } from '../../../src/main/store/database';
import { migrate } from '../../../src/main/store/migrate';
import { tempDir } from '../../helpers/temp';
import { addTracks } from '../../helpers/tracks';
import { join } from 'node:path';

describe('store', () => {
  it('migrates a new database to the newest schema and reports ok integrity', async () => {
    const store = await Store.open(tempDir());
    const v = await store.db.reader.get<{ user_version: number }>('PRAGMA user_version');
    expect(v?.user_version).toBeGreaterThanOrEqual(1);
    expect(await store.integrityCheck()).toBe('ok');
    const mode = await store.db.reader.get<{ journal_mode: string }>('PRAGMA journal_mode');
    expect(mode?.journal_mode).toBe('wal');
    await store.close();
  });

  it('refuses a database from a newer schema instead of damaging it', async () => {
    const dir = tempDir();
    const db = await Database.open(join(dir, 'encore.db'));
    await db.exclusive((c) => c.exec('PRAGMA user_version = 999'));
    await expect(migrate(db)).rejects.toThrow(/newer Encore/);
    await db.close();
  });

  it('serialises concurrent transactions and rolls back a failed one whole', async () => {
    const store = await Store.open(tempDir());
    const root = await store.roots.add('/music');
    const writes = Array.from({ length: 20 }, (_, i) =>
      store.db.transaction(async (tx) => {
        await tx.run('INSERT INTO roots (path, added_at) VALUES (?, ?)', [`/r${i}`, i]);
        if (i === 7) throw new Error('boom');
      }),
    );
    const results = await Promise.allSettled(writes);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
    const count = await store.db.reader.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM roots WHERE id != ?',
      [root.id],
    );
    expect(count?.n).toBe(19);
    await store.close();
  });

  it('finds tracks by any part of a tag or lyric, including single CJK characters', async () => {
    const store = await Store.open(tempDir());
    await addTracks(store, '/music', [
      { path: '/music/a.mp3', title: 'Sinner’s Prayer', artist: 'Beth Hart', genres: ['Blues'] },
      {
        path: '/music/b.mp3',
        title: '江南',
        artist: '林俊杰',
        lyrics: { source: 'txt', plain: '风到这里就是粘', synced: null },
      },
      { path: '/music/c.mp3', title: 'Mi Korasón', artist: 'Yasmin Levy' },
    ]);
    expect((await store.tracks.search('beth')).map((t) => t.title)).toEqual(['Sinner’s Prayer']);
    expect((await store.tracks.search('林')).map((t) => t.title)).toEqual(['江南']);
    expect((await store.tracks.search('粘')).map((t) => t.title)).toEqual(['江南']);
    expect((await store.tracks.search('korason')).map((t) => t.artist)).toEqual(['Yasmin Levy']);
    expect(await store.tracks.search('"; DROP TABLE tracks; --')).toEqual([]);
    expect((await store.tracks.stats()).tracks).toBe(3);
    await store.close();
  });
});
