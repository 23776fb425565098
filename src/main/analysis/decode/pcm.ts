/**
 * Decoded audio as the analysis stages take it: stereo excerpts at the source rate (for loudness,
 * which depends on channel layout and high frequencies), mixed to mono and resampled to one
 * analysis rate for everything else.
 */

import { biquad } from '../biquad';

/** One decoded excerpt: left and right channels (a mono source has left === right). */
export interface StereoExcerpt {
  left: Float32Array;
  right: Float32Array;
}

export interface DecodedAudio {
  /** Hz of the excerpts. */
  sampleRate: number;
  excerpts: StereoExcerpt[];
  /** Which decoder produced it, e.g. 'wasm:mp3', 'wav', 'ffmpeg'. */
  decoder: string;
}

/** The sample rate every feature except loudness is computed at: content above 11 kHz adds little. */
export const ANALYSIS_RATE = 22050;

/** Mono mix of one excerpt. */
export function mixdown(x: StereoExcerpt): Float32Array {
  if (x.left === x.right) return x.left;
  const out = new Float32Array(x.left.length);
  for (let i = 0; i < out.length; i++) out[i] = 0.5 * (x.left[i] + x.right[i]);
  return out;
}

/** Butterworth low-pass of order 4 (two biquads, Q 0.541 and 1.307) in place. */
export function lowpass(x: Float32Array, cutoffHz: number, rate: number): void {
  for (const q of [0.5412, 1.3066]) {
    const w = (2 * Math.PI * cutoffHz) / rate;
    const alpha = Math.sin(w) / (2 * q);
    const cos = Math.cos(w);
    const a0 = 1 + alpha;
    biquad(
      x,
      (1 - cos) / 2 / a0,
      (1 - cos) / a0,
      (1 - cos) / 2 / a0,
      (-2 * cos) / a0,
      (1 - alpha) / a0,
    );
  }
}

/**
 * Resamples mono audio to `to` Hz: a 4th-order low-pass at 45 % of the target rate against
 * aliasing, then linear interpolation. Good enough for spectral features, cheap (~10 operations a
 * sample) where a polyphase sinc filter would cost more than the analysis.
 */
export function resample(x: Float32Array, from: number, to: number): Float32Array {
  if (from === to) return x;
  const src = from > to ? Float32Array.from(x) : x;
  if (from > to) lowpass(src, 0.45 * to, from);
  const ratio = from / to;
  const n = Math.floor(x.length / ratio);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const p = i * ratio;
    const j = Math.floor(p);
    const f = p - j;
    const a = src[j];
    const b = j + 1 < src.length ? src[j + 1] : a;
    out[i] = a + (b - a) * f;
  }
  return out;
}
