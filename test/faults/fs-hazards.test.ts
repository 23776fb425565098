/**
 * File-system hazards: permission-denied files and folders, symlink loops and dangling links, and
 * very deep folders. Permissions mean nothing to root (CI runs as root), so the scans that must
 * be denied run in a child process under an unprivileged uid (nobody, 65534); as a normal user the
 * child simply runs as that user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  mkdirSync,
  readdirSync,
  statSync,
  symlinkSync,
  utimesSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { createEngine, type Engine } from '../../src/main/engine';
import { Store } from '../../src/main/store/index';
import { describeOrSkip } from '../helpers/skip';
import { tempDir } from '../helpers/temp';
import { fixtureSources } from './corpus';
import { runChild } from './child';
import type { ScanSummary } from '../../src/shared/library';

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const MP3 = fixtureSources().find((s) => s.endsWith('.mp3')) as string;

/** Makes `path` and everything under it owned by nobody (when we are root). */
function giveToNobody(path: string): void {
  if (!isRoot) return;
  chownSync(path, NOBODY, NOBODY);
  if (statSync(path).isDirectory())
    for (const name of readdirSync(path)) giveToNobody(join(path, name));
}

/** Runs a scan in a child process that file permissions apply to. */
async function scanUnprivileged(dataDir: string, root: string): Promise<ScanSummary> {
  const run = await runChild(['scan', dataDir, root], isRoot ? { uid: NOBODY, gid: NOBODY } : {});
  const line = await run.waitFor(/^summary /);
  const { code } = await run.exited;
  expect(code, run.stderr()).toBe(0);
  return JSON.parse(line.slice('summary '.length)) as ScanSummary;
}

/**
 * As root, the child runs as nobody, who must be able to reach node, the repository (node_modules,
 * the test build) and /tmp: true when every folder on the way lets others through.
 */
function othersCanReach(path: string): boolean {
  for (let dir = path; dir !== dirname(dir); dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
  }
  return true;
}
const unreachable = isRoot
  ? [process.execPath, __dirname, tmpdir()].filter((p) => !othersCanReach(dirname(p)))
  : [];
describeOrSkip(
  unreachable.length > 0 ? `uid ${NOBODY} cannot reach ${unreachable.join(', ')}` : null,
)('permission-denied files and folders', () => {
  const dataDir = tempDir('encore-perm-data-');
  const base = tempDir('encore-perm-');
  const root = join(base, 'Music');
  const open = join(root, 'open', 'a.mp3');
  const lockedFile = join(root, 'files', 'b.mp3');
  const lockedDir = join(root, 'locked');
  const inLockedDir = join(lockedDir, 'c.mp3');
  const newLocked = join(root, 'files', 'd.mp3');

  beforeAll(() => {
    for (const f of [open, lockedFile, inLockedDir]) {
      mkdirSync(dirname(f), { recursive: true });
      copyFileSync(MP3, f);
    }
    // The child (maybe nobody) needs to reach the test build of the workers and its data dir.
    const build = process.env.ENCORE_BUILD_DIR;
    if (build && isRoot) chmodSync(build, 0o755);
    if (isRoot) chmodSync(base, 0o755);
    giveToNobody(dataDir);
    giveToNobody(root);
  });

  afterAll(() => {
    chmodSync(lockedDir, 0o755); // so the temp folder can be removed
  });

  it('keeps tracks it can no longer read, records new unreadable files, and recovers', async () => {
    const first = await scanUnprivileged(dataDir, root);
    expect(first.added).toBe(3);
    const store = await Store.open(dataDir);
    const ids = new Map((await store.tracks.list()).map((t) => [t.path, t.id]));
    await store.close();

    chmodSync(lockedFile, 0o000);
    chmodSync(lockedDir, 0o000);
    copyFileSync(MP3, newLocked);
    giveToNobody(newLocked);
    chmodSync(newLocked, 0o000);
    // Content changed (new mtime) so the scan must open the locked file again.
    const later = new Date(Date.now() + 5000);
    utimesSync(lockedFile, later, later);
    const denied = await scanUnprivileged(dataDir, root);
    expect(denied.removed).toBe(0);
    expect(denied.unreadableFolders).toEqual([{ path: lockedDir, error: 'permission denied' }]);

    const during = await Store.open(dataDir);
    const tracks = await during.tracks.list();
    const byPath = new Map(tracks.map((t) => [t.path, t]));
    // The readable track is untouched; the locked one keeps its row; the hidden one is missing.
    expect(byPath.get(open)?.missing).toBe(false);
    expect(byPath.get(lockedFile)?.id).toBe(ids.get(lockedFile));
    expect(byPath.get(inLockedDir)?.missing).toBe(true);
    const errors = await during.tracks.errors();
    expect(errors.map((e) => e.path)).toEqual([newLocked]);
    expect(errors[0].error).toMatch(/permission denied|EACCES/i);
    await during.close();

    chmodSync(lockedFile, 0o644);
    chmodSync(lockedDir, 0o755);
    chmodSync(newLocked, 0o644);
    await scanUnprivileged(dataDir, root);
    const after = await Store.open(dataDir);
    try {
      const back = await after.tracks.list({ present: true });
      expect(back.map((t) => t.path).sort()).toEqual(
        [open, lockedFile, inLockedDir, newLocked].sort(),
      );
      for (const t of back) if (ids.has(t.path)) expect(t.id).toBe(ids.get(t.path));
      expect(await after.tracks.errors()).toEqual([]);
      expect(await after.integrityCheck()).toBe('ok');
    } finally {
      await after.close();
    }
  });
});

