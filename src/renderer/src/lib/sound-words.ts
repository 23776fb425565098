/**
 * The measured sound of a track in words, for "why this is playing": tempo, key, and energy and
 * mood as the person would say them ("92 BPM · A minor · calm · sad").
 */
import type { AudioFeatures } from '../../../shared/analysis';
import type { Translate } from '../i18n/strings';

// Thirds of the 0–1 arousal (energy) and valence (mood) scales: low, middle, high.
const LOW = 1 / 3;
const HIGH = 2 / 3;

export function soundInWords(
  t: Translate,
  f: Pick<AudioFeatures, 'bpm' | 'key' | 'scale' | 'arousal' | 'valence'>,
): string {
  const parts: string[] = [];
  if (f.bpm !== null) parts.push(t('tempoBpm', { n: Math.round(f.bpm) }));
  if (f.key !== null) parts.push(t(f.scale === 'minor' ? 'keyMinor' : 'keyMajor', { key: f.key }));
  if (f.arousal !== null)
    parts.push(t(f.arousal < LOW ? 'energyLow' : f.arousal > HIGH ? 'energyHigh' : 'energyMid'));
  if (f.valence !== null)
    parts.push(t(f.valence < LOW ? 'moodLow' : f.valence > HIGH ? 'moodHigh' : 'moodMid'));
  return parts.join(' · ');
}
