/**
 * Integrated loudness and loudness range after ITU-R BS.1770-4 / EBU R128 (Tech 3341/3342):
 * K-weighting (high shelf + high-pass, coefficients derived for any sample rate as libebur128
 * does), 400 ms blocks every 100 ms with the −70 LUFS absolute and −10 LU relative gates, and the
 * loudness range from 3 s short-term blocks (gates −70 LUFS / −20 LU, 10th to 95th percentile).
 * Implemented here because essentia.js's LoudnessEBUR128 took ~700 ms for 30 s of stereo audio.
 * Excerpts are measured separately and their blocks pooled. A mono source is measured as dual
 * mono, which is how it sounds when both speakers play it.
 */
import { biquad } from '../biquad';
import type { StereoExcerpt } from '../decode/pcm';

/** K-weights `x` into `y` (same length or longer). */
function kWeight(x: Float32Array, rate: number, y: Float32Array): void {
  y.set(x);
  const out = y.subarray(0, x.length);
  // Stage 1: high shelf, +4 dB above ~1.7 kHz (head acoustics).
  {
    const f0 = 1681.974450955533;
    const gain = 3.999843853973347;
    const q = 0.7071752369554196;
    const k = Math.tan((Math.PI * f0) / rate);
    const vh = Math.pow(10, gain / 20);
    const vb = Math.pow(vh, 0.4996667741545416);
    const a0 = 1 + k / q + k * k;
    biquad(
      out,
      (vh + (vb * k) / q + k * k) / a0,
      (2 * (k * k - vh)) / a0,
      (vh - (vb * k) / q + k * k) / a0,
      (2 * (k * k - 1)) / a0,
      (1 - k / q + k * k) / a0,
    );
  }
  // Stage 2: RLB high-pass at ~38 Hz.
  {
    const f0 = 38.13547087602444;
    const q = 0.5003270373238773;
    const k = Math.tan((Math.PI * f0) / rate);
    const a0 = 1 + k / q + k * k;
    biquad(out, 1, -2, 1, (2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0);
  }
}

/**
 * Sum of squares of the K-weighted channels per 100 ms hop. Blocks are whole numbers of hops
 * (400 ms = 4, 3 s = 30), so both block lengths come from one pass and two small arrays.
 */
function hopEnergies(
  x: StereoExcerpt,
  rate: number,
  hop: number,
  scratch: Float32Array,
): Float64Array {
  const hops = Math.floor(x.left.length / hop);
  const sums = new Float64Array(hops);
  for (const channel of x.right === x.left ? [x.left, x.left] : [x.left, x.right]) {
    kWeight(channel, rate, scratch);
    for (let h = 0; h < hops; h++) {
      let s = 0;
      for (let i = h * hop; i < (h + 1) * hop; i++) s += scratch[i] * scratch[i];
      sums[h] += s;
    }
  }
  return sums;
}

/** Mean power of every block of `size` hops, stepping `step` hops. */
function blocks(sums: Float64Array, size: number, step: number, hop: number, out: number[]): void {
  for (let h = 0; h + size <= sums.length; h += step) {
    let s = 0;
    for (let j = h; j < h + size; j++) s += sums[j];
    out.push(s / (size * hop));
  }
}

const lufs = (power: number): number => -0.691 + 10 * Math.log10(power);

export interface Loudness {
  /** Integrated loudness, LUFS; −70 when everything is below the absolute gate. */
  integratedLufs: number;
  /** Loudness range, LU (0 when there are too few short-term blocks). */
  rangeLu: number;
}

/** Loudness of the excerpts, pooled as if they were one programme. */
export function measureLoudness(excerpts: StereoExcerpt[], rate: number): Loudness {
  const momentary: number[] = [];
  const shortTerm: number[] = [];
  const hop = Math.round(0.1 * rate);
  const scratch = new Float32Array(Math.max(0, ...excerpts.map((x) => x.left.length)));
  for (const x of excerpts) {
    // Dual mono: the same weighted signal in both channels (the channel loop counts it twice).
    const sums = hopEnergies(x, rate, hop, scratch);
    blocks(sums, 4, 1, hop, momentary);
    blocks(sums, 30, 10, hop, shortTerm);
  }
  const absGate = momentary.filter((p) => lufs(p) > -70);
  if (absGate.length === 0) return { integratedLufs: -70, rangeLu: 0 };
  const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;
  const relative = lufs(mean(absGate)) - 10;
  const gated = absGate.filter((p) => lufs(p) > relative);
  const integratedLufs = lufs(mean(gated.length ? gated : absGate));
  const st = shortTerm.map(lufs).filter((v) => v > -70);
  const stRel = st.length ? lufs(mean(st.map((v) => Math.pow(10, (v + 0.691) / 10)))) - 20 : 0;
  const kept = st.filter((v) => v > stRel).sort((a, b) => a - b);
  const pct = (p: number): number =>
    kept[Math.min(kept.length - 1, Math.max(0, Math.round(p * (kept.length - 1))))];
  const rangeLu = kept.length >= 2 ? pct(0.95) - pct(0.1) : 0;
  return { integratedLufs, rangeLu };
}
