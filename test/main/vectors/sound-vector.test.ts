/**
 * The sound vector's named layout: it reproduces, for fixed inputs, exactly the vectors, names
 * and weights the position-indexed code made (frozen in test/fixtures/sound-vector, since stored
 * vectors of analysis version 2 were made that way); each feature is found by name where the
 * layout says; and the layout cannot change without a new analysis version.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  rawSoundVector,
  soundFeature,
  SOUND_VECTOR_DIM,
  SOUND_VECTOR_DIMS,
  SOUND_VECTOR_LAYOUT,
  SOUND_VECTOR_LAYOUT_VERSION,
  SOUND_VECTOR_WEIGHTS,
  STORED_SOUND_VECTOR_LAYOUTS,
} from '../../../src/main/vectors/sound-vector';
import { ANALYSIS_VERSION } from '../../../src/shared/analysis-version';

const frozen = JSON.parse(
  readFileSync(new URL('../../fixtures/sound-vector/analysis-v2.json', import.meta.url), 'utf8'),
) as { full: number[]; sparse: number[]; dims: string[]; weights: number[] };

/** Every feature measured, none at its neutral value. */
const full = {
  mfccMean: Array.from({ length: 13 }, (_, i) => -200 + i * 17.25),
  mfccVar: Array.from({ length: 13 }, (_, i) => (i + 1) * 9.5),
  hpcpMean: Array.from({ length: 12 }, (_, i) => ((i * 5) % 12) / 11),
  bpm: 128,
  onsetRate: 3.5,
  danceability: 1.25,
  loudnessLufs: -9.5,
  dynamicComplexity: 4.25,
  spectralCentroid: 2400,
  zcr: 0.08,
  scale: 'minor' as const,
  keyStrength: 0.7,
  arousal: 0.66,
  valence: 0.31,
};
/** Nearly nothing measured: the neutral values, a short and negative variance list, a NaN. */
const sparse = {
  mfccMean: null,
  mfccVar: [4, -1],
  hpcpMean: null,
  bpm: null,
  onsetRate: null,
  danceability: null,
  loudnessLufs: null,
  dynamicComplexity: null,
  spectralCentroid: null,
  zcr: null,
  scale: 'major' as const,
  keyStrength: 0.5,
  arousal: null,
  valence: Number.NaN,
};

describe('the sound vector layout', () => {
  it('reproduces the position-indexed vectors, names and weights exactly', () => {
    expect(Array.from(rawSoundVector(full))).toEqual(frozen.full);
    expect(Array.from(rawSoundVector(sparse))).toEqual(frozen.sparse);
    expect(SOUND_VECTOR_DIMS).toEqual(frozen.dims);
    expect(Array.from(SOUND_VECTOR_WEIGHTS)).toEqual(frozen.weights);
    expect(SOUND_VECTOR_DIM).toBe(48);
  });

  it('finds each feature by name where the layout puts it', () => {
    const v = rawSoundVector(full);
    expect(Array.from(soundFeature(v, 'chroma'))).toEqual(
      Array.from(Float32Array.from(full.hpcpMean)),
    );
    expect(soundFeature(v, 'log2_bpm')[0]).toBeCloseTo(Math.log2(128), 5);
    expect(soundFeature(v, 'mode')[0]).toBeCloseTo(-0.7, 6);
    expect(soundFeature(v, 'valence')[0]).toBeCloseTo(0.31, 6);
    // The slots tile the vector: each starts where the one before ends, the last ends at the end.
    const slots = Object.values(SOUND_VECTOR_LAYOUT);
    slots.forEach((s, i) =>
      expect(s.offset).toBe(i === 0 ? 0 : slots[i - 1].offset + slots[i - 1].dims),
    );
    expect(slots.at(-1)!.offset + slots.at(-1)!.dims).toBe(SOUND_VECTOR_DIM);
    expect(SOUND_VECTOR_DIMS[SOUND_VECTOR_LAYOUT.mfcc_std.offset]).toBe('mfcc_std_0');
  });

  it('is the layout the current analysis version stores (a new layout needs a new version)', () => {
    expect(
      STORED_SOUND_VECTOR_LAYOUTS[ANALYSIS_VERSION],
      'the sound vector layout changed: bump ANALYSIS_VERSION so stored vectors are rebuilt, and record the new layout in STORED_SOUND_VECTOR_LAYOUTS',
    ).toBe(SOUND_VECTOR_LAYOUT_VERSION);
  });
});
