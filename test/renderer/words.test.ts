// The words the UI builds from numbers, in both languages. "Why this is playing": tempo, key, and
// energy and mood by thirds of their 0–1 scales, what was not measured left out; and plurals.
import { describe, expect, it } from 'vitest';
import { soundInWords } from '../../src/renderer/src/lib/sound-words';
import { translator } from '../../src/renderer/src/i18n/strings';

const en = translator('en');
const zh = translator('zh-CN');

describe('soundInWords', () => {
  it('names tempo, key, energy and mood', () => {
    const f = { bpm: 91.6, key: 'A', scale: 'minor', arousal: 0.2, valence: 0.1 } as const;
    expect(soundInWords(en, f)).toBe('92 BPM · A minor · calm · sad');
    expect(soundInWords(zh, f)).toBe('92 BPM · A 小调 · 平静 · 伤感');
  });

  it('puts the middle third and the high third into words', () => {
    expect(
      soundInWords(en, { bpm: null, key: 'C', scale: 'major', arousal: 0.5, valence: 0.9 }),
    ).toBe('C major · moderate energy · happy');
    expect(soundInWords(en, { bpm: 128, key: null, scale: null, arousal: 0.8, valence: 0.5 })).toBe(
      '128 BPM · energetic · neither sad nor happy',
    );
  });

  it('is empty when nothing was measured', () => {
    expect(
      soundInWords(en, { bpm: null, key: null, scale: null, arousal: null, valence: null }),
    ).toBe('');
  });
});

describe('plurals', () => {
  it('says "1 song" and "2 songs" in English, the same form in Chinese', () => {
    expect(en('tracksCount', { n: 1 })).toBe('1 song');
    expect(en('tracksCount', { n: 2 })).toBe('2 songs');
    expect(en('tracksCount', { n: 0 })).toBe('0 songs');
    expect(en('resultsFor', { n: 1, q: 'x' })).toBe('1 result for “x”');
    expect(zh('tracksCount', { n: 1 })).toBe(zh('tracksCount', { n: 2 }).replace('2', '1'));
  });
});
