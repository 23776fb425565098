/**
 * Tempo from a band-wise onset envelope (the onset rate it uses is onsets.ts'). essentia.js's RhythmExtractor2013 took
 * ~11 s and PercivalBpmEstimator ~4 s for 45 s of audio here, far over budget, so this is the
 * classic cheap estimator, with the octave chosen the way listeners choose it:
 *   1. onset envelope: spectral flux of log-compressed energies in 24 log-spaced bands
 *      (30 Hz–5 kHz) every 11.6 ms. Bands, not FFT bins: summed over linear bins (the version-1
 *      envelope) a hi-hat (hundreds of bins) outweighs a kick drum or a bass note (a handful), and
 *      the subdivision won over the beat: hip-hop read at double tempo, four-on-the-floor at half;
 *   2. periodicity: the unbiased autocorrelation of each excerpt's envelope, summed over excerpts;
 *   3. candidates: every autocorrelation peak in 50–220 BPM (so t/2, t, 2t, 2t/3 and 3t/2 all
 *      compete), scored by its own periodicity plus half its two-beat and a quarter of its
 *      four-beat periodicity (a beat recurs at the bar), times a perceptual prior: a log-Gaussian
 *      of one octave around 120 BPM, the tempo people tap to when a rhythm allows several;
 *   4. octave check: the double tempo wins when its autocorrelation (above the mean) reaches
 *      80 % of the chosen one's and the onset rate can carry it (at least one onset per two of its beats): a click
 *      at 180 BPM is also periodic at 90, not the other way round.
 * Peaks are refined with parabolic interpolation and by averaging the positions of their multiples.
 * Results are clamped to 50–220 BPM. The corpus results are in docs/benchmarks.md (bench:tempo).
 */
import { Fft } from './fft';

/** Envelope hop, seconds: 11.6 ms (128 samples at 11025 Hz); a 2 % error at 180 BPM is 0.57 hops. */
const HOP_S = 128 / 11025;
/** Tempo range, BPM: every result lies inside it. */
export const MIN_BPM = 50;
export const MAX_BPM = 220;
/** Centre and width (octaves) of the perceptual prior on tempo. */
const PRIOR_BPM = 120;
const PRIOR_OCTAVES = 1;
/** Log-spaced bands of the onset envelope, Hz. */
const BAND_LO_HZ = 30;
const BAND_HI_HZ = 5000;
const BANDS = 24;
/**
 * Compression of the band energies, relative to the excerpt's loudest: log(1 + C·E/Emax). The
 * beat envelope hears 40 dB down (every onset counts by its relative change, so quiet passages
 * keep their rhythm).
 */
const BEAT_COMPRESSION = 1e4;
/** The double tempo wins when its autocorrelation reaches this share of the chosen one's. */
const DOUBLE_SHARE = 0.8;

export interface TempoResult {
  bpm: number;
  /** 0..1: how much stronger the chosen period is than the average one. */
  confidence: number;
}

/** First FFT bin of each band, plus the end bin, for `bins` bins at `rate`. */
function bandEdges(fftSize: number, rate: number): Int32Array {
  const edges = new Int32Array(BANDS + 1);
  const nyquistBin = fftSize / 2;
  for (let b = 0; b <= BANDS; b++) {
    const hz = BAND_LO_HZ * (BAND_HI_HZ / BAND_LO_HZ) ** (b / BANDS);
    edges[b] = Math.min(nyquistBin, Math.round((hz / rate) * fftSize));
    // Every band holds at least one bin, so the low bands are not empty at small FFT sizes.
    if (b > 0 && edges[b] <= edges[b - 1]) edges[b] = Math.min(nyquistBin, edges[b - 1] + 1);
  }
  return edges;
}

/**
 * The beat envelope of one excerpt: the half-wave rectified flux of log-compressed band energies,
 * each band weighed by its energy per bin, so a bass note counts as much as a cymbal (what a beat
 * rests on). Tried with total band energy on the test corpus: three slow pieces read at double
 * tempo.
 */
