/**
 * Sound in words and words about sound. Turns measured audio features into the phrase a
 * descriptor carries ("fast, 150 BPM, minor key, high energy, dark, sparse"), and turns the sound
 * words of a vibe query ("slow", "upbeat", "acoustic", "120 bpm") into soft constraints that
 * score how well a track's features fit (0…1).
 *
 * Thresholds are on the analysis stage's scales (src/shared/analysis.ts): bpm 50–220, arousal and
 * valence 0…1, loudness in LUFS, spectral centroid in Hz, danceability about 0…3, onsets per s.
 */

/** The audio features this module reads (a structural subset of the analysis AudioFeatures). */
export interface SoundFeatures {
  bpm?: number | null;
  scale?: 'major' | 'minor' | null;
  key?: string | null;
  arousal?: number | null;
  valence?: number | null;
  loudnessLufs?: number | null;
  spectralCentroid?: number | null;
  danceability?: number | null;
  onsetRate?: number | null;
}

// Tempo bands: ballads sit under ~80 BPM, most pop at 100–130, dance and rock above.
const SLOW_BPM = 85;
const FAST_BPM = 125;
// Spectral centroid: mellow acoustic material centres near 1–1.5 kHz, bright mixes above 3 kHz.
const MELLOW_HZ = 1500;
const BRIGHT_HZ = 3000;
// Integrated loudness: modern masters are around −9…−7 LUFS, quiet classical/folk below −18.
const LOUD_LUFS = -9;
const QUIET_LUFS = -18;

/** The sound-in-words phrase for a descriptor; '' without analysis. */
export function soundPhrase(f: SoundFeatures | undefined): string {
  if (!f) return '';
  const words: string[] = [];
  if (f.bpm) {
    words.push(f.bpm < SLOW_BPM ? 'slow' : f.bpm >= FAST_BPM ? 'fast' : 'mid-tempo');
    words.push(`${Math.round(f.bpm)} BPM`);
  }
  if (f.scale) words.push(f.key ? `${f.scale} key (${f.key} ${f.scale})` : `${f.scale} key`);
  if (f.arousal != null) {
    if (f.arousal > 0.66) words.push('high energy');
    else if (f.arousal < 0.33) words.push('low energy, calm');
  }
  if (f.valence != null) {
    if (f.valence > 0.66) words.push('bright, cheerful');
    else if (f.valence < 0.33) words.push('dark, melancholic');
  }
  if (f.spectralCentroid) {
    if (f.spectralCentroid < MELLOW_HZ) words.push('warm, mellow');
    else if (f.spectralCentroid > BRIGHT_HZ) words.push('bright, crisp');
  }
  if (f.loudnessLufs != null) {
    if (f.loudnessLufs > LOUD_LUFS) words.push('loud');
    else if (f.loudnessLufs < QUIET_LUFS) words.push('quiet');
  }
  // Danceability (DFA) above ~1.5 is a steady, strongly pulsed groove.
  if (f.danceability != null && f.danceability > 1.5) words.push('danceable');
  // Onsets per second: under ~1.5 is sparse (pads, slow piano), over ~5 busy (drums, fast picking).
  if (f.onsetRate != null) {
    if (f.onsetRate < 1.5) words.push('sparse');
    else if (f.onsetRate > 5) words.push('dense, busy');
  }
  return words.join(', ');
}

/** A soft rising (or falling) ramp: 0 at `from`, 1 at `to`. */
function ramp(x: number, from: number, to: number): number {
  const t = (x - from) / (to - from);
  return Math.min(1, Math.max(0, t));
}

export interface SoundTerm {
  /** What the query said and what it means, e.g. "slow → tempo under 90 BPM". */
  label: string;
  /** 0…1 fit of a track's features; null when the features do not tell. */
  fit(f: SoundFeatures): number | null;
}

const n = (v: number | null | undefined): v is number =>
  typeof v === 'number' && Number.isFinite(v);

