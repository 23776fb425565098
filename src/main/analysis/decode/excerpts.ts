/**
 * Which parts of a track are analysed. Whole-track analysis of a 4-minute file costs about a
 * second of decoding alone (WASM decoders run ~300x realtime here), four times the per-track
 * budget of 2 tracks/s on one worker, so a track is analysed from three 10-second windows centred
 * at 25 %, 50 % and 75 % of its length: they skip intros and fade-outs, catch a verse and a chorus
 * in most songs, and 30 s is enough for a stable tempo autocorrelation and chroma profile.
 * The cost in accuracy against whole-track analysis is measured by `npm run bench:analyze`
 * (docs/benchmarks.md). Tracks up to 40 s are analysed whole.
 */

/** One window to decode, in seconds from the start of the track. */
export interface Excerpt {
  startS: number;
  lengthS: number;
}

/** Seconds per window. */
export const EXCERPT_S = 10;
/** Window centres, as fractions of the track length. */
export const EXCERPT_CENTRES = [0.25, 0.5, 0.75];
/** Tracks this short (seconds) are analysed whole. */
export const WHOLE_TRACK_MAX_S = 40;

/** The windows to analyse in a track of `durationS` seconds (whole track when short). */
export function planExcerpts(durationS: number): Excerpt[] {
  if (!(durationS > 0)) return [];
  if (durationS <= WHOLE_TRACK_MAX_S) return [{ startS: 0, lengthS: durationS }];
  return EXCERPT_CENTRES.map((c) => ({
    startS: Math.max(0, Math.min(durationS - EXCERPT_S, c * durationS - EXCERPT_S / 2)),
    lengthS: EXCERPT_S,
  }));
}