function beatEnvelope(x: Float32Array, rate: number, fft: Fft, hop: number): Float32Array {
  const edges = bandEdges(fft.size, rate);
  const frames = Math.max(0, Math.floor((x.length - fft.size) / hop) + 1);
  const energies = new Float32Array(frames * BANDS);
  const power = new Float32Array(fft.size / 2 + 1);
  const weight = new Float32Array(BANDS);
  for (let b = 0; b < BANDS; b++) weight[b] = 1 / Math.max(1, edges[b + 1] - edges[b]);
  let peak = 0;
  for (let f = 0; f < frames; f++) {
    fft.power(x, f * hop, power);
    for (let b = 0; b < BANDS; b++) {
      let e = 0;
      for (let k = edges[b]; k < edges[b + 1]; k++) e += power[k];
      energies[f * BANDS + b] = e;
      peak = Math.max(peak, e * weight[b]);
    }
  }
  const beat = new Float32Array(frames);
  if (!(peak > 0)) return beat;
  for (let b = 0; b < BANDS; b++) weight[b] *= BEAT_COMPRESSION / peak;
  // Each band's compressed level of the frame before, so every level is computed once.
  const prev = new Float64Array(BANDS);
  for (let b = 0; b < BANDS; b++) prev[b] = Math.log1p(weight[b] * energies[b]);
  for (let f = 1; f < frames; f++) {
    let flux = 0;
    for (let b = 0; b < BANDS; b++) {
      const v = Math.log1p(weight[b] * energies[f * BANDS + b]);
      if (v > prev[b]) flux += v - prev[b];
      prev[b] = v;
    }
    beat[f] = flux;
  }
  return beat;
}

/** Envelope minus its 0.5 s moving average, negatives clipped: keeps onsets, drops level. */
function detrend(env: Float32Array, fps: number): Float32Array {
  const half = Math.round(0.25 * fps);
  const out = new Float32Array(env.length);
  const prefix = new Float64Array(env.length + 1);
  for (let i = 0; i < env.length; i++) prefix[i + 1] = prefix[i] + env[i];
  for (let i = 0; i < env.length; i++) {
    const a = Math.max(0, i - half),
      b = Math.min(env.length, i + half + 1);
    out[i] = Math.max(0, env[i] - (prefix[b] - prefix[a]) / (b - a));
  }
  return out;
}

/** Value and sub-lag position of the autocorrelation peak near `lag` (±`reach` lags). */
function peakNear(acf: Float64Array, lag: number, reach: number): { lag: number; value: number } {
  let best = -1;
  for (
    let l = Math.max(1, Math.floor(lag - reach));
    l <= Math.min(acf.length - 2, Math.ceil(lag + reach));
    l++
  ) {
    if (best < 0 || acf[l] > acf[best]) best = l;
  }
  if (best < 1) return { lag, value: 0 };
  const a = acf[best - 1],
    b = acf[best],
    c = acf[best + 1];
  const d = a - 2 * b + c;
  const offset = d < 0 ? (0.5 * (a - c)) / d : 0;
  return { lag: best + Math.max(-0.5, Math.min(0.5, offset)), value: b };
}

/**
 * Tempo and its confidence of mono excerpts at `rate` Hz (11025 is enough); `onsetRate` (onsets
 * per second, measureOnsetRate) decides whether the double tempo can be carried.
 */
export function estimateTempo(
  excerpts: Float32Array[],
  rate: number,
  onsetRate: number,
): TempoResult {
  const hop = Math.round(HOP_S * rate);
  // Frames of four hops (46 ms): short enough to separate sixteenth notes at 180 BPM.
  const fft = new Fft(2 ** Math.round(Math.log2(4 * hop)));
  const fps = rate / hop;
  const maxLag = Math.ceil(((60 * fps) / MIN_BPM) * 4) + 2;
  const acf = new Float64Array(maxLag + 1);
  for (const x of excerpts) {
    const env = detrend(beatEnvelope(x, rate, fft, hop), fps);
    for (let lag = 0; lag <= maxLag && lag < env.length; lag++) {
      let s = 0;
      for (let i = lag; i < env.length; i++) s += env[i] * env[i - lag];
      // Unbiased: a long lag has fewer products, not weaker periodicity.
      acf[lag] += (s / (env.length - lag)) * env.length;
    }
  }
  return chooseTempo(acf, fps, onsetRate);
}

