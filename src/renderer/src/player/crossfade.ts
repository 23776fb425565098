/**
 * When and how two tracks overlap, as plain functions of time: when the next track is loaded on
 * the standby deck, when the fade starts and how long it lasts, and the gain of each deck during
 * it. The fade is equal-power (a quarter sine and cosine): the two gains' squares always sum to 1,
 * so two different songs keep the same loudness through the fade, where a linear fade dips by
 * 3 dB in the middle. Decks plays these curves on Web Audio gain nodes.
 */

/** The longest crossfade the settings allow, in seconds. */
export const MAX_CROSSFADE_S = 12;
// Load the next track this many seconds before the end: enough to buffer over a slow disk.
const PREPARE_S = 15;
// …and at least this long before a crossfade starts, so the new track is ready when it is due.
const PREPARE_BEFORE_FADE_S = 2;
// Points per fade curve: Web Audio interpolates linearly between them; with 64 the curve is
// within 0.0001 of the true sine, far below anything audible.
const CURVE_POINTS = 64;

/** Gains of the outgoing and incoming deck, each 0–1. */
export interface FadeGains {
  out: number;
  in: number;
}

/**
 * The equal-power gains `tS` seconds into a fade of `fadeS` seconds: out = 1, in = 0 at the start
 * (and before it), out = 0, in = 1 at the end (and after it), out² + in² = 1 throughout. A fade of
 * 0 s is an instant switch at t = 0.
 */
export function crossfadeGains(tS: number, fadeS: number): FadeGains {
  const x = fadeS > 0 ? Math.min(1, Math.max(0, tS / fadeS)) : tS < 0 ? 0 : 1;
  // sin at both ends so that 0 and 1 come out exact (cos(π/2) is 6e-17, not 0).
  return { out: Math.sin(((1 - x) * Math.PI) / 2), in: Math.sin((x * Math.PI) / 2) };
}

/**
 * The two gain curves of a fade, for AudioParam.setValueCurveAtTime: `out` starts from `outFrom`
 * (the outgoing deck's gain now, 1 unless a fade was cut short) and ends at 0; `in` goes 0 → 1.
 */
export function fadeCurves(outFrom = 1): { out: Float32Array; in: Float32Array } {
  const out = new Float32Array(CURVE_POINTS);
  const into = new Float32Array(CURVE_POINTS);
  for (let i = 0; i < CURVE_POINTS; i++) {
    const gains = crossfadeGains(i, CURVE_POINTS - 1);
    out[i] = outFrom * gains.out;
    into[i] = gains.in;
  }
  return { out, in: into };
}

/**
 * How long the fade between two tracks lasts, in seconds: the setting (clamped to 0–12), but at
 * most half of either track, so a track shorter than the crossfade is still heard on its own for
 * its first half instead of being faded out as soon as it starts. `incomingS` is null (or not a
 * finite number) while the next track's length is unknown.
 */
export function fadeLengthS(
  crossfadeS: number,
  outgoingS: number,
  incomingS: number | null,
): number {
  const setting = Math.max(0, Math.min(MAX_CROSSFADE_S, crossfadeS));
  const incoming =
    incomingS !== null && Number.isFinite(incomingS) && incomingS > 0 ? incomingS : Infinity;
  return Math.max(0, Math.min(setting, outgoingS / 2, incoming / 2));
}

/** Whether to load the next track on the standby deck now, `remainingS` before the end. */
export function prepareDue(remainingS: number, crossfadeS: number): boolean {
  return remainingS < Math.max(PREPARE_S, crossfadeS + PREPARE_BEFORE_FADE_S);
}

/**
 * Whether the fade starts now, and for how long: null until `remainingS` (seconds left of the
 * playing track) reaches `fadeS`, and never for a fade of 0 s (that hand-over waits for the end).
 * A fade noticed late (time updates come every quarter second or so) is shortened to end exactly
 * with the track, so the outgoing track never stops while still audible.
 */
export function fadeNow(remainingS: number, fadeS: number): number | null {
  if (fadeS <= 0 || remainingS > fadeS) return null;
  return Math.max(0, remainingS);
}
