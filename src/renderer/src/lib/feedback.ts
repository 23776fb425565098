/**
 * Feedback to the recommender: the listening session's id (one per sitting, i.e. per page load)
 * and sending one event. Where a play came from is the player's (player/origins.ts).
 */
import type { Bridge } from '../../../shared/bridge';
import type { FeedbackKind, FeedbackSource } from '../../../shared/recommend';
import type { TrackId } from '../../../shared/library';

export const sessionId: string = crypto.randomUUID();

/** Sends one event; failures are logged, never shown as a blocking error. */
export function sendFeedback(
  bridge: Bridge,
  trackId: TrackId,
  kind: FeedbackKind,
  source: FeedbackSource,
  extra: { positionS?: number; durationS?: number; context?: string } = {},
): Promise<void> {
  return bridge
    .invoke('recs.feedback', { event: { trackId, kind, sessionId, source, ...extra } })
    .then(() => undefined)
    .catch((err: unknown) => console.warn('feedback not recorded', err));
}
