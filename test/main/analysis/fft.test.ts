/**
 * The analysis FFT against the definition: the magnitude and power spectra of a Hann-windowed real
 * frame must equal a direct DFT's, at every size the features use and the smallest ones, for a
 * frame inside the signal and one running past its end (zero-padded).
 */
import { describe, expect, it } from 'vitest';
import { Fft } from '../../../src/main/analysis/features/fft';
import { rng } from '../../../src/main/vectors/random';

/** |DFT|² of the windowed frame x[offset … offset + n), zero beyond the end of x. */
function directPower(x: Float32Array, offset: number, window: Float64Array): Float64Array {
  const n = window.length;
  const out = new Float64Array(n / 2 + 1);
  for (let k = 0; k <= n / 2; k++) {
    let re = 0;
    let im = 0;
    for (let t = 0; t < n; t++) {
      const v = offset + t < x.length ? x[offset + t] * window[t] : 0;
      re += v * Math.cos((-2 * Math.PI * k * t) / n);
      im += v * Math.sin((-2 * Math.PI * k * t) / n);
    }
    out[k] = re * re + im * im;
  }
  return out;
}

describe('Fft', () => {
  for (const size of [4, 8, 16, 64, 512, 2048]) {
    it(`gives the direct DFT's spectra for ${size}-sample frames`, () => {
      const random = rng(size);
      const x = Float32Array.from({ length: 3 * size }, () => random() * 2 - 1);
      const fft = new Fft(size);
      const power = new Float32Array(size / 2 + 1);
      const mags = new Float32Array(size / 2 + 1);
      // Inside the signal, and running past its end.
      for (const offset of [size, 3 * size - size / 2]) {
        const want = directPower(x, offset, fft.window);
        const peak = Math.max(...want);
        fft.power(x, offset, power);
        fft.magnitudes(x, offset, mags);
        for (let k = 0; k <= size / 2; k++) {
          expect(Math.abs(power[k] - want[k])).toBeLessThan(1e-5 * peak);
          expect(Math.abs(mags[k] - Math.sqrt(want[k]))).toBeLessThan(1e-5 * Math.sqrt(peak));
        }
      }
    });
  }

  it('rejects a size that is not a power of two', () => {
    expect(() => new Fft(12)).toThrow(/not a power of two/);
  });
});
