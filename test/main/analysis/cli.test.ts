/** `encore analyze` and `encore features` as a person runs them: subprocesses of the built CLI. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp';
import { runEncore, type CliRun } from '../../helpers/cli';
import { cadence, drumTrack, writeWav } from './signals';

const encore = (dataDir: string, ...args: string[]): CliRun =>
  runEncore({ ENCORE_DATA_DIR: dataDir }, args);

describe('encore analyze / features', () => {
  const base = tempDir('encore-analysis-cli-');
  const data = join(base, 'data');
  const music = join(base, 'Music', 'Test Artist', 'Test Album');

  beforeAll(() => {
    mkdirSync(music, { recursive: true });
    writeWav(join(music, '01 - Drums.wav'), [drumTrack(128, 45)]);
    writeWav(join(music, '02 - Cadence.wav'), [cadence('D', 'major', 45)]);
    writeFileSync(
      join(music, '03 - Broken.wav'),
      Buffer.concat([Buffer.from('RIFF\0\0\0\0WAVEfmt '), Buffer.alloc(300)]),
    );
  });

  it('analyses the library, then shows one track; --limit, --json and bad arguments behave', () => {
    const scan = encore(data, 'scan', join(base, 'Music'), '--json');
    expect(scan.code, scan.err).toBe(0);

    const first = encore(data, 'analyze', '--limit', '1', '--json');
    expect(first.code, first.err).toBe(0);
    const one = JSON.parse(first.out) as { done: number; library: { pending: number } };
    expect(one.done).toBe(1);

    const rest = encore(data, 'analyze', '--json');
    expect(rest.code, rest.err).toBe(0);
    const summary = JSON.parse(rest.out) as {
      done: number;
      library: { ok: number; pending: number };
    };
    expect(summary.library.pending).toBe(0);
    expect(summary.library.ok).toBe(2);

    const shown = encore(data, 'features', join(music, '02 - Cadence.wav'), '--json');
    expect(shown.code, shown.err).toBe(0);
    const f = JSON.parse(shown.out) as { features: { status: string; key: string; scale: string } };
    expect(f.features).toMatchObject({ status: 'ok', key: 'D', scale: 'major' });

    const human = encore(data, 'features', 'Drums');
    expect(human.code, human.err).toBe(0);
    expect(human.out).toMatch(/tempo: +12\d\.\d BPM|tempo: +6\d\.\d BPM|tempo: +25\d\.\d BPM/);
    expect(human.out).toMatch(/gain .* dB \(to −18 LUFS\)/);

    expect(encore(data, 'features').code).toBe(2);
    expect(encore(data, 'analyze', '--limit', 'many').code).toBe(2);
    expect(encore(data, 'features', 'no such track anywhere').code).toBe(1);
  });
});
