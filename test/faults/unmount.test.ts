/**
 * A library root that is a mount point, unmounted in the middle of a scan (an unplugged drive, a
 * dropped network share) and mounted again: the mount point stays behind as an empty folder,
 * which must not empty the library. A bind mount stands in for the drive; mounting needs root
 * (CI runs as root), elsewhere the test is skipped and says why.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../src/main/engine';
import { describeOrSkip } from '../helpers/skip';
import { copiedAlbums, expectRestored, firstScanWithHistory, scanPulling } from './pulled-root';

// Enough files that the reading phase lasts long enough to unmount under it.
const COPIES = 30;

const base = mkdtempSync(join(tmpdir(), 'encore-unmount-'));
const disk = join(base, 'disk');
const root = join(base, 'Music');
mkdirSync(disk);
mkdirSync(root);
const mount = (): boolean => spawnSync('mount', ['--bind', disk, root]).status === 0;
// Lazy: a tag worker may hold a file open at the moment the drive goes.
const unmount = (): boolean => spawnSync('umount', ['-l', root]).status === 0;
const canMount = process.platform === 'linux' && mount();
if (canMount) unmount();
const cannotMount = canMount ? null : 'cannot bind-mount (needs root on Linux)';

let engine: Engine;
const files: string[] = [];
let mounted = false;

beforeAll(async () => {
  if (!canMount) return;
  files.push(...copiedAlbums(disk, COPIES));
  mounted = mount();
  engine = await createEngine({ dataDir: join(base, 'data'), workers: 1 });
  await engine.meaning.configure({ offline: true });
  await engine.library.addRoot(root);
});

afterAll(async () => {
  await engine?.close();
  if (mounted) unmount();
  rmSync(base, { recursive: true, force: true });
});

describeOrSkip(cannotMount)('a mounted root unmounted mid-scan', () => {
  it('marks its tracks missing, removes nothing, and restores them with their history', async () => {
    const scanned = await firstScanWithHistory(engine, files, 30, 'like');

    // The drive goes after 40 files of a scan that has to read them all again.
    const { pulled, summary: during } = await scanPulling(engine, files, 40, unmount);
    mounted = !pulled;
    expect(pulled).toBe(true);
    expect(during.removed).toBe(0);

    // Unmounted: an empty folder where the music was.
    const away = await engine.library.scan();
    expect(away.removed).toBe(0);
    expect(away.unavailableRoots).toEqual([root]);
    const stats = await engine.store.tracks.stats();
    expect(stats.tracks).toBe(files.length);
    expect(stats.missing).toBe(files.length);

    mounted = mount();
    expect(mounted).toBe(true);
    await engine.library.scan();
    await expectRestored(engine, files, scanned);
  });
});
