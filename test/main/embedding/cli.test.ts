/** The meaning commands as a person runs them: the built CLI in a subprocess. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureLibrary } from '../../helpers/fixtures';
import { runEncore, type CliRun } from '../../helpers/cli';
import { TINY_MODEL } from './helpers';

const encore = (env: Record<string, string>, ...args: string[]): CliRun => runEncore(env, args);

describe('encore vibe / moods / mood / styles / model', () => {
  const { base, music } = fixtureLibrary({ prefix: 'encore-meaning-cli-' });

  it('embeds on first use and answers with the semantic model from a local folder', () => {
    const env = { ENCORE_DATA_DIR: join(base, 'semantic'), ENCORE_MODEL_PATH: TINY_MODEL };
    expect(encore(env, 'scan', music).code).toBe(0);
    const model = encore(env, 'model', '--json');
    expect(model.code, model.err).toBe(0);
    expect(JSON.parse(model.out)).toMatchObject({
      semantic: true,
      state: 'ready',
      model: { id: `local:${TINY_MODEL}` },
    });

    const vibe = encore(env, 'vibe', 'slow songs about the night', '--limit', '3', '--json');
    expect(vibe.code, vibe.err).toBe(0);
    const result = JSON.parse(vibe.out) as {
      hits: { trackId: number; title: string }[];
      soundTerms: string[];
    };
    expect(result.hits).toHaveLength(3);
    expect(result.soundTerms[0]).toMatch(/^slow →/);

    const moods = encore(env, 'moods', String(result.hits[0].trackId));
    expect(moods.code, moods.err).toBe(0);
    for (const mood of ['happy', 'sad', 'calm', 'sleep'])
      expect(moods.out).toMatch(new RegExp(`\\n  ${mood} +[#.]{20} [01]\\.\\d\\d`));

    const sad = JSON.parse(encore(env, 'mood', 'sad', '--limit', '2', '--json').out) as {
      score: number;
    }[];
    expect(sad).toHaveLength(2);
    const styles = encore(env, 'styles');
    expect(styles.code, styles.err).toBe(0);
    expect(styles.out).toMatch(/Sounds like: /);
    expect(encore(env, 'mood', 'grumpy').code).toBe(2);
  });

  it('says clearly when the semantic model is not installed, and still answers', () => {
    const env = { ENCORE_DATA_DIR: join(base, 'offline'), ENCORE_OFFLINE: '1' };
    expect(encore(env, 'scan', music).code).toBe(0);
    const model = encore(env, 'model');
    expect(model.code).toBe(0);
    expect(model.out).toMatch(/^Semantic model not installed — using the lexical fallback/);
    expect(model.out).toMatch(
      /State: missing — the semantic model is not installed; Encore matches words instead \(Settings → Models to install it\)/,
    );
    // The raw reason stays in --json.
    expect(JSON.parse(encore(env, 'model', '--json').out)).toMatchObject({
      reason: expect.stringMatching(/semantic model not installed \(.*\) \(offline mode\)/),
    });
    const vibe = encore(env, 'vibe', 'night');
    expect(vibe.code, vibe.err).toBe(0);
    // A note, not an error: nothing failed, the lexical fallback answered.
    expect(vibe.err).toMatch(
      /^Note: the semantic model is not installed; Encore matches words instead \(Settings → Models to install it\)\.\n$/,
    );
    expect(vibe.err).not.toMatch(/encore:/);
  });
});
