/**
 * Feature extraction for one decoded track: loudness on the stereo excerpts at the source rate,
 * everything else on the mono mix at ANALYSIS_RATE, then the derived mood coordinates.
 */
import type { AudioFeatures } from '../../../shared/analysis';
import { ANALYSIS_RATE, mixdown, resample, type DecodedAudio } from '../decode/pcm';
import { arousalOf, valenceOf } from '../mood';
import { essentiaFeatures } from './essentia';
import { measureLoudness } from './loudness';
import { measureOnsetRate } from './onsets';
import { spectralFeatures } from './spectral';
import { estimateTempo } from './tempo';

/** ReplayGain 2.0 reference loudness: gain_db = REFERENCE_LUFS − integrated loudness. */
export const REFERENCE_LUFS = -18;

/** The measured fields of AudioFeatures (everything but identity and status). */
export type MeasuredFeatures = Omit<
  AudioFeatures,
  'trackId' | 'version' | 'status' | 'error' | 'analysedAt' | 'decoder'
>;

/**
 * Rate of tempo and the essentia.js algorithms (key, danceability, dynamic complexity): onsets,
 * key profiles (25–3500 Hz) and loudness envelopes need no more, and each costs per sample.
 */
export const LOW_RATE = ANALYSIS_RATE / 2;

/** The mono excerpts at ANALYSIS_RATE brought down to LOW_RATE, as tempo and essentia take them. */
export function lowRate(mono: Float32Array[]): Float32Array[] {
  return mono.map((x) => resample(x, ANALYSIS_RATE, LOW_RATE));
}

/** Raised for audio that decodes but has nothing to measure (digital silence). */
export class SilentAudioError extends Error {}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** All features of a decoded track. */
export function extractFeatures(audio: DecodedAudio): MeasuredFeatures {
  const loud = measureLoudness(audio.excerpts, audio.sampleRate);
  const mono = audio.excerpts.map((x) => resample(mixdown(x), audio.sampleRate, ANALYSIS_RATE));
  const spectral = spectralFeatures(mono, ANALYSIS_RATE);
  // Below −90 dBFS RMS there is no music to describe.
  if (spectral.rms < 3e-5) throw new SilentAudioError('the audio is silent');
  const low = lowRate(mono);
  const onsetRate = measureOnsetRate(mono, ANALYSIS_RATE);
  const tempo = estimateTempo(low, LOW_RATE, onsetRate);
  const ess = essentiaFeatures(concat(low), LOW_RATE);
  const base = {
    bpm: tempo.bpm > 0 ? tempo.bpm : null,
    bpmConfidence: tempo.confidence,
    key: ess.key,
    scale: ess.scale,
    keyStrength: ess.keyStrength,
    loudnessLufs: loud.integratedLufs,
    loudnessRangeLu: loud.rangeLu,
    gainDb: REFERENCE_LUFS - loud.integratedLufs,
    danceability: ess.danceability,
    energy: spectral.energy,
    rms: spectral.rms,
    dynamicComplexity: ess.dynamicComplexity,
    onsetRate,
    spectralCentroid: spectral.spectralCentroid,
    zcr: spectral.zcr,
    mfccMean: spectral.mfccMean,
    mfccVar: spectral.mfccVar,
    hpcpMean: spectral.hpcpMean,
  };
  const moodInputs = {
    bpm: base.bpm ?? 0,
    loudnessLufs: base.loudnessLufs,
    onsetRate: base.onsetRate,
    spectralCentroid: base.spectralCentroid,
    scale: base.scale ?? 'major',
    keyStrength: base.scale ? base.keyStrength : 0,
    danceability: base.danceability,
  };
  return { ...base, arousal: arousalOf(moodInputs), valence: valenceOf(moodInputs) };
}