describe('symlinks and deep folders', () => {
  let engine: Engine;
  const base = tempDir('encore-links-');
  const root = join(base, 'lib');
  const real = join(root, 'real', 'song.mp3');

  beforeAll(async () => {
    mkdirSync(dirname(real), { recursive: true });
    copyFileSync(MP3, real);
    symlinkSync(root, join(root, 'real', 'loop-to-root'));
    symlinkSync('.', join(root, 'self'));
    symlinkSync(join(root, 'b'), join(root, 'a')); // a → b → a: ELOOP
    symlinkSync(join(root, 'a'), join(root, 'b'));
    symlinkSync(join(root, 'nowhere.mp3'), join(root, 'dangling.mp3'));
    symlinkSync(join(root, 'b'), join(root, 'cycle.mp3'));
    symlinkSync(real, join(root, 'alias.mp3'));
    // Deep: 60 levels, within the walker's guard of 64 (files deeper are skipped: see reliability.md).
    for (const depth of [60]) {
      const dir = join(root, 'deep', ...Array.from({ length: depth }, (_, i) => `${i}`));
      mkdirSync(dir, { recursive: true });
      copyFileSync(MP3, join(dir, `at-${depth}.mp3`));
    }
    engine = await createEngine({ dataDir: tempDir('encore-links-data-'), workers: 1 });
    await engine.meaning.configure({ offline: true });
    await engine.library.addRoot(root);
  });

  afterAll(async () => {
    await engine?.close();
  });

  it('ends on loops and cycles, skips dangling links, and reads each real folder once', async () => {
    const summary = await engine.library.scan();
    expect(summary.cancelled).toBe(false);
    const paths = (await engine.store.tracks.list()).map((t) => t.path);
    expect(paths).toContain(real);
    expect(paths).toContain(join(root, 'alias.mp3'));
    expect(paths.some((p) => p.includes('loop-to-root'))).toBe(false);
    expect(paths.filter((p) => p.includes('/self/'))).toEqual([]);
    expect(paths.some((p) => p.endsWith('dangling.mp3') || p.endsWith('cycle.mp3'))).toBe(false);
    expect(await engine.store.tracks.errors()).toEqual([]);
  });

  it('reads files 60 folders deep', async () => {
    const paths = (await engine.store.tracks.list()).map((t) => t.path);
    expect(paths.some((p) => p.endsWith('at-60.mp3'))).toBe(true);
  });
});
