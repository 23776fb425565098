/**
 * What a feedback event teaches: a label (1 = wanted, 0 = not) and how much it counts. Skip
 * semantics live here: a skip in the first 30 s or the first 25 % of the track is a strong
 * negative, a later skip a weak one (the person heard most of it and just moved on). A skip is
 * weighed by where the track came from: skipping Encore's suggestion says "not this"; skipping
 * through a list the person chose (sampling a few seconds each) says "not now", about that song,
 * and teaches nothing about its artist or genre.
 */
import { COLD_START_CONTEXT, type FeedbackKind, type FeedbackSource } from '../../shared/recommend';

export interface Lesson {
  label: 0 | 1;
  /** Relative weight of the update, 0–3. */
  weight: number;
  /** Share of the weight that reaches the named features (artist, album, genre, …), 0–1;
   * default 1. */
  named?: number;
}

/** Seconds: a skip before this in a list the person chose is sampling, not a verdict. */
export const SAMPLE_S = 10;

/** What the person chose themselves (browsing a list, a search, their own queue). */
const OWN_CHOICE: ReadonlySet<FeedbackSource> = new Set(['library', 'search', 'playlist', 'queue']);

/** Where the event came from, and its context (e.g. 'cold-start' for a first-run pick). */
export interface EventOrigin {
  source?: FeedbackSource;
  context?: string | null;
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
  origin: EventOrigin = {},
): Lesson | null {
  switch (kind) {
    case 'complete':
      return { label: 1, weight: 1 };
    case 'like':
      // A first-run pick is a start, not a song heard and loved.
      return { label: 1, weight: origin.context === COLD_START_CONTEXT ? 1.5 : 2.5 };
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
      return skipLesson(positionS, durationS, origin.source);
    default:
      return null;
  }
}

/** A skip's lesson by how much was heard and where the track came from. */
function skipLesson(
  positionS: number | null | undefined,
  durationS: number | null | undefined,
  source: FeedbackSource | undefined,
): Lesson {
  const early = isEarlySkip(positionS, durationS);
  if (source === undefined || !OWN_CHOICE.has(source))
    return early ? { label: 0, weight: 1.5 } : { label: 0, weight: 0.3 };
  // The person's own list: a few seconds is sampling (a faint "not this song now"); a longer
  // listen then a skip says a little more about the sound, never about the artist or genre.
  const sampled = positionS !== null && positionS !== undefined && positionS < SAMPLE_S;
  if (sampled) return { label: 0, weight: 0.2, named: 0 };
  return early ? { label: 0, weight: 0.6, named: 0 } : { label: 0, weight: 0.15, named: 0 };
}
