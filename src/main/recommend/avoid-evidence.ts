/**
 * Evidence for "you avoid this artist / genre": the listening sessions in which the person clearly
 * turned a track of it down (an early skip of Encore's suggestion, a dislike, a removal). One
 * session of sampling is not avoiding: an artist or genre counts as avoided only when its learned
 * weight is low enough AND the evidence comes from at least two sessions.
 */
import type { RecordedEvent } from '../../shared/recommend';
import { lessonOf } from './labels';
import type { Catalog } from './catalog';

/** The part of the recommender's state the evidence lives in (state.ts holds it). */
export interface EvidenceState {
  catalog: Catalog;
  /** 'artist:<key>' / 'genre:<key>' → sessions with clear negative evidence. */
  avoidEvidence: Map<string, Set<string>>;
  /** Events up to this id came before a taste reset: no longer evidence. */
  model: { resetAtEventId: number };
}

/** Sessions with clear negative evidence needed before an artist or genre is "avoided". */
export const AVOID_SESSIONS = 2;
/** A lesson at least this strong against a track is clear evidence (an early skip of a
 * suggestion is 1.5, a dislike 3; sampling one's own list 0.2). */
const CLEAR = 1;

/** Folds one event in (called for every event, in log order). */
export function noteEvidence(state: EvidenceState, e: RecordedEvent): void {
  if (e.id <= state.model.resetAtEventId) return;
  const lesson = lessonOf(e.kind, e.positionS, e.durationS, e);
  if (!lesson || lesson.label !== 0 || lesson.weight < CLEAR || (lesson.named ?? 1) === 0) return;
  const r = state.catalog.row(e.trackId);
  if (r < 0) return;
  const t = state.catalog.tracks[r];
  const m = state.avoidEvidence;
  for (const token of [`artist:${t.artistKey}`, ...t.genres.map((g) => `genre:${g}`)]) {
    if (token.endsWith(':')) continue;
    let s = m.get(token);
    if (!s) m.set(token, (s = new Set()));
    s.add(e.sessionId);
  }
}

/** Forgets all evidence (a taste reset starts over; the events before it stay in the history). */
export function forgetEvidence(state: EvidenceState): void {
  state.avoidEvidence.clear();
}

/** True when the person turned down `token` ('artist:<key>', 'genre:<key>') in enough sessions. */
export function repeatedlyAvoided(state: EvidenceState, token: string): boolean {
  return (state.avoidEvidence.get(token)?.size ?? 0) >= AVOID_SESSIONS;
}