const WORD_TERMS: [RegExp, string, (f: SoundFeatures) => number | null][] = [
  [
    /\b(slow|slower|ballad|downtempo)\b/,
    'tempo under 90 BPM',
    (f) => (n(f.bpm) ? ramp(f.bpm, 110, 80) : null),
  ],
  [
    /\b(fast|faster|uptempo|up-tempo|rapid)\b/,
    'tempo over 125 BPM',
    (f) => (n(f.bpm) ? ramp(f.bpm, 105, 135) : null),
  ],
  [
    /\b(upbeat|lively|bouncy)\b/,
    'brisk and energetic',
    (f) =>
      n(f.bpm) && n(f.arousal) ? (ramp(f.bpm, 95, 120) + ramp(f.arousal, 0.4, 0.7)) / 2 : null,
  ],
  [
    /\b(calm|chill|chilled|mellow|relaxing|relaxed|gentle|soft|peaceful)\b/,
    'low arousal',
    (f) => (n(f.arousal) ? ramp(f.arousal, 0.6, 0.25) : null),
  ],
  [
    /\b(energetic|intense|powerful|pumping|hard)\b/,
    'high arousal',
    (f) => (n(f.arousal) ? ramp(f.arousal, 0.45, 0.8) : null),
  ],
  [
    /\b(happy|cheerful|joyful|sunny|bright)\b/,
    'high valence',
    (f) => (n(f.valence) ? ramp(f.valence, 0.4, 0.75) : null),
  ],
  [
    /\b(sad|dark|melancholic|melancholy|gloomy|moody)\b/,
    'low valence',
    (f) => (n(f.valence) ? ramp(f.valence, 0.6, 0.25) : null),
  ],
  [
    /\b(acoustic|unplugged|organic)\b/,
    'mellow spectrum, sparse attacks',
    (f) => (n(f.spectralCentroid) ? ramp(f.spectralCentroid, 3000, 1500) : null),
  ],
  [
    /\b(loud|noisy|heavy)\b/,
    'loud master',
    (f) => (n(f.loudnessLufs) ? ramp(f.loudnessLufs, -16, -8) : null),
  ],
  [
    /\b(quiet|hushed|whisper)\b/,
    'quiet master',
    (f) => (n(f.loudnessLufs) ? ramp(f.loudnessLufs, -8, -18) : null),
  ],
  [
    /\b(dance|dancing|danceable|groovy|club)\b/,
    'danceable groove',
    (f) => (n(f.danceability) ? ramp(f.danceability, 0.9, 1.6) : null),
  ],
  [/\bminor\b/, 'minor key', (f) => (f.scale ? (f.scale === 'minor' ? 1 : 0) : null)],
  [/\bmajor\b/, 'major key', (f) => (f.scale ? (f.scale === 'major' ? 1 : 0) : null)],
];

/** The sound words of a query, as soft constraints on audio features. */
export function parseSoundTerms(query: string): SoundTerm[] {
  const q = query.toLowerCase();
  const terms: SoundTerm[] = [];
  for (const [pattern, meaning, fit] of WORD_TERMS) {
    const m = q.match(pattern);
    if (m) terms.push({ label: `${m[1] ?? m[0]} → ${meaning}`, fit });
  }
  for (const m of q.matchAll(/\b(\d{2,3})\s*bpm\b/g)) {
    const target = Number(m[1]);
    terms.push({
      label: `${target} bpm → tempo near ${target} (or half/double time)`,
      fit: (f) => {
        if (!n(f.bpm)) return null;
        // Tempo estimators often report half or double time; accept either within ±8 BPM.
        const off = Math.min(...[f.bpm, f.bpm * 2, f.bpm / 2].map((b) => Math.abs(b - target)));
        return ramp(off, 16, 4);
      },
    });
  }
  return terms;
}

/** Mean fit of the terms that the features can answer; null when none can. */
export function soundFit(terms: SoundTerm[], f: SoundFeatures | undefined): number | null {
  if (!f || terms.length === 0) return null;
  const fits = terms.map((t) => t.fit(f)).filter((x): x is number => x !== null);
  return fits.length ? fits.reduce((a, b) => a + b, 0) / fits.length : null;
}
