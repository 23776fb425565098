/**
 * Applies pending migrations at open, keyed on PRAGMA user_version, each in its own transaction
 * together with its version bump, so a crash mid-migration leaves the previous version intact.
 */
import type { Database } from './database';
import { migrations, type Migration } from './migrations/index';
import { createLogger } from '../log';

const log = createLogger('store');

/** Brings `db` to the newest schema; returns the version it was at before. */
export async function migrate(db: Database, list: Migration[] = migrations): Promise<number> {
  const row = await db.reader.get<{ user_version: number }>('PRAGMA user_version');
  const from = row?.user_version ?? 0;
  if (from > list.length) {
    throw new Error(
      `The database is from a newer Encore (schema ${from}, this build knows ${list.length}). Update Encore.`,
    );
  }
  for (let v = from; v < list.length; v++) {
    const migration = list[v];
    log.info(`migrating to ${v + 1} (${migration.name})`);
    await db.transaction(async (tx) => {
      await tx.exec(migration.up);
      await tx.run(`PRAGMA user_version = ${v + 1}`);
    });
  }
  return from;
}
