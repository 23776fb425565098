/**
 * Derived mood coordinates from the measured features: arousal (calm → energetic) and valence
 * (sad → happy), both in [0, 1]. Heuristic linear blends of features the music-emotion literature
 * links to each axis (tempo, loudness, onset density and brightness for arousal; mode, brightness,
 * danceability and tempo for valence). Used for moods and the mood map, not as ground truth.
 *
 *   n(x, lo, hi) = clamp((x − lo) / (hi − lo), 0, 1)
 *   arousal = 0.30·n(bpm, 60, 180) + 0.30·n(loudness, −30, −6) + 0.20·n(onsetRate, 0.5, 6)
 *           + 0.20·n(centroid, 600, 3500)
 *   mode    = 0.5 ± 0.5·keyStrength (+ for major, − for minor)
 *   valence = 0.40·mode + 0.25·n(danceability, 0.6, 2.0) + 0.20·n(centroid, 600, 3500)
 *           + 0.15·n(bpm, 60, 160)
 * The weights of each axis sum to 1, so both stay in [0, 1].
 */

/** The subset of features the mood formulas read. */
export interface MoodInputs {
  bpm: number;
  loudnessLufs: number;
  onsetRate: number;
  spectralCentroid: number;
  scale: 'major' | 'minor';
  keyStrength: number;
  danceability: number;
}

function n(x: number, lo: number, hi: number): number {
  if (!Number.isFinite(x)) return 0.5;
  return Math.min(1, Math.max(0, (x - lo) / (hi - lo)));
}

/** Arousal in [0, 1]: 0 calm, 1 energetic. */
export function arousalOf(f: MoodInputs): number {
  return (
    0.3 * n(f.bpm, 60, 180) +
    0.3 * n(f.loudnessLufs, -30, -6) +
    0.2 * n(f.onsetRate, 0.5, 6) +
    0.2 * n(f.spectralCentroid, 600, 3500)
  );
}

/** Valence in [0, 1]: 0 sad, 1 happy. */
export function valenceOf(f: MoodInputs): number {
  const strength = Math.min(1, Math.max(0, f.keyStrength));
  const mode = f.scale === 'major' ? 0.5 + 0.5 * strength : 0.5 - 0.5 * strength;
  return (
    0.4 * mode +
    0.25 * n(f.danceability, 0.6, 2.0) +
    0.2 * n(f.spectralCentroid, 600, 3500) +
    0.15 * n(f.bpm, 60, 160)
  );
}
