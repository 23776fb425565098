/**
 * The person's listening history as the recommender needs it, folded from the feedback log:
 * when each track was last played, play and skip counts, liked / disliked tracks, removals from
 * generated playlists, and co-listening counts ("you often play B after A" — item-to-item
 * collaborative filtering within this one listener's sessions).
 */
import type { TrackId } from '../../shared/library';
import type { RecordedEvent } from '../../shared/recommend';
import { isEarlySkip } from './labels';
import { RecentPlays } from './recent-plays';

/** Two plays further apart than this are not "one after the other" (ms). */
export const CO_LISTEN_GAP_MS = 30 * 60 * 1000;

export class History {
  readonly lastPlayed = new Map<TrackId, number>();
  /** Every played track once, in the order of its first play (= `lastPlayed`'s key order), so
   * caches derived from the played tracks catch up by reading only the new ones. */
  readonly playOrder: TrackId[] = [];
  /** By index in `playOrder`: the track's last play (ms), plays and skips — `lastPlayed`, `plays`
   * and `skips` again, as arrays for loops over every played track without map look-ups. */
  readonly orderedLast: number[] = [];
  readonly orderedPlays: number[] = [];
  readonly orderedSkips: number[] = [];
  private readonly orderOf = new Map<TrackId, number>();
  /** Plays in log order, for the no-repeat window. */
  readonly recentPlays = new RecentPlays();
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
        this.notePlay(id, e.at);
        break;
      case 'complete': {
        const i = this.notePlay(id, e.at);
        this.plays.set(id, (this.plays.get(id) ?? 0) + 1);
        this.orderedPlays[i] += 1;
        break;
      }
      case 'skip': {
        const i = this.notePlay(id, e.at);
        this.skips.set(id, (this.skips.get(id) ?? 0) + 1);
        this.orderedSkips[i] += 1;
        // A late skip still counts as a play heard.
        if (!isEarlySkip(e.positionS, e.durationS)) {
          this.plays.set(id, (this.plays.get(id) ?? 0) + 1);
          this.orderedPlays[i] += 1;
        }
        break;
      }
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

  /** Notes a play; returns the track's index in `playOrder`. */
  private notePlay(id: TrackId, at: number): number {
    let i = this.orderOf.get(id);
    if (i === undefined) {
      i = this.playOrder.length;
      this.orderOf.set(id, i);
      this.playOrder.push(id);
      this.orderedLast.push(0);
      this.orderedPlays.push(0);
      this.orderedSkips.push(0);
    }
    const last = Math.max(at, this.lastPlayed.get(id) ?? 0);
    this.lastPlayed.set(id, last);
    this.orderedLast[i] = last;
    this.recentPlays.note(id, at);
    return i;
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
