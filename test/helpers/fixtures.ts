/** The fixture library (test/fixtures/library: 15 small files and their expected.json), copied
 * where a test may change it. */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './temp';

export const FIXTURES = join(__dirname, '../fixtures/library');

/**
 * A copy of the fixture library at `base/name` in a fresh temp folder (`prefix` names it).
 * `dropExpected` leaves out expected.json, so the copy holds only the music files.
 */
export function fixtureLibrary(
  opts: { name?: string; prefix?: string; dropExpected?: boolean } = {},
): { base: string; music: string } {
  const base = tempDir(opts.prefix);
  const music = join(base, opts.name ?? 'Music');
  cpSync(FIXTURES, music, { recursive: true });
  if (opts.dropExpected) rmSync(join(music, 'expected.json'));
  return { base, music };
}
