/**
 * The one place that touches the sqlite3 binding. Two connections: a writer, used by one
 * transaction at a time through a queue (sqlite3 shares a connection between all callers, so two
 * interleaved async transactions would otherwise run inside each other), and a reader, which in WAL
 * mode sees only committed data and never waits for the writer.
 */
import { statfsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import sqlite3 from 'sqlite3';

export type SqlValue = string | number | bigint | Buffer | Uint8Array | null;
export type SqlParams = SqlValue[] | Record<string, SqlValue>;

export interface RunResult {
  changes: number;
  lastId: number;
}

/** Statements that may run on a connection: what a transaction and the reader both offer. */
export interface SqlRunner {
  run(sql: string, params?: SqlParams): Promise<RunResult>;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
}

/** Inside a write transaction: statements plus multi-statement scripts (migrations). */
export interface Tx extends SqlRunner {
  exec(sql: string): Promise<void>;
}

class Connection implements Tx {
  constructor(private readonly db: sqlite3.Database) {}

  static open(file: string, mode: number): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const db = new sqlite3.Database(file, mode, (err) =>
        err ? reject(err) : resolve(new Connection(db)),
      );
    });
  }

  run(sql: string, params: SqlParams = []): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      this.db.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(withSql(err, sql));
        else resolve({ changes: this.changes, lastId: this.lastID });
      });
    });
  }

  get<T>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      this.db.get(sql, params, (err: Error | null, row: T) =>
        err ? reject(withSql(err, sql)) : resolve(row),
      );
    });
  }

  all<T>(sql: string, params: SqlParams = []): Promise<T[]> {
    return new Promise((resolve, reject) => {
      this.db.all(sql, params, (err: Error | null, rows: T[]) =>
        err ? reject(withSql(err, sql)) : resolve(rows),
      );
    });
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.db.exec(sql, (err: Error | null) => (err ? reject(withSql(err, sql)) : resolve()));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.db.close((err) => (err ? reject(err) : resolve())),
    );
  }
}

function withSql(err: Error, sql: string): Error {
  const short = sql.replace(/\s+/g, ' ').trim().slice(0, 120);
  const wrapped = new Error(`${err.message} (in: ${short})`);
  (wrapped as Error & { code?: string }).code = (err as Error & { code?: string }).code;
  return wrapped;
}

/** Milliseconds a connection waits on a lock held by another process before SQLITE_BUSY. */
const BUSY_TIMEOUT_MS = 5000;
/**
 * Free space under which a failure to open for writing is taken as a full disk: SQLite needs a
 * few pages for the WAL index and journal; 1 MB is more than it asks for at open.
 */
const FULL_BELOW_BYTES = 1024 * 1024;

/** A write refused because the database was opened read-only (a full disk at start-up). */
export class ReadOnlyError extends Error {
  readonly code = 'SQLITE_READONLY';
}

/**
 * A read-only connection on a full disk. Reading a WAL database needs its shared-memory index
 * (`-shm`), which cannot be created without space; when no WAL holds pending pages (a clean
 * shutdown checkpoints and deletes it) the database file alone is the whole truth, so it is
 * opened as immutable — no index, no locks. Otherwise the existing index is used, as is.
 */
async function openReadOnly(file: string): Promise<Connection> {
  let walBytes = 0;
  try {
    walBytes = statSync(`${file}-wal`).size;
  } catch {
    // no WAL file: nothing pending
  }
  if (walBytes > 0) return Connection.open(file, sqlite3.OPEN_READONLY);
  const uri = `${pathToFileURL(file).href}?immutable=1`;
  return Connection.open(uri, sqlite3.OPEN_READONLY | sqlite3.OPEN_URI);
}

/** True when `err` (from opening `file` for writing) comes from a full disk. */
function isDiskFull(err: unknown, file: string): boolean {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return true;
  if (code !== 'SQLITE_IOERR' && code !== 'SQLITE_CANTOPEN') return false;
  try {
    const { bavail, bsize } = statfsSync(dirname(file));
    return bavail * bsize < FULL_BELOW_BYTES;
  } catch {
    return false;
  }
}

export class Database {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly writer: Connection,
    /** Reads of committed data; never blocked by an open write transaction. */
    readonly reader: SqlRunner & { close(): Promise<void> },
    readonly file: string,
    /** Why writes are refused (the database was opened read-only), or null when writable. */
    readonly readOnly: string | null = null,
  ) {}

  /**
   * Opens (creating if needed) the database at `file` with WAL, foreign keys and busy timeout.
   * On a full disk an existing database is opened read-only instead: reads answer, every write
   * is refused with a ReadOnlyError that says the disk is full.
   */
  static async open(file: string): Promise<Database> {
    try {
      return await Database.openWritable(file);
    } catch (err) {
      if (file === ':memory:' || !isDiskFull(err, file)) throw err;
      const reason = `disk full: Encore opened its library read-only (free some space on the disk of ${dirname(file)} and restart Encore to save changes again)`;
      const conn = await openReadOnly(file).catch((openErr: Error) => {
        throw new Error(`${reason}; the library could not be opened: ${openErr.message}`);
      });
      await conn.exec(`PRAGMA busy_timeout=${BUSY_TIMEOUT_MS};`);
      return new Database(conn, conn, file, reason);
    }
  }

  private static async openWritable(file: string): Promise<Database> {
    const writer = await Connection.open(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE);
    try {
      // WAL: readers do not block the writer. synchronous=FULL: a committed (acknowledged) write
      // is on disk even after a power loss, not only after a process crash.
      await writer.exec(
        `PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=${BUSY_TIMEOUT_MS};`,
      );
    } catch (err) {
      await writer.close().catch(() => undefined);
      throw err;
    }
    const reader =
      file === ':memory:' ? writer : await Connection.open(file, sqlite3.OPEN_READONLY);
    if (reader !== writer)
      await reader.exec(`PRAGMA busy_timeout=${BUSY_TIMEOUT_MS}; PRAGMA foreign_keys=ON;`);
    return new Database(writer, reader, file);
  }

  /**
   * Runs `work` inside BEGIN IMMEDIATE … COMMIT on the writer, after every earlier transaction has
   * finished; rolls back and rethrows on error. All writes go through here.
   */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    if (this.readOnly) return Promise.reject(new ReadOnlyError(this.readOnly));
    const next = this.queue.then(async () => {
      await this.writer.run('BEGIN IMMEDIATE');
      try {
        const result = await work(this.writer);
        await this.writer.run('COMMIT');
        return result;
      } catch (err) {
        await this.writer.run('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Runs a statement that must not be inside a transaction (PRAGMA, VACUUM), in queue order. */
  exclusive<T>(work: (conn: Tx) => Promise<T>): Promise<T> {
    if (this.readOnly) return Promise.reject(new ReadOnlyError(this.readOnly));
    const next = this.queue.then(() => work(this.writer));
    this.queue = next.catch(() => undefined);
    return next;
  }

  async close(): Promise<void> {
    await this.queue;
    if (this.reader !== this.writer) await this.reader.close();
    await this.writer.close();
  }
}
