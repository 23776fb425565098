/**
 * Disk full: the data dir lives on a small tmpfs; once the library is scanned, a filler file
 * takes all but a little of the space, and a child engine records feedback until a write fails.
 * The failure is a clear error, reads keep answering in the same process, the database stays
 * consistent with every acknowledged event, and writing works again once space is freed.
 * Mounting needs root (CI runs as root); elsewhere that test is skipped and says why. A second
 * test needs no privilege: the child runs under a file-size limit (RLIMIT_FSIZE, `ulimit -f`),
 * so its database and WAL cannot grow past a bound, which SQLite meets as a failed write.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/main/store/index';
import { tempDir } from '../helpers/temp';
import { FIXTURES } from './corpus';
import { runChild } from './child';
import { runToEnd } from './kill';

// Room for the schema, the scanned fixture library and its WAL, with space left to fill.
const TMPFS_SIZE = '8m';
// What the filler leaves free: room for some hundreds of events (4 KB WAL frames) before it fills.
const LEAVE_FREE_BYTES = 512 * 1024;

const mountPoint = tempDir('encore-diskfull-');
let mounted = false;
let whyNot = '';

function tryMount(): void {
  if (process.platform !== 'linux') {
    whyNot = 'tmpfs mounts are a Linux test';
    return;
  }
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE}`, 'tmpfs', mountPoint], {
    encoding: 'utf8',
  });
  mounted = r.status === 0;
  if (!mounted) whyNot = `cannot mount a tmpfs (${(r.stderr || r.error?.message || '').trim()})`;
}

tryMount();
if (!mounted) console.warn(`disk-full test skipped: ${whyNot}; needs root on Linux`);

afterAll(() => {
  if (mounted) spawnSync('umount', [mountPoint]);
});

describe.skipIf(!mounted)('disk full while writing', () => {
  const dataDir = join(mountPoint, 'data');
  const filler = join(mountPoint, 'filler');

  beforeAll(async () => {
    mkdirSync(dataDir);
    await runToEnd(['scan', dataDir, FIXTURES]);
    const { bavail, bsize } = statfsSync(mountPoint);
    writeFileSync(filler, Buffer.alloc(Math.max(0, bavail * bsize - LEAVE_FREE_BYTES)));
  });

  it('fails with a clear error, keeps reading, loses nothing acknowledged, and recovers', async () => {
    const run = await runChild(['write', dataDir]);
    const failed = await run.waitFor(/^failed /);
    const reads = await run.waitFor(/^reads /);
    const { code } = await run.exited;
    expect(code, run.stderr()).toBe(0);
    expect(failed).toMatch(/full|space|SQLITE_FULL|ENOSPC/i);
    // Reads in the same process still answer: tracks and Up Next.
    const [, tracks, upNext] = reads.split(' ').map(Number);
    expect(tracks).toBeGreaterThan(0);
    expect(upNext).toBeGreaterThan(0);
    const acked = run.lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4)));
    expect(acked.length).toBeGreaterThan(0);
    const closing = run.lines.find((l) => l.startsWith('close'));
    console.info(`disk full: ${acked.length} events acknowledged, then "${failed}"; ${closing}`);

    // Still full: the database opens read-only-safe and checks out.
    const store = await Store.open(dataDir);
    try {
      expect(await store.integrityCheck()).toBe('ok');
      const stored = new Set((await store.feedback.since(0)).map((e) => e.id));
      expect(acked.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      await store.close();
    }

    // Space freed: writing works again.
    rmSync(filler);
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
  });
});

describe.skipIf(process.platform !== 'linux')('a file-size limit while writing', () => {
  it('fails with an error, keeps reading, loses nothing acknowledged, and recovers', async () => {
    const dataDir = tempDir('encore-fsize-');
    await runToEnd(['scan', dataDir, FIXTURES]);
    // Room for some hundreds of 4 KB WAL frames beyond the database as it is.
    const limitKb = Math.ceil(statSync(join(dataDir, 'encore.db')).size / 1024) + 512;
    const run = await runChild(['write', dataDir], { fileSizeLimitKb: limitKb });
    const failed = await run.waitFor(/^failed /);
    const reads = await run.waitFor(/^reads /);
    const { code } = await run.exited;
    expect(code, run.stderr()).toBe(0);
    expect(failed).toMatch(/SQLITE_(FULL|IOERR)|EFBIG|too large|full/i);
    const [, tracks, upNext] = reads.split(' ').map(Number);
    expect(tracks).toBeGreaterThan(0);
    expect(upNext).toBeGreaterThan(0);
    const acked = run.lines.filter((l) => l.startsWith('ack ')).map((l) => Number(l.slice(4)));
    expect(acked.length).toBeGreaterThan(0);
    console.info(`file-size limit: ${acked.length} events acknowledged, then "${failed}"`);

    // Without the limit: consistent, nothing acknowledged missing, and writable again.
    const store = await Store.open(dataDir);
    try {
      expect(await store.integrityCheck()).toBe('ok');
      const stored = new Set((await store.feedback.since(0)).map((e) => e.id));
      expect(acked.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      await store.close();
    }
    const again = await runChild(['feedback', dataDir]);
    await again.waitFor(/^ack /);
    again.child.kill('SIGKILL');
    await again.exited;
  });
});
