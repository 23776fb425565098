/**
 * Feedback to the recommender: the listening session's id (one per sitting, i.e. per page load)
 * and the mapping from the player's events and queue source to the recommender's event fields.
 */
import type { Bridge } from '../../../shared/bridge';
import type { QueueSource } from '../../../shared/app-state';
import type { FeedbackKind, FeedbackSource } from '../../../shared/recommend';
import type { TrackId } from '../../../shared/library';

export const sessionId: string = crypto.randomUUID();

export function feedbackSource(source: QueueSource | null): FeedbackSource {
  switch (source?.kind) {
    case 'upNext':
      return 'upnext';
    case 'search':
      return 'search';
    case 'station':
    case 'mood':
      return 'station';
    case 'album':
    case 'artist':
      return 'playlist';
    default:
      return 'library';
  }
}

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
