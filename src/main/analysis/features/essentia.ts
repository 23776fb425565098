/**
 * The essentia.js algorithms the analysis uses where their one-call cost fits the budget (about
 * 40–100 ms each for 30 s at 22050 Hz): KeyExtractor (HPCP + key profiles), Danceability (detrended
 * fluctuation analysis) and DynamicComplexity. One instance per worker, created on first use.
 */
import essentiaPkg, { type EssentiaInstance, type EssentiaVector } from 'essentia.js';
import type { KeyName } from '../../../shared/analysis';

let instance: EssentiaInstance | undefined;

function essentia(): EssentiaInstance {
  instance ??= new essentiaPkg.Essentia(essentiaPkg.EssentiaWASM);
  return instance;
}

const KEY_NAMES: Record<string, KeyName> = {
  C: 'C',
  'C#': 'C#',
  Db: 'C#',
  D: 'D',
  'D#': 'Eb',
  Eb: 'Eb',
  E: 'E',
  F: 'F',
  'F#': 'F#',
  Gb: 'F#',
  G: 'G',
  'G#': 'Ab',
  Ab: 'Ab',
  A: 'A',
  'A#': 'Bb',
  Bb: 'Bb',
  B: 'B',
};

export interface EssentiaFeatures {
  key: KeyName | null;
  scale: 'major' | 'minor' | null;
  keyStrength: number;
  danceability: number;
  dynamicComplexity: number;
}

function withVector<T>(x: Float32Array, use: (v: EssentiaVector) => T): T {
  const v = essentia().arrayToVector(x);
  try {
    return use(v);
  } finally {
    v.delete();
  }
}

/**
 * Key, danceability and dynamic complexity of the concatenated mono excerpts at `rate` Hz. Called
 * with 11025 Hz audio: key profiles use 25–3500 Hz, the other two follow the loudness envelope,
 * and each costs in proportion to its samples.
 */
export function essentiaFeatures(mono: Float32Array, rate: number): EssentiaFeatures {
  return withVector(mono, (v) => {
    const e = essentia();
    // Frames of ~186 ms (2048 at 11025 Hz; 5.4 Hz bins resolve bass notes), every other one
    // (hop 372 ms): a key is stable over seconds, and this halves essentia's per-frame cost.
    // (A key from our own chroma through essentia's Key agreed with this on only 13 of 31
    // benchmark tracks, mostly a fifth off.)
    const frame = 2 ** Math.round(Math.log2((2048 * rate) / 11025));
    const k = e.KeyExtractor(v, true, frame, 2 * frame, 12, 3500, 60, 25, 0.2, 'bgate', rate);
    const dance = e.Danceability(v, 8800, 310, rate);
    dance.dfa.delete();
    const dyn = e.DynamicComplexity(v, 0.2, rate);
    return {
      key: KEY_NAMES[k.key] ?? null,
      scale: k.scale === 'major' || k.scale === 'minor' ? k.scale : null,
      keyStrength: k.strength,
      danceability: dance.danceability,
      dynamicComplexity: dyn.dynamicComplexity,
    };
  });
}
