/**
 * Onset rate: how many notes, hits and attacks a second, the way onset detectors in the literature
 * count them (high-frequency content, Masri 1996; adaptive median thresholding, Bello et al. 2005;
 * also aubio's default detector):
 *   1. detection function: the high-frequency content (each bin's energy times its index) of 23 ms
 *      frames every 11.6 ms, on a linear scale. An attack is broadband and sharp, so it jumps;
 *      a held note or a pad keeps its spectrum, so it stays level;
 *   2. smoothed with a second-order low-pass;
 *   3. an onset is a local maximum of how far a frame stands above the median of the 58 ms
 *      before it (and the 12 ms after) by half their mean: a relative jump, judged against what
 *      was just sounding, with at most one onset per 20 ms and none 20 dB below the excerpt's
 *      strong attacks.
 * The version-2 count (log-compressed band flux, peaks above 30 % of the excerpt's strongest)
 * counted the ripples of sustained pads — 7.5/s on a pad track `aubio onset` reads at 0.2/s — and
 * its stored rates ran against aubio's on the benchmark library's real tracks (Spearman −0.07);
 * this count agrees with it (docs/benchmarks.md, bench:onsets).
 */
import { biquad } from '../biquad';
import { Fft } from './fft';

/** Frame and hop at 22050 Hz: 23 ms and 11.6 ms (scaled with the rate). */
const FRAME_AT_22K = 512;
const HOP_AT_22K = 256;
/** Frames of the median window before and after the one judged: 58 ms and 12 ms. */
const BEFORE = 5;
const AFTER = 1;
/**
 * How far above the local median a peak must stand, as a share of the local mean. Spearman against
 * aubio on cached excerpts (114 evaluation-library files / the 31 benchmark tracks): 0.85 / 0.85
 * at 0.5, 0.69 / 0.81 at 0.3.
 */
const JUMP = 0.5;
/** The quietest onset, as a share of the excerpt's strong attacks (its 99th percentile): −20 dB. */
const QUIET_SHARE = 0.01;
/** Minimum gap between onsets, seconds: two attacks closer than this are heard as one. */
const MIN_GAP_S = 0.02;
/** The smoothing low-pass: a second-order Butterworth-like section at ~1/6 of the frame rate. */
const SMOOTH: [number, number, number, number, number] = [0.16, 0.32, 0.16, -0.5949, 0.2348];

/** High-frequency content of each frame of `x`. */
function highFrequencyContent(x: Float32Array, fft: Fft, hop: number): Float32Array {
  const frames = Math.max(0, Math.floor((x.length - fft.size) / hop) + 1);
  const power = new Float32Array(fft.size / 2 + 1);
  const out = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    fft.power(x, f * hop, power);
    let h = 0;
    for (let k = 1; k < power.length; k++) h += k * power[k];
    out[f] = h;
  }
  return out;
}

/**
 * Smooths the detection function, forwards only: run backwards as well (zero phase), the filter
 * rang ahead of every loud attack, and the ringing was counted as an onset 80 ms before it. The
 * delay of a frame or two changes no count.
 */
function smooth(env: Float32Array): void {
  biquad(env, ...SMOOTH);
}

/** How far each frame stands above its local median plus JUMP × its local mean. */
function aboveLocal(env: Float32Array): Float32Array {
  const out = new Float32Array(env.length);
  const sorted = new Float64Array(BEFORE + AFTER + 1);
  for (let i = 0; i < env.length; i++) {
    let mean = 0;
    for (let j = 0; j < sorted.length; j++) {
      const at = i - BEFORE + j;
      const v = at >= 0 && at < env.length ? env[at] : 0;
      // Insertion sort: seven values.
      let k = j;
      for (; k > 0 && sorted[k - 1] > v; k--) sorted[k] = sorted[k - 1];
      sorted[k] = v;
      mean += v;
    }
    mean /= sorted.length;
    out[i] = env[i] - sorted[(sorted.length - 1) >> 1] - JUMP * mean;
  }
  return out;
}

/** Onsets in one excerpt's detection function (`fps` frames a second). */
function countOnsets(env: Float32Array, fps: number): number {
  smooth(env);
  const above = aboveLocal(env);
  const sorted = Float32Array.from(env).sort();
  // An attack that stays 20 dB below the excerpt's strong ones (its 99th percentile) is the room or
  // the tail of a hit, not a note: without this bar a closed hi-hat's end over a quiet floor
  // counted twice.
  const floor = QUIET_SHARE * sorted[Math.floor(0.99 * (sorted.length - 1))];
  let count = 0;
  let last = -Infinity;
  // From the first full window on: before it the window reaches past the excerpt's start.
  for (let i = BEFORE + 1; i + 1 < above.length; i++) {
    const v = above[i];
    if (
      v > 0 &&
      v > above[i - 1] &&
      v >= above[i + 1] &&
      env[i] >= floor &&
      i - last >= MIN_GAP_S * fps
    ) {
      count++;
      last = i;
    }
  }
  return count;
}

/** Onsets per second of mono excerpts at `rate` Hz (the analysis rate, 22050). */
export function measureOnsetRate(excerpts: Float32Array[], rate: number): number {
  const fft = new Fft(2 ** Math.round(Math.log2((FRAME_AT_22K * rate) / 22050)));
  const hop = Math.max(1, Math.round((HOP_AT_22K * rate) / 22050));
  let onsets = 0,
    seconds = 0;
  for (const x of excerpts) {
    onsets += countOnsets(highFrequencyContent(x, fft, hop), rate / hop);
    seconds += x.length / rate;
  }
  return seconds > 0 ? onsets / seconds : 0;
}
