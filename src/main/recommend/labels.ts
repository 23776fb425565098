/**
 * What a feedback event teaches: a label (1 = wanted, 0 = not) and how much it counts. Skip
 * semantics live here: a skip in the first 30 s or the first 25 % of the track is a strong
 * negative, a later skip a weak one (the person heard most of it and just moved on).
 */
import type { FeedbackKind } from '../../shared/recommend';

export interface Lesson {
  label: 0 | 1;
  /** Relative weight of the update, 0–3. */
  weight: number;
}

/** Seconds: a skip this early says "not this" whatever the track's length. */
export const EARLY_SKIP_S = 30;
/** Fraction of the track: a skip before this is early too. */
export const EARLY_SKIP_FRACTION = 0.25;

/** True when a skip at `positionS` of a `durationS`-long track is a strong negative. Unknown
 * position counts as early (the safer reading: the person did not want it). */
export function isEarlySkip(
  positionS: number | null | undefined,
  durationS: number | null | undefined,
): boolean {
  if (positionS === null || positionS === undefined) return true;
  if (positionS < EARLY_SKIP_S) return true;
  return (
    durationS !== null &&
    durationS !== undefined &&
    durationS > 0 &&
    positionS < EARLY_SKIP_FRACTION * durationS
  );
}

/** The lesson of one event, or null when it teaches the taste model nothing (play, progress). */
export function lessonOf(
  kind: FeedbackKind,
  positionS: number | null | undefined,
  durationS: number | null | undefined,
): Lesson | null {
  switch (kind) {
    case 'complete':
      return { label: 1, weight: 1 };
    case 'like':
      return { label: 1, weight: 2.5 };
    case 'replay':
      return { label: 1, weight: 1.5 };
    case 'queue':
      return { label: 1, weight: 0.7 };
    case 'dislike':
      return { label: 0, weight: 3 };
    case 'unlike':
      return { label: 0, weight: 1 };
    case 'remove':
      return { label: 0, weight: 1 };
    case 'skip':
      return isEarlySkip(positionS, durationS)
        ? { label: 0, weight: 1.5 }
        : { label: 0, weight: 0.3 };
    default:
      return null;
  }
}
