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
  /** Twiddles e^(−2πik/(N/2)) of the N/2-point complex FFT, k < N/4; a stage of length len reads
   * every (N/2 / len)-th. */
  private readonly twiddleCos: Float64Array;
  private readonly twiddleSin: Float64Array;
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
    this.twiddleCos = new Float64Array(Math.max(1, h >> 1));
    this.twiddleSin = new Float64Array(Math.max(1, h >> 1));
    for (let k = 0; k < h >> 1; k++) {
      this.twiddleCos[k] = Math.cos((-2 * Math.PI * k) / h);
      this.twiddleSin[k] = Math.sin((-2 * Math.PI * k) / h);
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
    this.transform(x, offset);
    this.split(out, false);
  }

  /**
   * Power spectrum (squared magnitudes) of the same frame: for the detection functions that sum
   * energies, without a square root per bin that they would square again.
   */
  power(x: Float32Array, offset: number, out: Float32Array): void {
    this.transform(x, offset);
    this.split(out, true);
  }

  /** The N/2-point complex FFT of the windowed frame's even/odd samples, in place in re/im. */
  private transform(x: Float32Array, offset: number): void {
    const h = this.half;
    const { re, im, rev, window, twiddleCos, twiddleSin } = this;
    if (offset >= 0 && offset + 2 * h <= x.length) {
      // The whole frame lies in x (every frame but the last few): no bounds checks.
      for (let i = 0; i < h; i++) {
        const j = offset + 2 * i;
        re[rev[i]] = x[j] * window[2 * i];
        im[rev[i]] = x[j + 1] * window[2 * i + 1];
      }
    } else {
      for (let i = 0; i < h; i++) {
        const j = offset + 2 * i;
        re[rev[i]] = j < x.length ? x[j] * window[2 * i] : 0;
        im[rev[i]] = j + 1 < x.length ? x[j + 1] * window[2 * i + 1] : 0;
      }
    }
    // The first two stages (lengths 2 and 4) in one pass: their twiddles are 1 and −i, so they
    // need no multiplications.
    if (h >= 4) {
      for (let a = 0; a < h; a += 4) {
        const r0 = re[a],
          i0 = im[a],
          r1 = re[a + 1],
          i1 = im[a + 1],
          r2 = re[a + 2],
          i2 = im[a + 2],
          r3 = re[a + 3],
          i3 = im[a + 3];
        const sr = r0 + r1,
          si = i0 + i1,
          dr = r0 - r1,
          di = i0 - i1;
        const tr = r2 + r3,
          ti = i2 + i3,
          ur = r2 - r3,
          ui = i2 - i3;
        re[a] = sr + tr;
        im[a] = si + ti;
        re[a + 2] = sr - tr;
        im[a + 2] = si - ti;
        // (ur + i·ui)·(−i) = ui − i·ur
        re[a + 1] = dr + ui;
        im[a + 1] = di - ur;
        re[a + 3] = dr - ui;
        im[a + 3] = di + ur;
      }
    } else {
      const tr = re[1],
        ti = im[1];
      re[1] = re[0] - tr;
      im[1] = im[0] - ti;
      re[0] += tr;
      im[0] += ti;
    }
    // Later stages twiddle by twiddle: each twiddle is read once per stage, not once per block.
    for (let len = 8; len <= h; len <<= 1) {
      const hl = len >> 1;
      const step = h / len;
      for (let k = 0; k < hl; k++) {
        const c = twiddleCos[k * step];
        const s = twiddleSin[k * step];
        for (let a = k; a < h; a += len) {
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
  }

  /** Splits the complex transform into the real frame's spectrum: |X[k]|, or |X[k]|² if squared. */
  private split(out: Float32Array, squared: boolean): void {
    const h = this.half;
    const { re, im, splitCos, splitSin } = this;
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
      const p = xr * xr + xi * xi;
      out[k] = squared ? p : Math.sqrt(p);
    }
  }
}
