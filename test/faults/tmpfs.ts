/**
 * A small tmpfs for the disk-full tests, so that "full" comes quickly and touches nothing else.
 * Mounting needs root on Linux (CI runs as root); elsewhere the caller's suite is skipped and
 * says why.
 */
import { afterAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { tempDir } from '../helpers/temp';

export interface Tmpfs {
  mountPoint: string;
  /** null when mounted (it is unmounted when the test file is done), else why not. */
  whyNot: string | null;
}

/** A tmpfs of `size` (mount's notation: `8m`) on a new folder named from `prefix`. */
export function mountTmpfs(prefix: string, size: string): Tmpfs {
  const mountPoint = tempDir(prefix);
  if (process.platform !== 'linux') return { mountPoint, whyNot: 'tmpfs mounts are a Linux test' };
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mountPoint], {
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    const error = (r.stderr || r.error?.message || '').trim();
    return { mountPoint, whyNot: `cannot mount a tmpfs (${error}); needs root on Linux` };
  }
  afterAll(() => {
    spawnSync('umount', [mountPoint]);
  });
  return { mountPoint, whyNot: null };
}
