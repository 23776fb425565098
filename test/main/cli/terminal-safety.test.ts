/**
 * Text from files never reaches the terminal raw: a tag or file name holding OSC/CSI escapes,
 * a C1 control, a bidi override and a newline is shown escaped, on one line, by every command
 * that prints tags; --json keeps the exact text.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { runEncore, type CliRun } from '../../helpers/cli';
import { HOSTILE, HOSTILE_SHOWN, RAW_CONTROL, hostileLibrary } from './hostile-library';

describe('terminal safety of the CLI', () => {
  const { base, music } = hostileLibrary();
  // Offline: the meaning commands answer with the lexical fallback, no download.
  const env = { ENCORE_DATA_DIR: join(base, 'data'), ENCORE_OFFLINE: '1' };
  const encore = (...args: string[]): CliRun => runEncore(env, args);
  /** The ids of the three readable tracks, in title order ("#1" in an argument stands for the first). */
  let ids: number[] = [];
  const withIds = (args: string[]): string[] =>
    args.map((a) => a.replace(/^#(\d)$/, (_, n: string) => String(ids[Number(n) - 1])));

  /** Every line that mentions the attack shows it escaped, and nothing raw is anywhere. */
  function expectSafe(run: CliRun, what: string): void {
    expect(run.code, `${what}: ${run.err}`).toBe(0);
    expect(
      RAW_CONTROL.test(run.out),
      `${what} stdout holds a raw control: ${JSON.stringify(run.out)}`,
    ).toBe(false);
    expect(
      RAW_CONTROL.test(run.err),
      `${what} stderr holds a raw control: ${JSON.stringify(run.err)}`,
    ).toBe(false);
    expect(run.out, what).toContain(HOSTILE_SHOWN);
    // The newline inside the tag did not start a line of its own.
    expect(
      run.out.split('\n').some((l) => l.startsWith('FAKE LINE')),
      what,
    ).toBe(false);
  }

  it('scans the hostile files, and --json keeps their exact text', () => {
    const scan = encore('scan', music);
    expect(scan.code, scan.err).toBe(0);
    expect(RAW_CONTROL.test(scan.out)).toBe(false);
    const tracks = JSON.parse(encore('tracks', '--json').out) as { title: string; path: string }[];
    expect(tracks.map((t) => t.title).sort()).toEqual([1, 2, 3].map((n) => `T${n}${HOSTILE}`));
    expect(tracks[0].path).toContain(HOSTILE);
    ids = [...tracks]
      .sort((a, b) => a.title.localeCompare(b.title))
      .map((t) => (t as unknown as { id: number }).id);
  });

  it.each([
    ['tracks'],
    ['tracks', '--errors'],
    ['search', 'evil'],
    ['next'],
    ['roots'],
    ['next', '--after', '#1'],
    ['feedback', '#1', 'like'],
    ['feedback', '#2', 'skip@3'],
    ['feedback', '#3', 'complete'],
    ['feedback', '#1', 'complete'],
    ['taste'],
    ['station', '#1'],
    ['station', `artist:A${HOSTILE}`],
    // The meaning commands first: they embed the tracks the mood playlist then draws on.
    ['vibe', 'calm night'],
    ['moods', '#1'],
    ['similar', '#1'],
    ['mood', 'calm'],
    ['journey', '#1', '#3', '--steps', '3'],
    ['playlist', 'mood', 'calm'],
    ['features', '#1'],
  ])('encore %s … shows the attack escaped, one record per line', (...args) => {
    const run = encore(...withIds(args));
    if (args[0] === 'features') {
      // Not analysed yet: exit 1 by design, but the track line is still printed safely.
      expect(run.code).toBe(1);
      run.code = 0;
    }
    if (args[0] === 'roots') {
      // The root's own path is harmless; its tracks' names are not printed here.
      expect(RAW_CONTROL.test(run.out)).toBe(false);
      return;
    }
    expectSafe(run, args.join(' '));
  });

  it('taste --forget names the hostile artist escaped', () => {
    const like = encore('feedback', String(ids[2]), 'like');
    expect(like.code, like.err).toBe(0);
    const taste = JSON.parse(encore('taste', '--json').out) as { likes: { name: string }[] };
    const liked = taste.likes.find((l) => l.name.includes('PWNED'));
    expect(liked, JSON.stringify(taste.likes)).toBeDefined();
    const forget = encore('taste', '--forget', `artist:${liked?.name ?? ''}`);
    expect(forget.code, forget.err).toBe(0);
    expect(RAW_CONTROL.test(forget.out)).toBe(false);
    expect(forget.out).toMatch(/^Forgot artist:.*\\x1b\]0;PWNED/m);
  });

  it('an error quoting a hostile name is escaped too', () => {
    const run = encore('search', `no such ${HOSTILE}`);
    expect(run.code).toBe(0);
    expect(RAW_CONTROL.test(run.out)).toBe(false);
    expect(run.out).toContain(`Nothing matches "no such ${HOSTILE_SHOWN}"`);
    const bad = encore('features', `/nowhere/${HOSTILE}`);
    expect(bad.code).toBe(1);
    expect(RAW_CONTROL.test(bad.err)).toBe(false);
  });
});
