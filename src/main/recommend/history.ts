/**
 * The person's listening history as the recommender needs it, folded from the feedback log:
 * when each track was last played, play and skip counts, liked / disliked tracks, removals from
 * generated playlists, and co-listening counts ("you often play B after A" — item-to-item
 * collaborative filtering within this one listener's sessions).
 */
import type { TrackId } from '../../shared/library';
import type { RecordedEvent } from '../../shared/recommend';
import { isEarlySkip } from './labels';

/** Two plays further apart than this are not "one after the other" (ms). */
export const CO_LISTEN_GAP_MS = 30 * 60 * 1000;

export class History {
  readonly lastPlayed = new Map<TrackId, number>();
  readonly plays = new Map<TrackId, number>();
  readonly skips = new Map<TrackId, number>();
  readonly liked = new Set<TrackId>();
  readonly disliked = new Set<TrackId>();
  /** context (e.g. 'mood:calm') → tracks the person removed from that list. */
  readonly removed = new Map<string, Set<TrackId>>();
  /** a → (b → times b was enjoyed right after a). */
  private readonly after = new Map<TrackId, Map<TrackId, number>>();
  private readonly lastPositive = new Map<string, { trackId: TrackId; at: number }>();
  events = 0;

  /** Folds one event in (events must come in log order); `coListen` false skips co-listening
   * (events from before a taste reset). */
  apply(e: RecordedEvent, coListen = true): void {
    this.events += 1;
    const id = e.trackId;
    switch (e.kind) {
      case 'play':
      case 'replay':
        this.lastPlayed.set(id, Math.max(e.at, this.lastPlayed.get(id) ?? 0));
        break;
      case 'complete':
        this.lastPlayed.set(id, Math.max(e.at, this.lastPlayed.get(id) ?? 0));
        this.plays.set(id, (this.plays.get(id) ?? 0) + 1);
        break;
      case 'skip':
        this.lastPlayed.set(id, Math.max(e.at, this.lastPlayed.get(id) ?? 0));
        this.skips.set(id, (this.skips.get(id) ?? 0) + 1);
        // A late skip still counts as a play heard.
        if (!isEarlySkip(e.positionS, e.durationS))
          this.plays.set(id, (this.plays.get(id) ?? 0) + 1);
        break;
      case 'like':
        this.liked.add(id);
        this.disliked.delete(id);
        break;
      case 'unlike':
        this.liked.delete(id);
        break;
      case 'dislike':
        this.disliked.add(id);
        this.liked.delete(id);
        break;
      case 'undislike':
        this.disliked.delete(id);
        break;
      case 'remove': {
        const key = e.context ?? '';
        const set = this.removed.get(key) ?? new Set<TrackId>();
        set.add(id);
        this.removed.set(key, set);
        break;
      }
      default:
        break;
    }
    if (coListen && (e.kind === 'complete' || e.kind === 'like' || e.kind === 'replay'))
      this.notePositive(e);
  }

  private notePositive(e: RecordedEvent): void {
    const prev = this.lastPositive.get(e.sessionId);
    if (prev && prev.trackId !== e.trackId && e.at - prev.at <= CO_LISTEN_GAP_MS) {
      const m = this.after.get(prev.trackId) ?? new Map<TrackId, number>();
      m.set(e.trackId, (m.get(e.trackId) ?? 0) + 1);
      this.after.set(prev.trackId, m);
    }
    if (!prev || prev.trackId !== e.trackId)
      this.lastPositive.set(e.sessionId, { trackId: e.trackId, at: e.at });
  }

  /** Times `b` was enjoyed right after `a`. */
  coCount(a: TrackId, b: TrackId): number {
    return this.after.get(a)?.get(b) ?? 0;
  }

  /** The tracks most often enjoyed after `a`, most frequent first. */
  followers(a: TrackId, k: number): [TrackId, number][] {
    const m = this.after.get(a);
    if (!m) return [];
    return [...m.entries()].sort((x, y) => y[1] - x[1]).slice(0, k);
  }

  /** Forgets all co-listening counts (taste reset). */
  clearCoListening(): void {
    this.after.clear();
    this.lastPositive.clear();
  }

  /** Tracks played most (completes and late skips), most first. */
  mostPlayed(k: number): TrackId[] {
    return [...this.plays.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, k)
      .map(([id]) => id);
  }
}
