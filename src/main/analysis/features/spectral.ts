/**
 * Frame-wise timbre and harmony features at the analysis rate: MFCC (40 mel bands, 13 DCT-II
 * coefficients of the dB energies, as essentia's MFCC defaults), spectral centroid, and a 12-bin
 * chroma (HPCP-style: spectral peaks 40–5000 Hz folded to pitch classes with a squared-cosine
 * window of 4/3 semitone), plus zero-crossing rate, RMS and energy of the whole signal.
 */
import { Fft } from './fft';

/**
 * Frame and hop in samples at 22050 Hz: 93 ms frames, ~10.8 Hz bins (enough for chroma at 40 Hz).
 * No overlap: these are averaged over the excerpts, and overlap would only double the cost.
 */
export const SPECTRAL_FRAME = 2048;
export const SPECTRAL_HOP = 2048;
const MEL_BANDS = 40;
const MFCC_COEFFS = 13;

export interface SpectralFeatures {
  mfccMean: number[];
  mfccVar: number[];
  /** Chroma mean, bin 0 = A, largest bin 1. */
  hpcpMean: number[];
  /** Hz. */
  spectralCentroid: number;
  zcr: number;
  rms: number;
  energy: number;
}

const hzToMel = (f: number): number => 2595 * Math.log10(1 + f / 700);
const melToHz = (m: number): number => 700 * (Math.pow(10, m / 2595) - 1);

/** Triangular mel filters over the magnitude bins, as [firstBin, weights][] per band. */
function melFilters(rate: number, bins: number, bands: number): [number, Float32Array][] {
  const binHz = rate / 2 / (bins - 1);
  const top = hzToMel(rate / 2);
  const edges = Array.from({ length: bands + 2 }, (_, i) => melToHz((top * i) / (bands + 1)));
  const filters: [number, Float32Array][] = [];
  for (let b = 0; b < bands; b++) {
    const [lo, mid, hi] = [edges[b], edges[b + 1], edges[b + 2]];
    const first = Math.max(0, Math.floor(lo / binHz));
    const last = Math.min(bins - 1, Math.ceil(hi / binHz));
    const w = new Float32Array(last - first + 1);
    for (let k = first; k <= last; k++) {
      const f = k * binHz;
      w[k - first] =
        f <= mid ? Math.max(0, (f - lo) / (mid - lo)) : Math.max(0, (hi - f) / (hi - mid));
    }
    filters.push([first, w]);
  }
  return filters;
}

/** Orthonormal DCT-II matrix, coeffs × bands. */
function dctMatrix(coeffs: number, bands: number): Float64Array[] {
  return Array.from({ length: coeffs }, (_, k) => {
    const row = new Float64Array(bands);
    const scale = k === 0 ? Math.sqrt(1 / bands) : Math.sqrt(2 / bands);
    for (let n = 0; n < bands; n++) row[n] = scale * Math.cos((Math.PI * k * (n + 0.5)) / bands);
    return row;
  });
}

/** Adds one frame's chroma (peaks folded to pitch classes) into `chroma`; returns its weight. */
function addChroma(mag: Float32Array, binHz: number, chroma: Float64Array): void {
  const frame = new Float64Array(12);
  const lo = Math.ceil(40 / binHz);
  const hi = Math.min(mag.length - 2, Math.floor(5000 / binHz));
  let peak = 0;
  for (let k = lo; k <= hi; k++) peak = Math.max(peak, mag[k]);
  // Peaks below −60 dB of the frame's largest are noise.
  const floor = peak * 1e-3;
  for (let k = lo; k <= hi; k++) {
    const m = mag[k];
    if (m <= floor || m < mag[k - 1] || m < mag[k + 1]) continue;
    // Parabolic interpolation of the peak position.
    const a = mag[k - 1],
      c = mag[k + 1];
    const d = a - 2 * m + c;
    const offset = d !== 0 ? (0.5 * (a - c)) / d : 0;
    const f = (k + offset) * binHz;
    const pc = (((12 * Math.log2(f / 440)) % 12) + 12) % 12;
    for (let j = Math.floor(pc) - 1; j <= Math.floor(pc) + 2; j++) {
      const dist = Math.abs(pc - j);
      if (dist >= 2 / 3) continue;
      const w = Math.cos((Math.PI / 2) * (dist / (2 / 3)));
      frame[((j % 12) + 12) % 12] += w * w * m * m;
    }
  }
  const max = Math.max(...frame);
  if (max > 0) for (let j = 0; j < 12; j++) chroma[j] += frame[j] / max;
}

/** Timbre, brightness and chroma of mono excerpts at `rate` Hz. */
export function spectralFeatures(excerpts: Float32Array[], rate: number): SpectralFeatures {
  const fft = new Fft(SPECTRAL_FRAME);
  const bins = SPECTRAL_FRAME / 2 + 1;
  const binHz = rate / SPECTRAL_FRAME;
  const filters = melFilters(rate, bins, MEL_BANDS);
  const dct = dctMatrix(MFCC_COEFFS, MEL_BANDS);
  const mag = new Float32Array(bins);
  const logMel = new Float64Array(MEL_BANDS);
  const sum = new Float64Array(MFCC_COEFFS);
  const sq = new Float64Array(MFCC_COEFFS);
  const chroma = new Float64Array(12);
  let frames = 0,
    centroidSum = 0,
    centroidFrames = 0,
    crossings = 0,
    samples = 0,
    power = 0;
  for (const x of excerpts) {
    for (let i = 1; i < x.length; i++) if (x[i - 1] < 0 !== x[i] < 0) crossings++;
    for (let i = 0; i < x.length; i++) power += x[i] * x[i];
    samples += x.length;
    for (let off = 0; off + SPECTRAL_FRAME <= x.length; off += SPECTRAL_HOP) {
      fft.magnitudes(x, off, mag);
      let total = 0,
        weighted = 0;
      for (let k = 0; k < bins; k++) {
        total += mag[k];
        weighted += mag[k] * k * binHz;
      }
      // Silent frames (below ~−100 dBFS) have no brightness or timbre worth averaging.
      if (total < 1e-4) continue;
      centroidSum += weighted / total;
      centroidFrames++;
      filters.forEach(([first, w], b) => {
        let e = 0;
        for (let k = 0; k < w.length; k++) e += w[k] * mag[first + k] * mag[first + k];
        logMel[b] = 10 * Math.log10(e + 1e-10);
      });
      for (let c = 0; c < MFCC_COEFFS; c++) {
        let v = 0;
        for (let b = 0; b < MEL_BANDS; b++) v += dct[c][b] * logMel[b];
        sum[c] += v;
        sq[c] += v * v;
      }
      addChroma(mag, binHz, chroma);
      frames++;
    }
  }
  const n = Math.max(1, frames);
  const mfccMean = Array.from(sum, (s) => s / n);
  const mfccVar = Array.from(sq, (s, c) => Math.max(0, s / n - mfccMean[c] * mfccMean[c]));
  const chromaMax = Math.max(...chroma);
  return {
    mfccMean,
    mfccVar,
    hpcpMean: Array.from(chroma, (v) => (chromaMax > 0 ? v / chromaMax : 0)),
    spectralCentroid: centroidFrames ? centroidSum / centroidFrames : 0,
    zcr: samples > 1 ? crossings / samples : 0,
    rms: samples ? Math.sqrt(power / samples) : 0,
    energy: samples ? power / samples : 0,
  };
}
