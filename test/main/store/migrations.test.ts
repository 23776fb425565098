/** Upgrading a database written by an older Encore: every migration applies, no data is lost. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from '../../../src/main/store/database';
import { Store } from '../../../src/main/store/index';
import { migrations } from '../../../src/main/store/migrations/index';
import { tempDir } from '../../helpers/temp';

describe('migrations', () => {
  it('upgrades a version-1 database to the newest schema and keeps its tracks, lyrics and search', async () => {
    const dir = tempDir();
    const old = await Database.open(join(dir, 'encore.db'));
    await old.exclusive((c) =>
      c.exec(readFileSync(join(__dirname, '../../fixtures/db/v1-library.sql'), 'utf8')),
    );
    await old.close();

    const store = await Store.open(dir);
    try {
      const v = await store.db.reader.get<{ user_version: number }>('PRAGMA user_version');
      expect(v?.user_version).toBe(migrations.length);
      const tracks = await store.tracks.list();
      expect(tracks.map((t) => t.title).sort()).toEqual(["Sinner's Prayer", '江南']);
      expect((await store.tracks.lyrics(1))?.plain).toBe("I'm down on my knees");
      expect((await store.tracks.search('俊')).map((t) => t.id)).toEqual([2]);
      expect(await store.integrityCheck()).toBe('ok');
      const fk = await store.db.reader.all('PRAGMA foreign_key_check');
      expect(fk).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('names every migration and never reuses a name', () => {
    const names = migrations.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const m of migrations) expect(m.up.trim().length).toBeGreaterThan(0);
  });
});
