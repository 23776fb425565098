// The crossfade as a function of time: equal-power gains, continuous at both ends, and fades that
// fit tracks shorter than the setting.
import { describe, expect, it } from 'vitest';
import {
  crossfadeGains,
  fadeCurves,
  fadeLengthS,
  fadeNow,
  prepareDue,
} from '../../src/renderer/src/player/crossfade';

const power = (g: { out: number; in: number }): number => g.out ** 2 + g.in ** 2;

describe('crossfadeGains', () => {
  it('starts with only the outgoing track and ends with only the incoming one', () => {
    expect(crossfadeGains(0, 6)).toEqual({ out: 1, in: 0 });
    expect(crossfadeGains(6, 6)).toEqual({ out: 0, in: 1 });
  });

  it('meets at √½ each in the middle (−3 dB each, the same power as one track)', () => {
    const mid = crossfadeGains(3, 6);
    expect(mid.out).toBeCloseTo(Math.SQRT1_2, 12);
    expect(mid.in).toBeCloseTo(Math.SQRT1_2, 12);
  });

  it('keeps the summed power at 1 all through the fade, and before and after it', () => {
    for (let t = -2; t <= 8; t += 0.1) expect(power(crossfadeGains(t, 6))).toBeCloseTo(1, 12);
  });

  it('only ever lowers the outgoing gain and raises the incoming one', () => {
    let last = crossfadeGains(0, 6);
    for (let t = 0.05; t <= 6; t += 0.05) {
      const g = crossfadeGains(t, 6);
      expect(g.out).toBeLessThanOrEqual(last.out);
      expect(g.in).toBeGreaterThanOrEqual(last.in);
      last = g;
    }
  });

  it('has no jump at either boundary (no click)', () => {
    const eps = 1e-6;
    for (const fadeS of [0.5, 6, 12]) {
      const before = crossfadeGains(-eps, fadeS);
      const start = crossfadeGains(0, fadeS);
      const end = crossfadeGains(fadeS, fadeS);
      const after = crossfadeGains(fadeS + eps, fadeS);
      expect(before).toEqual(start);
      expect(after).toEqual(end);
      // Just inside the fade, the gains are still within a hair of the boundary values.
      expect(Math.abs(crossfadeGains(eps, fadeS).in - start.in)).toBeLessThan(1e-5);
      expect(Math.abs(crossfadeGains(fadeS - eps, fadeS).out - end.out)).toBeLessThan(1e-5);
    }
  });

  it('switches at once for a fade of 0 s', () => {
    expect(crossfadeGains(-0.001, 0)).toEqual({ out: 1, in: 0 });
    expect(crossfadeGains(0, 0)).toEqual({ out: 0, in: 1 });
  });
});

describe('fadeCurves (what the gain nodes play)', () => {
  it('runs from the boundary values in small steps, with the summed power at 1', () => {
    const { out, in: into } = fadeCurves();
    expect(out.length).toBe(into.length);
    expect([out[0], into[0]]).toEqual([1, 0]);
    expect([out[out.length - 1], into[into.length - 1]]).toEqual([0, 1]);
    for (let i = 0; i < out.length; i++) {
      expect((out[i] as number) ** 2 + (into[i] as number) ** 2).toBeCloseTo(1, 6);
      if (i > 0) {
        // π/2 is the steepest slope of the quarter sine; over 63 steps that is under 0.025.
        expect(Math.abs((out[i] as number) - (out[i - 1] as number))).toBeLessThan(0.025);
        expect(Math.abs((into[i] as number) - (into[i - 1] as number))).toBeLessThan(0.025);
      }
    }
  });

  it('fades out from where a fade cut short left the outgoing gain, without a jump', () => {
    const { out } = fadeCurves(0.4);
    expect(out[0]).toBeCloseTo(0.4, 6);
    expect(out[out.length - 1]).toBe(0);
  });
});

describe('fadeLengthS', () => {
  it('is the setting, clamped to 0–12 s, when both tracks are long', () => {
    expect(fadeLengthS(5, 200, 180)).toBe(5);
    expect(fadeLengthS(30, 200, 180)).toBe(12);
    expect(fadeLengthS(-1, 200, 180)).toBe(0);
  });

  it('takes at most half of a track shorter than twice the setting', () => {
    expect(fadeLengthS(12, 4, 200)).toBe(2);
    expect(fadeLengthS(12, 200, 3)).toBe(1.5);
    expect(fadeLengthS(12, 4, 3)).toBe(1.5);
  });

  it('ignores the next track while its length is unknown', () => {
    expect(fadeLengthS(8, 200, null)).toBe(8);
    expect(fadeLengthS(8, 200, Number.NaN)).toBe(8);
    expect(fadeLengthS(8, 200, 0)).toBe(8);
  });
});

describe('fadeNow and prepareDue', () => {
  it('starts the fade when the remaining time reaches it, shortened when noticed late', () => {
    expect(fadeNow(6.2, 6)).toBeNull();
    expect(fadeNow(6, 6)).toBe(6);
    expect(fadeNow(5.75, 6)).toBe(5.75);
    expect(fadeNow(-0.1, 6)).toBe(0);
    expect(fadeNow(0.1, 0)).toBeNull();
  });

  it('loads the next track 15 s before the end', () => {
    expect(prepareDue(15.1, 0)).toBe(false);
    expect(prepareDue(14.9, 0)).toBe(true);
    expect(prepareDue(14.9, 12)).toBe(true);
  });

  it('lets a 4 s track play alone for its first half under a 12 s crossfade', () => {
    // Time updates every quarter second, as a browser sends them.
    const durationS = 4;
    const fade = fadeLengthS(12, durationS, 200);
    let startedAt: number | null = null;
    for (let t = 0; t < durationS && startedAt === null; t += 0.25)
      if (fadeNow(durationS - t, fade) !== null) startedAt = t;
    expect(startedAt).toBe(2);
  });
});
