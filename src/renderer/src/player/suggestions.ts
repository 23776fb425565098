/**
 * Encore's suggestions for what follows the person's own queue: one list, fetched for the current
 * track and the entries still queued after it, that both the Up Next panel shows and the auto-DJ
 * plays from. Because the panel and the player read the same list, Next at the end of the queue
 * plays exactly the suggestion the panel shows first. Fetched again when the track or the rest of
 * the queue changes, and when the engine says Up Next changed (after feedback).
 */
import type { Bridge } from '../../../shared/bridge';
import type { TrackId } from '../../../shared/library';
import type { UpNextItem } from '../../../shared/recommend';
import type { Player, PlayerSnapshot } from './player';
import { sessionId } from '../lib/feedback';

// Eight fit the panel at 800 px without scrolling and leave choice after a few skips.
export const SUGGESTION_COUNT = 8;
// The engine's contract bounds `queued`; the next 500 entries are what the ranking can see.
const QUEUED_SENT = 500;
const REASONS_KEPT = 500;

export interface SuggestionsSnapshot {
  /** null until the first answer. */
  items: UpNextItem[] | null;
  error: string | null;
}

/** What the suggestions depend on: the current track and the entries queued after it. */
function keyOf(s: PlayerSnapshot): string {
  return `${s.currentId ?? ''}|${upcomingIds(s).join(',')}`;
}

function upcomingIds(s: PlayerSnapshot): TrackId[] {
  return s.queue.slice(s.index + 1, s.index + 1 + QUEUED_SENT);
}

export class Suggestions {
  private state: SuggestionsSnapshot = { items: null, error: null };
  private readonly listeners = new Set<() => void>();
  private key: string | null = null;
  private pending: Promise<void> | null = null;
  /** Bumped per fetch: only the newest answer is kept. */
  private generation = 0;
  private enabled = true;
  /** The reason each suggestion was shown with, for "why this is playing". */
  private readonly reasons = new Map<TrackId, Pick<UpNextItem, 'reason' | 'why'>>();

  constructor(
    private readonly bridge: Bridge,
    private readonly player: Player,
  ) {
    player.subscribe(() => {
      if (keyOf(player.snapshot()) !== this.key) this.refresh();
    });
    const onChanged = (): void => this.refresh();
    bridge.on('upnext.changed', (e) => {
      if (e.sessionId === sessionId || e.sessionId === '*') onChanged();
    });
    bridge.on('library.changed', onChanged);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): SuggestionsSnapshot => this.state;

  /** Auto-DJ off: no suggestions are fetched or shown. */
  setEnabled(enabled: boolean): void {
    if (enabled === this.enabled) return;
    this.enabled = enabled;
    if (enabled) this.refresh();
    else this.set({ items: [], error: null });
  }

  /** Fetches the suggestions for the player's state now. */
  refresh(): void {
    const s = this.player.snapshot();
    this.key = keyOf(s);
    if (!this.enabled) return;
    const generation = ++this.generation;
    this.pending = this.bridge
      .invoke('recs.upNext', {
        sessionId,
        currentTrackId: s.currentId ?? undefined,
        count: SUGGESTION_COUNT,
        queued: upcomingIds(s),
      })
      .then(
        (items) => {
          for (const item of items)
            this.reasons.set(item.trackId, { reason: item.reason, why: item.why });
          // The newest few hundred are plenty: the reason matters while the track plays.
          while (this.reasons.size > REASONS_KEPT)
            this.reasons.delete(this.reasons.keys().next().value as TrackId);
          if (generation === this.generation) this.set({ items, error: null });
        },
        (err: Error) => {
          if (generation === this.generation) this.set({ ...this.state, error: err.message });
        },
      );
  }

  /**
   * The suggestion shown first, once the newest fetch for the current state has answered: what
   * the auto-DJ plays when the person's queue runs out.
   */
  async first(): Promise<UpNextItem | undefined> {
    if (keyOf(this.player.snapshot()) !== this.key) this.refresh();
    if (this.pending) await this.pending;
    return this.enabled ? this.state.items?.[0] : undefined;
  }

  /** The reason `id` was suggested with, when it was (null: not one of Encore's suggestions). */
  reasonFor(id: TrackId): Pick<UpNextItem, 'reason' | 'why'> | null {
    return this.reasons.get(id) ?? null;
  }

  /** Takes a suggestion off the list at once (skipped, disliked); the engine's answer follows. */
  drop(trackId: TrackId): void {
    const items = this.state.items?.filter((x) => x.trackId !== trackId) ?? null;
    this.set({ ...this.state, items });
  }

  private set(next: SuggestionsSnapshot): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
