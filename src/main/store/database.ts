/**
 * The one place that touches the sqlite3 binding. Two connections: a writer, used by one
 * transaction at a time through a queue (sqlite3 shares a connection between all callers, so two
 * interleaved async transactions would otherwise run inside each other), and a reader, which in WAL
 * mode sees only committed data and never waits for the writer.
 */
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

export class Database {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly writer: Connection,
    /** Reads of committed data; never blocked by an open write transaction. */
    readonly reader: SqlRunner & { close(): Promise<void> },
    readonly file: string,
  ) {}

  /** Opens (creating if needed) the database at `file` with WAL, foreign keys and busy timeout. */
  static async open(file: string): Promise<Database> {
    const writer = await Connection.open(file, sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE);
    // WAL: readers do not block the writer. synchronous=FULL: a committed (acknowledged) write is on
    // disk even after a power loss, not only after a process crash.
    await writer.exec(
      `PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=${BUSY_TIMEOUT_MS};`,
    );
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
