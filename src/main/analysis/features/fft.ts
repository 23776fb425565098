/**
 * A radix-2 FFT for real frames and the short-time magnitude spectra built on it. Written here
 * rather than called through essentia.js: essentia.js builds a new algorithm object on every call,
 * which measured ~2.9 ms per frame for window + spectrum + MFCC + peaks + HPCP, against well under
 * 0.1 ms a frame for this loop (docs/benchmarks.md, Analysis). A real frame of N samples is
 * transformed as N/2 complex samples and split afterwards, which halves the work.
 */

/** Precomputed tables for one FFT size. */
export class Fft {
  private readonly half: number;
  /** Twiddles of the N/2-point complex FFT, stage after stage (len 4, 8, …: len/2 each). */
  private readonly stageCos: Float64Array;
  private readonly stageSin: Float64Array;
  /** Twiddles e^(−2πik/N) of the real-split step. */
  private readonly splitCos: Float64Array;
  private readonly splitSin: Float64Array;
  private readonly rev: Uint32Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  /** Hann window of the frame size. */
  readonly window: Float64Array;

  constructor(readonly size: number) {
    if (size < 4 || (size & (size - 1)) !== 0)
      throw new Error(`FFT size ${size} is not a power of two`);
    const h = (this.half = size / 2);
    this.stageCos = new Float64Array(Math.max(1, h));
    this.stageSin = new Float64Array(Math.max(1, h));
    for (let len = 4, t0 = 0; len <= h; t0 += len >> 1, len <<= 1) {
      for (let k = 0; k < len >> 1; k++) {
        this.stageCos[t0 + k] = Math.cos((-2 * Math.PI * k) / len);
        this.stageSin[t0 + k] = Math.sin((-2 * Math.PI * k) / len);
      }
    }
    this.splitCos = new Float64Array(h + 1);
    this.splitSin = new Float64Array(h + 1);
    for (let k = 0; k <= h; k++) {
      this.splitCos[k] = Math.cos((-2 * Math.PI * k) / size);
      this.splitSin[k] = Math.sin((-2 * Math.PI * k) / size);
    }
    this.rev = new Uint32Array(h);
    const bits = Math.log2(h);
    for (let i = 0; i < h; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.rev[i] = r;
    }
    this.re = new Float64Array(h);
    this.im = new Float64Array(h);
    this.window = new Float64Array(size);
    for (let i = 0; i < size; i++) this.window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
  }

  /**
   * Magnitude spectrum (size / 2 + 1 bins) of the Hann-windowed frame of `x` starting at `offset`
   * (zero beyond the end), written into `out`.
   */
  magnitudes(x: Float32Array, offset: number, out: Float32Array): void {
    const h = this.half;
    const { re, im, rev, window, stageCos, stageSin, splitCos, splitSin } = this;
    for (let i = 0; i < h; i++) {
      const j = offset + 2 * i;
      re[rev[i]] = j < x.length ? x[j] * window[2 * i] : 0;
      im[rev[i]] = j + 1 < x.length ? x[j + 1] * window[2 * i + 1] : 0;
    }
    // Butterflies, stage by stage; the first stage (len 2, twiddle 1) needs no multiplications,
    // and each later stage reads its twiddles in order from `stageCos`/`stageSin`.
    for (let a = 0; a < h; a += 2) {
      const tr = re[a + 1],
        ti = im[a + 1];
      re[a + 1] = re[a] - tr;
      im[a + 1] = im[a] - ti;
      re[a] += tr;
      im[a] += ti;
    }
    for (let len = 4, t0 = 0; len <= h; t0 += len >> 1, len <<= 1) {
      const hl = len >> 1;
      for (let start = 0; start < h; start += len) {
        for (let k = 0; k < hl; k++) {
          const c = stageCos[t0 + k];
          const s = stageSin[t0 + k];
          const a = start + k;
          const b = a + hl;
          const tr = re[b] * c - im[b] * s;
          const ti = re[b] * s + im[b] * c;
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
    // Split: X[k] = E[k] + W^k O[k], E = (Z[k] + Z*[h−k]) / 2, O = (Z[k] − Z*[h−k]) / 2i.
    for (let k = 0; k <= h; k++) {
      const k1 = k === h ? 0 : k;
      const k2 = k === 0 ? 0 : h - k;
      const zr = re[k1],
        zi = im[k1],
        cr = re[k2],
        ci = -im[k2];
      const er = 0.5 * (zr + cr),
        ei = 0.5 * (zi + ci);
      // (Z − C) / 2i = (zi − ci)/2 − i (zr − cr)/2
      const or = 0.5 * (zi - ci),
        oi = -0.5 * (zr - cr);
      const wr = splitCos[k],
        wi = splitSin[k];
      const xr = er + wr * or - wi * oi;
      const xi = ei + wr * oi + wi * or;
      out[k] = Math.sqrt(xr * xr + xi * xi);
    }
  }
}
