/**
 * Every option and setting is checked with the contract's schemas: an unknown key, a value of the
 * wrong type or one out of range is refused with exit 2 and a message naming what is allowed,
 * and nothing is changed.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { fixtureLibrary } from '../../helpers/fixtures';
import { runEncore, type CliRun } from '../../helpers/cli';

describe('encore refuses bad input clearly', () => {
  const { base, music } = fixtureLibrary({ prefix: 'encore-validate-cli-' });
  const env = { ENCORE_DATA_DIR: join(base, 'data'), ENCORE_OFFLINE: '1' };
  const encore = (...args: string[]): CliRun => runEncore(env, args);
  const settings = (): Record<string, unknown> =>
    JSON.parse(encore('recommend-settings', '--json').out) as Record<string, unknown>;

  function expectRefused(run: CliRun, message: RegExp): void {
    expect(run.code, run.err).toBe(2);
    expect(run.err).toMatch(message);
    expect(run.err).toMatch(/\nusage: encore /);
  }

  it('has a library', () => {
    expect(encore('scan', music).code).toBe(0);
  });

  it.each([
    // key, wrong type, out of range, what the message must name
    ['noRepeatHours', 'abc', '721', /a number from 0 to 720/],
    ['artistSpacing', 'abc', '0', /a whole number from 1 to 20/],
    ['artistSpacing', 'two', '2.5', /a whole number from 1 to 20/],
    ['adventurousness', 'abc', '5', /a number from 0 to 1/],
    ['adventurousness', '', '-0.1', /a number from 0 to 1/],
    ['autoDj', 'maybe', '2', /on or off/],
    ['excludedGenres', ',', 'Rock,,Pop', /a comma-separated list/],
    ['excludedArtists', ',', 'A,,B', /a comma-separated list/],
    ['excludedFolders', ',', '/a,,/b', /a comma-separated list/],
  ])('recommend-settings %s: refuses "%s" and "%s"', (key, wrongType, outOfRange, allowed) => {
    const before = settings();
    for (const value of [wrongType, outOfRange]) {
      const run = encore('recommend-settings', `${key}=${value}`);
      expectRefused(run, new RegExp(`${key} must be `));
      expect(run.err).toMatch(allowed);
      expect(run.err).toContain(`not "${value}"`);
    }
    expect(settings()).toEqual(before);
  });

  it('recommend-settings: refuses an unknown key, naming the known ones, and takes good values', () => {
    const before = settings();
    const bogus = encore('recommend-settings', 'bogus=1');
    expectRefused(
      bogus,
      /unknown setting "bogus" \(one of noRepeatHours, artistSpacing, adventurousness, autoDj, excludedGenres, excludedArtists, excludedFolders\)/,
    );
    expectRefused(encore('recommend-settings', 'adventurousness'), /expected KEY=VALUE/);
    // One bad pair refuses the whole command: the good pair before it is not applied either.
    expectRefused(
      encore('recommend-settings', 'artistSpacing=5', 'adventurousness=9'),
      /adventurousness must be/,
    );
    expect(settings()).toEqual(before);

    const ok = encore(
      'recommend-settings',
      'adventurousness=0.8',
      'autoDj=off',
      'artistSpacing=5',
      'excludedGenres=Christmas, Kids',
      'noRepeatHours=0',
    );
    expect(ok.code, ok.err).toBe(0);
    expect(settings()).toMatchObject({
      adventurousness: 0.8,
      autoDj: false,
      artistSpacing: 5,
      excludedGenres: ['Christmas', 'Kids'],
      noRepeatHours: 0,
    });
    expect(encore('recommend-settings', 'excludedGenres=').code).toBe(0);
    expect(settings()).toMatchObject({ excludedGenres: [] });
  });

  it('model use: only a known model, or a well-formed id with --custom', () => {
    const before = JSON.parse(encore('model', '--json').out) as { wanted: string };
    const nonsense = encore('model', 'use', 'nonsense/model');
    expectRefused(
      nonsense,
      /unknown model "nonsense\/model": one of Xenova\/paraphrase-multilingual-MiniLM-L12-v2, Xenova\/multilingual-e5-small, Xenova\/all-MiniLM-L6-v2/,
    );
    expectRefused(encore('model', 'use'), /name the model: one of Xenova\//);
    expectRefused(
      encore('model', 'use', 'not an id', '--custom'),
      /is not a Hugging Face model id/,
    );
    expectRefused(encore('model', 'frobnicate'), /unknown action "frobnicate"/);
    expectRefused(encore('model', 'offline', 'maybe'), /offline on.*offline off/);
    expect(JSON.parse(encore('model', '--json').out)).toMatchObject({ wanted: before.wanted });

    const custom = encore('model', 'use', 'someone/their-model', '--custom', '--json');
    expect(custom.code, custom.err).toBe(0);
    expect(JSON.parse(custom.out)).toMatchObject({ wanted: 'someone/their-model' });
    const known = encore('model', 'use', 'Xenova/all-MiniLM-L6-v2', '--json');
    expect(known.code, known.err).toBe(0);
    expect(JSON.parse(known.out)).toMatchObject({ wanted: 'Xenova/all-MiniLM-L6-v2' });
  });

  it('feedback: a known kind, and a position within the track', () => {
    const [track] = JSON.parse(encore('tracks', '--json').out) as {
      id: number;
      durationS: number;
    }[];
    const id = String(track.id);
    const events = (): number =>
      (JSON.parse(encore('taste', '--json').out) as { events: number }).events;
    const before = events();
    expectRefused(
      encore('feedback', id, 'love'),
      /unknown feedback "love" \(one of play, complete, skip/,
    );
    expectRefused(encore('feedback', id, 'skip@abc'), /seconds, from 0 up, not "abc"/);
    expectRefused(encore('feedback', id, 'skip@-1'), /seconds, from 0 up, not "-1"/);
    expectRefused(encore('feedback', id, 'skip@'), /seconds, from 0 up/);
    expectRefused(encore('feedback', id, 'skip@1@2'), /unknown feedback/);
    const past = encore('feedback', id, `skip@${Math.ceil(track.durationS) + 1}`);
    expectRefused(
      past,
      new RegExp(`past the end of the track: it is ${Math.floor(track.durationS)} s long`),
    );
    expectRefused(encore('feedback', '999999', 'like'), /no track with id 999999/);
    expect(events()).toBe(before);
    const ok = encore('feedback', id, `skip@${Math.floor(track.durationS / 2)}`);
    expect(ok.code, ok.err).toBe(0);
    expect(events()).toBe(before + 1);
  });

  it('taste --forget: says so when there is nothing to forget', () => {
    const nobody = encore('taste', '--forget', 'artist:Nobody Here');
    expect(nobody.code).toBe(1);
    expect(nobody.err).toMatch(
      /learned nothing about artist:Nobody Here, so there is nothing to forget/,
    );
    expect(nobody.out).not.toMatch(/Forgot/);
    expectRefused(
      encore('taste', '--forget', 'colour:red'),
      /forget what\? one of artist, genre, mood, album, decade, sound/,
    );
  });

  it.each([
    [['tracks', '--limit', 'abc'], /--limit must be a positive whole number, not "abc"/],
    [['tracks', '--limit', '0'], /--limit must be a positive whole number, not "0"/],
    [['search', 'a', '--limit=-3'], /--limit must be a positive whole number, not "-3"/],
    [['next', '--count', '1000'], /--count must be a whole number from 1 to 100, not "1000"/],
    [['station', 'artist:X', '--count', 'many'], /--count must be/],
    [['journey', '1', '2', '--steps', '1'], /--steps must be 2–100/],
    [['styles', '--cluster', 'x'], /--cluster must be a style number/],
    [
      ['tracks', '--sort', 'colour'],
      /--sort must be one of artist, album, title, added, duration, year/,
    ],
    [['stats', '--no-such-flag'], /Unknown option '--no-such-flag'/],
    [['mood', 'grumpy'], /name one of the moods: /],
  ])('encore %j is refused with exit 2', (args, message) => {
    expectRefused(encore(...args), message);
  });
});
