// Loudness normalisation: measured gain first, ReplayGain tags as fallback, peak-limited, clamped.
import { describe, expect, it } from 'vitest';
import { gainFor } from '../../src/renderer/src/player/loudness';
import type { NowPlayingInfo } from '../../src/shared/contract';

function info(
  measuredGainDb: number | null,
  rg: Partial<NowPlayingInfo['track']['replayGain']> = {},
): NowPlayingInfo {
  return {
    measuredGainDb,
    track: {
      replayGain: { trackGainDb: null, trackPeak: null, albumGainDb: null, albumPeak: null, ...rg },
    } as NowPlayingInfo['track'],
  };
}

describe('gainFor', () => {
  it('prefers the measured loudness over the tags', () => {
    expect(gainFor(info(-4.5, { trackGainDb: -9 }), 'track')).toBe(-4.5);
  });

  it('falls back to ReplayGain, track or album as asked, each falling back to the other', () => {
    expect(gainFor(info(null, { trackGainDb: -7, albumGainDb: -5 }), 'track')).toBe(-7);
    expect(gainFor(info(null, { trackGainDb: -7, albumGainDb: -5 }), 'album')).toBe(-5);
    expect(gainFor(info(null, { albumGainDb: -5 }), 'track')).toBe(-5);
    expect(gainFor(info(null), 'track')).toBe(0);
  });

  it('never boosts a track past its peak, and clamps wild values', () => {
    // Peak 0.5 (−6 dBFS): at most +6 dB.
    expect(gainFor(info(9, { trackPeak: 0.5 }), 'track')).toBeCloseTo(6.02, 2);
    expect(gainFor(info(40), 'track')).toBe(12);
    expect(gainFor(info(-80), 'track')).toBe(-24);
  });
});
