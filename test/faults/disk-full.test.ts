/**
 * Disk full: the data dir lives on a small tmpfs; once the library is scanned, a filler file
 * takes all but a little of the space, and a child engine records feedback until a write fails.
 * The failure is a clear error, reads keep answering in the same process, the database stays
 * consistent with every acknowledged event, and writing works again once space is freed.
 * Mounting needs root (CI runs as root); elsewhere that test is skipped and says why. A second
 * test needs no privilege: the child runs under a file-size limit (RLIMIT_FSIZE, `ulimit -f`),
 * so its database and WAL cannot grow past a bound, which SQLite meets as a failed write.
 */
import { beforeAll, expect, it } from 'vitest';
import { mkdirSync, rmSync, statSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/main/store/index';
import { describeOrSkip } from '../helpers/skip';
import { tempDir } from '../helpers/temp';
import { FIXTURES } from './corpus';
import { runChild } from './child';
import { runToEnd } from './kill';
import { mountTmpfs } from './tmpfs';

// Room for the schema, the scanned fixture library and its WAL, with space left to fill.
const TMPFS_SIZE = '8m';
// What the filler leaves free: room for some hundreds of events (4 KB WAL frames) before it fills.
const LEAVE_FREE_BYTES = 512 * 1024;

const { mountPoint, whyNot } = mountTmpfs('encore-diskfull-', TMPFS_SIZE);

/**
 * Runs the child that records feedback until a write fails: it must exit cleanly, with reads
 * still answering in the same process. Returns the failure line and the acknowledged event ids.
 */
async function writeUntilFull(
  dataDir: string,
  options: Parameters<typeof runChild>[1] = {},
): Promise<{ failed: string; acked: number[]; lines: string[] }> {
  const run = await runChild(['write', dataDir], options);
  const failed = await run.waitFor(/^failed /);
  const reads = await run.waitFor(/^reads /);
  const { code } = await run.exited;
  expect(code, run.stderr()).toBe(0);
  // Reads in the same process still answer: tracks and Up Next.
  const [, tracks, upNext] = reads.split(' ').map(Number);
  expect(tracks).toBeGreaterThan(0);
  expect(upNext).toBeGreaterThan(0);
  const acked = run.lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4)));
  expect(acked.length).toBeGreaterThan(0);
  return { failed, acked, lines: run.lines };
}

/** The database checks out and holds every acknowledged event. */
async function expectAckedKept(dataDir: string, acked: number[]): Promise<void> {
  const store = await Store.open(dataDir);
  try {
    expect(await store.integrityCheck()).toBe('ok');
    const stored = new Set((await store.feedback.since(0)).map((e) => e.id));
    expect(acked.filter((id) => !stored.has(id))).toEqual([]);
  } finally {
    await store.close();
  }
}

/** A new child records events again: the log grows past what was acknowledged before. */
async function expectWritableAgain(dataDir: string, acked: number[]): Promise<void> {
  const again = await runChild(['feedback', dataDir]);
  await again.waitFor(/^ack /);
  again.child.kill('SIGKILL');
  await again.exited;
  const reopened = await Store.open(dataDir);
  try {
    expect(await reopened.integrityCheck()).toBe('ok');
    expect(await reopened.feedback.count()).toBeGreaterThan(acked.length);
  } finally {
    await reopened.close();
  }
}

describeOrSkip(whyNot)('disk full while writing', () => {
  const dataDir = join(mountPoint, 'data');
  const filler = join(mountPoint, 'filler');

  beforeAll(async () => {
    mkdirSync(dataDir);
    await runToEnd(['scan', dataDir, FIXTURES]);
    const { bavail, bsize } = statfsSync(mountPoint);
    writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - LEAVE_FREE_BYTES)));
  });

  it('fails with a clear error, keeps reading, loses nothing acknowledged, and recovers', async () => {
    const { failed, acked, lines } = await writeUntilFull(dataDir);
    expect(failed).toMatch(/full|space|SQLITE_FULL|ENOSPC/i);
    const closing = lines.find((l) => l.startsWith('close'));
    console.info(`disk full: ${acked.length} events acknowledged, then "${failed}"; ${closing}`);
    // Still full: the database opens read-only-safe and checks out.
    await expectAckedKept(dataDir, acked);
    // Space freed: writing works again.
    rmSync(filler);
    await expectWritableAgain(dataDir, acked);
  });
});

describeOrSkip(
  process.platform === 'linux' ? null : 'the file-size limit (ulimit -f) is tested on Linux',
)('a file-size limit while writing', () => {
  it('fails with an error, keeps reading, loses nothing acknowledged, and recovers', async () => {
    const dataDir = tempDir('encore-fsize-');
    await runToEnd(['scan', dataDir, FIXTURES]);
    // Room for some hundreds of 4 KB WAL frames beyond the database as it is.
    const limitKb = Math.ceil(statSync(join(dataDir, 'encore.db')).size / 1024) + 512;
    const { failed, acked } = await writeUntilFull(dataDir, { fileSizeLimitKb: limitKb });
    expect(failed).toMatch(/SQLITE_(FULL|IOERR)|EFBIG|too large|full/i);
    console.info(`file-size limit: ${acked.length} events acknowledged, then "${failed}"`);
    // Without the limit: consistent, nothing acknowledged missing, and writable again.
    await expectAckedKept(dataDir, acked);
    await expectWritableAgain(dataDir, acked);
  });
});
