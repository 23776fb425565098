/** The `encore` CLI as a person runs it: a subprocess of the built CLI, human and --json output. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it('lists problems in words, grouped by reason, with the raw messages kept in --json', () => {
    const errors = encore(data, 'tracks', '--errors');
    expect(errors.code, errors.err).toBe(0);
    expect(errors.out).toMatch(
      /^cannot read this file: it is empty \(0 bytes\) \(1\):\n {2}.*empty\.mp3$/m,
    );
    expect(errors.out).toMatch(/^not an audio file \(1\):\n {2}.*not-audio\.flac$/m);
    expect(errors.out).toMatch(
      /^cannot read this file: it ends early \(truncated\) \(1\):\n {2}.*truncated\.mp3$/m,
    );
    expect(errors.out).not.toMatch(/DataView|pageConsumer|preamble|exceeds remaining/);
    const groups = JSON.parse(encore(data, 'tracks', '--errors', '--json').out) as {
      reason: string;
      problems: { error: string; stage: string }[];
    }[];
    const raw = groups.flatMap((g) => g.problems.map((p) => p.error));
    expect(raw).toContain('Invalid FLAC preamble');
    expect(raw).toContain('empty file (0 bytes)');

    const clean = join(base, 'clean');
    const none = encore(clean, 'tracks', '--errors');
    expect(none.code).toBe(0);
    expect(none.out).toBe('No problems: every file could be read.\n');
    expect(JSON.parse(encore(clean, 'tracks', '--errors', '--json').out)).toEqual([]);
  });

  it('lists the files analysis could not read with the scan problems', () => {
    const dir = join(base, 'cut');
    mkdirSync(dir);
    const full = join(dir, 'full.flac');
    const made = spawnSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'sine=duration=5',
      '-y',
      full,
    ]);
    expect(made.status, String(made.stderr)).toBe(0);
    // The header survives (the scan reads it), the audio does not (analysis cannot).
    writeFileSync(join(dir, 'cut.flac'), readFileSync(full).subarray(0, 60));
    rmSync(full);
    const cutData = join(base, 'cut-data');
    expect(encore(cutData, 'scan', dir).code).toBe(0);
    expect(encore(cutData, 'analyze').code).toBe(0);
    const errors = encore(cutData, 'tracks', '--errors');
    expect(errors.out).toMatch(
      /^cannot read this file: it ends early \(truncated\) \(1\):\n {2}.*cut\.flac {2}\[analysis\]$/m,
    );
    const [group] = JSON.parse(encore(cutData, 'tracks', '--errors', '--json').out) as {
      problems: { stage: string; error: string }[];
    }[];
    expect(group.problems[0]).toMatchObject({
      stage: 'analysis',
      error: expect.stringMatching(/truncated/),
    });
  });

  it('says what is wrong with a file in words, naming it; the raw error stays in --json', () => {
    const bad = join(base, 'bad.json');
    writeFileSync(bad, '{bad');
    const broken = encore(data, 'import-history', bad);
    expect(broken.code).toBe(1);
    expect(broken.err).toBe(`encore: ${bad}: cannot read this file: it is not valid JSON\n`);
    const gone = encore(data, 'import-history', join(base, 'gone.json'), '--json');
    expect(gone.code).toBe(1);
    expect(gone.err).toBe(
      `encore: ${join(base, 'gone.json')}: the file is not there (moved, renamed or deleted?)\n`,
    );
    expect(JSON.parse(gone.out)).toEqual({
      error: {
        reason: 'no-file',
        message: `${join(base, 'gone.json')}: the file is not there (moved, renamed or deleted?)`,
        raw: expect.stringMatching(/^ENOENT: no such file or directory/),
      },
    });
  });

  it('help --json is JSON, listing every command', () => {
    const help = encore(data, 'help', '--json');
    expect(help.code).toBe(0);
    const parsed = JSON.parse(help.out) as { commands: { name: string; usage: string }[] };
    expect(parsed.commands.map((c) => c.name)).toEqual(
      expect.arrayContaining(['scan', 'tracks', 'search', 'next', 'recommend-settings', 'model']),
    );
    const one = JSON.parse(encore(data, 'tracks', '--help', '--json').out) as { name: string };
    expect(one.name).toBe('tracks');
    expect(encore(data, 'help').out).toMatch(/^Encore — /);
  });
});
