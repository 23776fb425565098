// "Why this is playing" says the measured sound in words, in both languages: tempo, key, and
// energy and mood by thirds of their 0–1 scales; what was not measured is left out.
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
