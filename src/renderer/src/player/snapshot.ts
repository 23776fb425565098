/**
 * The player's observable state: an immutable snapshot React reads with useSyncExternalStore,
 * replaced (never mutated) on every change, with the types the rest of the UI sees.
 */
import { emptyPlayerState, type PlayerState } from '../../../shared/app-state';
import type { TrackId } from '../../../shared/library';
import type { FeedbackSource } from '../../../shared/recommend';

export interface PlayerSnapshot extends PlayerState {
  playing: boolean;
  /** Seconds; 0 until the audio element knows. */
  durationS: number;
  currentId: TrackId | null;
  /** dB applied for loudness normalisation (0 when off or unknown). */
  gainDb: number;
  error: string | null;
}

/** What happened to a track, for the recommender's feedback. */
export interface PlayEvent {
  trackId: TrackId;
  kind: 'play' | 'skip' | 'complete';
  positionS: number;
  durationS: number;
  /** Where the track's queue entry came from. */
  source: FeedbackSource;
}

/** Holds the snapshot and its subscribers; `set(patch, true)` also persists (see `persist`). */
export abstract class SnapshotStore {
  protected state: PlayerSnapshot = {
    ...emptyPlayerState,
    playing: false,
    durationS: 0,
    currentId: null,
    gainDb: 0,
    error: null,
  };
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): PlayerSnapshot => this.state;

  /** Saves what must survive a restart. */
  protected abstract persist(): void;

  protected set(patch: Partial<PlayerSnapshot>, persist = false): void {
    this.state = { ...this.state, ...patch };
    this.emit();
    if (persist) this.persist();
  }

  protected emit(): void {
    for (const listener of this.listeners) listener();
  }
}
