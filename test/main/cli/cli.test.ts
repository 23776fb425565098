/** The `encore` CLI as a person runs it: a subprocess of the built CLI, human and --json output. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fixtureLibrary } from '../../helpers/fixtures';
import { runEncore, type CliRun } from '../../helpers/cli';

const encore = (dataDir: string, ...args: string[]): CliRun =>
  runEncore({ ENCORE_DATA_DIR: dataDir }, args);

describe('encore CLI', () => {
  const { base, music } = fixtureLibrary();
  const data = join(base, 'data');

  it('scans a folder, then lists, searches and counts what it found', () => {
    const scan = encore(data, 'scan', music, '--json');
    expect(scan.code, scan.err).toBe(0);
    const summary = JSON.parse(scan.out) as { added: number; errors: number };
    expect(summary.added).toBeGreaterThan(5);
    expect(summary.errors).toBeGreaterThan(0); // the fixture library holds broken files on purpose

    const tracks = JSON.parse(encore(data, 'tracks', '--json').out) as {
      title: string;
      artist: string;
    }[];
    expect(tracks.length).toBe(summary.added);
    const stats = JSON.parse(encore(data, 'stats', '--json').out) as {
      tracks: number;
      errors: number;
    };
    expect(stats).toMatchObject({ tracks: summary.added, errors: summary.errors });

    const first = tracks[0];
    const found = JSON.parse(encore(data, 'search', first.title, '--json').out) as {
      title: string;
    }[];
    expect(found.map((t) => t.title)).toContain(first.title);
    const human = encore(data, 'search', first.title);
    expect(human.out).toContain(first.title);

    const errors = encore(data, 'tracks', '--errors');
    expect(errors.out).toMatch(/empty file|not an audio file|Invalid|damaged/i);
  });

  it('fails clearly, with a non-zero exit, on bad arguments and folders that do not exist', () => {
    const missing = encore(data, 'scan', join(base, 'no-such-folder'));
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/not found/);
    const unknown = encore(data, 'frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/unknown command/);
    const badOption = encore(data, 'tracks', '--sort', 'colour');
    expect(badOption.code).toBe(2);
    expect(badOption.err).toMatch(/--sort must be one of/);
    const badFlag = encore(data, 'stats', '--no-such-flag');
    expect(badFlag.code).toBe(2);
    const noQuery = encore(data, 'search');
    expect(noQuery.code).toBe(2);
  });
});