/** The tempo and confidence from the summed autocorrelation (`fps` lags a second). */
function chooseTempo(
  acf: Float64Array,
  fps: number,
  onsetRate: number,
): { bpm: number; confidence: number } {
  const lagOf = (bpm: number): number => (60 * fps) / bpm;
  const loLag = Math.floor(lagOf(MAX_BPM));
  const hiLag = Math.ceil(lagOf(MIN_BPM));
  if (acf[0] <= 0 || hiLag >= acf.length) return { bpm: 0, confidence: 0 };
  const value = (lag: number): number =>
    lag < acf.length - 2 ? peakNear(acf, lag, Math.max(1, 0.02 * lag)).value / acf[0] : 0;
  const prior = (lag: number): number =>
    Math.exp(-0.5 * (Math.log2(lagOf(PRIOR_BPM) / lag) / PRIOR_OCTAVES) ** 2);
  // The salience of a beat period: its own periodicity and its recurrence at two and four beats.
  const salience = (lag: number): number =>
    value(lag) + 0.5 * value(2 * lag) + 0.25 * value(4 * lag);
  // The bar (or phrase): the strongest period of 1.2–4.8 s. A beat divides it a whole number of
  // times; a period that does not (5/4 of the beat, between the syncopated kicks of a breakbeat)
  // is a cross-rhythm, not the beat, and loses half its score.
  let bar = hiLag;
  for (let l = hiLag; l < acf.length - 1; l++) if (acf[l] > acf[bar]) bar = l;
  const fitsBar = (lag: number): number => {
    const r = bar / lag;
    return r < 0.9 || Math.abs(r - Math.round(r)) <= 0.12 ? 1 : 0.5;
  };
  let bestLag = loLag,
    bestScore = -Infinity,
    mean = 0;
  for (let l = loLag; l <= hiLag; l++) {
    mean += acf[l];
    const isPeak = acf[l] >= acf[l - 1] && acf[l] >= acf[l + 1];
    if (!isPeak) continue;
    const score = salience(l) * prior(l) * fitsBar(l);
    if (score > bestScore) {
      bestScore = score;
      bestLag = l;
    }
  }
  mean /= hiLag - loLag + 1;
  let chosen = peakNear(acf, bestLag, 1);
  // Octave check: the double tempo wins when its period is nearly as periodic as the chosen one
  // and there are onsets enough to carry it (at least one per two of its beats).
  for (;;) {
    const double = peakNear(acf, chosen.lag / 2, Math.max(1, 0.02 * chosen.lag));
    if (
      lagOf(1) / double.lag > MAX_BPM * 1.02 ||
      // Heights above the mean: where the autocorrelation is flat (no clear beat), every lag
      // is within 80 % of every other, and the tempo would climb to the top of the range.
      double.value - mean < DOUBLE_SHARE * (chosen.value - mean) ||
      onsetRate < 0.5 * (fps / double.lag)
    )
      break;
    chosen = double;
  }
  // Refine with the multiples of the period: their positions divided by k average out rounding.
  let lagSum = chosen.lag,
    weight = 1;
  for (let k = 2; k <= 4 && chosen.lag * k < acf.length - 2; k++) {
    const p = peakNear(acf, chosen.lag * k, 1.5);
    if (p.value >= 0.5 * chosen.value) {
      // p.lag / k estimates the period with weight k: sum k * (p.lag / k) = p.lag.
      lagSum += p.lag;
      weight += k;
    }
  }
  const bpm = Math.max(MIN_BPM, Math.min(MAX_BPM, (60 * fps) / (lagSum / weight)));
  const confidence = Math.max(0, Math.min(1, (chosen.value - mean) / (acf[0] - mean)));
  return { bpm, confidence };
}
