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

/** Fit (0…1) from which a track is said to have a trait a vibe query asked for. */
export const TRAIT_FIT = 0.6;

/** The traits of `terms` this track has (fit ≥ TRAIT_FIT), by what they mean ("low arousal"). */
export function matchedTraits(terms: SoundTerm[], f: SoundFeatures | undefined): string[] {
  if (!f) return [];
  return terms
    .filter((t) => (t.fit(f) ?? 0) >= TRAIT_FIT)
    .map((t) => t.label.slice(t.label.indexOf('→') + 1).trim());
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

/**
 * A word pattern: English and Spanish words matched whole (letters on neither side, accents
 * included), Chinese words matched anywhere (Chinese is written without spaces).
 */
function words(latin: string, han = ''): RegExp {
  const alternatives = han
    ? `(?<![\\p{L}])(${latin})(?![\\p{L}])|(${han})`
    : `(?<![\\p{L}])(${latin})(?![\\p{L}])`;
  return new RegExp(alternatives, 'u');
}

const arousalUp = (f: SoundFeatures): number | null =>
  n(f.arousal) ? ramp(f.arousal, 0.45, 0.8) : null;
const arousalDown = (f: SoundFeatures): number | null =>
  n(f.arousal) ? ramp(f.arousal, 0.6, 0.25) : null;

const WORD_TERMS: [RegExp, string, (f: SoundFeatures) => number | null][] = [
  [
    words('slow|slower|ballad|downtempo|lento|lenta', '慢'),
    'tempo under 90 BPM',
    (f) => (n(f.bpm) ? ramp(f.bpm, 110, 80) : null),
  ],
  [
    words('fast|faster|uptempo|up-tempo|rapid|rápido|rápida', '快节奏|快速'),
    'tempo over 125 BPM',
    (f) => (n(f.bpm) ? ramp(f.bpm, 105, 135) : null),
  ],
  [
    words('upbeat|lively|bouncy|animado|animada'),
    'brisk and energetic',
    (f) =>
      n(f.bpm) && n(f.arousal) ? (ramp(f.bpm, 95, 120) + ramp(f.arousal, 0.4, 0.7)) / 2 : null,
  ],
  [
    words(
      'calm|chill|chilled|mellow|relaxing|relaxed|gentle|soft|peaceful|serene|tranquilo|tranquila|calma|relajante|suave',
      '平静|安静|放松|轻柔|宁静',
    ),
    'low arousal',
    arousalDown,
  ],
  [
    // Rain on the window: quiet, soft, unhurried music.
    words('rain|rainy|raining|lluvia|lluvioso', '雨'),
    'soft and calm',
    (f) => {
      const a = arousalDown(f);
      const l = n(f.loudnessLufs) ? ramp(f.loudnessLufs, -10, -20) : null;
      return a === null ? l : l === null ? a : (a + l) / 2;
    },
  ],
  [
    words(
      'energetic|intense|powerful|pumping|hard|enérgico|enérgica|intenso|intensa',
      '激烈|活力|动感|强烈',
    ),
    'high arousal',
    arousalUp,
  ],
  [
    // Epic and battle music: high energy, full and loud.
    words('epic|battle|war|fight|heroic|épico|épica|batalla|guerra|lucha', '史诗|战斗|战争|激战'),
    'high energy, full and loud',
    (f) => {
      const a = arousalUp(f);
      const l = n(f.loudnessLufs) ? ramp(f.loudnessLufs, -22, -12) : null;
      return a === null ? l : l === null ? a : (a + l) / 2;
    },
  ],
  [
    words('drums|drum|percussion|percussive|beats|tambores|tambor|batería|percusión', '鼓|打击乐'),
    'percussive, many onsets',
    (f) => (n(f.onsetRate) ? ramp(f.onsetRate, 1.5, 4) : null),
  ],
  [
    words('happy|cheerful|joyful|sunny|bright|feliz|alegre', '快乐|开心|欢快'),
    'high valence',
    (f) => (n(f.valence) ? ramp(f.valence, 0.4, 0.75) : null),
  ],
  [
    words('sad|dark|melancholic|melancholy|gloomy|moody|triste|oscuro|oscura', '悲伤|伤感|忧郁'),
    'low valence',
    (f) => (n(f.valence) ? ramp(f.valence, 0.6, 0.25) : null),
  ],
  [
    words('acoustic|unplugged|organic|acústico|acústica'),
    'mellow spectrum, sparse attacks',
    (f) => (n(f.spectralCentroid) ? ramp(f.spectralCentroid, 3000, 1500) : null),
  ],
  [
    words('loud|noisy|heavy|fuerte|pesado'),
    'loud master',
    (f) => (n(f.loudnessLufs) ? ramp(f.loudnessLufs, -16, -8) : null),
  ],
  [
    words('quiet|hushed|whisper|silencioso'),
    'quiet master',
    (f) => (n(f.loudnessLufs) ? ramp(f.loudnessLufs, -8, -18) : null),
  ],
  [
    words('dance|dancing|danceable|groovy|club|bailar|baile', '跳舞|舞曲'),
    'danceable groove',
    (f) => (n(f.danceability) ? ramp(f.danceability, 0.9, 1.6) : null),
  ],
  [
    words('minor|menor', '小调'),
    'minor key',
    (f) => (f.scale ? (f.scale === 'minor' ? 1 : 0) : null),
  ],
  [
    words('major|mayor', '大调'),
    'major key',
    (f) => (f.scale ? (f.scale === 'major' ? 1 : 0) : null),
  ],
];

/** The sound words of a query, as soft constraints on audio features. */
export function parseSoundTerms(query: string): SoundTerm[] {
  const q = query.toLowerCase();
  const terms: SoundTerm[] = [];
  for (const [pattern, meaning, fit] of WORD_TERMS) {
    const m = q.match(pattern);
    if (m) terms.push({ label: `${m[1] ?? m[2] ?? m[0]} → ${meaning}`, fit });
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
