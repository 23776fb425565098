/**
 * The player: one object that owns the audio element, the queue and the play modes, and hands
 * React an immutable snapshot (useSyncExternalStore). Every change of the queue or modes is saved
 * to the store through the bridge (the position every few seconds), so a restart resumes the same
 * track at the same place. Loudness normalisation runs through a Web Audio gain node.
 */
import type { Bridge } from '../../../shared/bridge';
import {
  emptyPlayerState,
  type PlayerState,
  type QueueSource,
  type RepeatMode,
  type Settings,
} from '../../../shared/app-state';
import type { TrackId } from '../../../shared/library';
import { gainFor } from './loudness';
import { AudioGraph } from './audio-graph';
import { moveInQueue, removeFromQueue, shuffled } from './queue';

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
}

// Saving the position more often than every 5 s buys nothing: a resume a few seconds early is fine.
const POSITION_SAVE_MS = 5000;
// "Previous" within the first 3 s goes to the previous track; later it restarts this one.
const RESTART_THRESHOLD_S = 3;

export class Player {
  private state: PlayerSnapshot = {
    ...emptyPlayerState,
    playing: false,
    durationS: 0,
    currentId: null,
    gainDb: 0,
    error: null,
  };
  private readonly listeners = new Set<() => void>();
  private readonly audio: HTMLAudioElement;
  private readonly graph: AudioGraph;
  private lastPositionSave = 0;
  private normalisation: Settings['normalisation'] = 'track';
  private pendingSeek: number | null = null;
  private onPlayEvent: ((event: PlayEvent) => void) | null = null;
  private onQueueEnd: (() => Promise<TrackId[]>) | null = null;

  constructor(private readonly bridge: Bridge) {
    this.audio = new Audio();
    this.audio.preload = 'auto';
    this.graph = new AudioGraph(this.audio);
    this.audio.addEventListener('timeupdate', () => this.onTime());
    this.audio.addEventListener('durationchange', () =>
      this.set({ durationS: finite(this.audio.duration) }),
    );
    this.audio.addEventListener('play', () => this.set({ playing: true }));
    this.audio.addEventListener('pause', () => this.set({ playing: false }, true));
    this.audio.addEventListener('ended', () => void this.onEnded());
    this.audio.addEventListener('error', () =>
      this.set({ error: this.audio.error?.message || 'cannot play this file', playing: false }),
    );
    this.audio.addEventListener('loadedmetadata', () => {
      if (this.pendingSeek !== null) this.audio.currentTime = this.pendingSeek;
      this.pendingSeek = null;
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): PlayerSnapshot => this.state;

  /** Loads the saved state (queue, track, position) without starting playback. */
  async restore(): Promise<void> {
    const saved = await this.bridge.invoke('player.state', {});
    this.state = { ...this.state, ...saved };
    this.audio.volume = saved.volume;
    this.audio.muted = saved.muted;
    this.load(saved.positionS, false);
    this.emit();
  }

  /** Called on play, skip and complete, for the recommender. */
  setPlayEventHandler(handler: ((event: PlayEvent) => void) | null): void {
    this.onPlayEvent = handler;
  }

  /** Called when the queue runs out; may return more tracks to play (auto-DJ). */
  setQueueEndHandler(handler: (() => Promise<TrackId[]>) | null): void {
    this.onQueueEnd = handler;
  }

  setNormalisation(mode: Settings['normalisation']): void {
    this.normalisation = mode;
    void this.applyGain();
  }

  /** Replaces the queue and plays `index` of it. */
  playQueue(queue: TrackId[], index: number, source: QueueSource | null): void {
    this.reportLeaving();
    const order = this.state.shuffle
      ? [queue[index] as TrackId, ...shuffled(queue.filter((_, i) => i !== index))]
      : queue;
    this.set({ queue: order, index: this.state.shuffle ? 0 : index, source, positionS: 0 }, true);
    this.load(0, true);
  }

  /** Adds tracks after the current one (play next) or at the end. */
  enqueue(ids: TrackId[], next = false): void {
    const q = [...this.state.queue];
    q.splice(next ? this.state.index + 1 : q.length, 0, ...ids);
    this.set({ queue: q, index: this.state.index < 0 && q.length ? 0 : this.state.index }, true);
    if (this.state.currentId === null && q.length) this.load(0, false);
  }

  toggle(): void {
    if (this.state.currentId === null) {
      if (this.state.queue.length) this.jump(Math.max(0, this.state.index));
      return;
    }
    if (this.audio.paused) this.resume();
    else this.audio.pause();
  }

  play(): void {
    if (this.audio.paused) this.toggle();
  }

  pause(): void {
    this.audio.pause();
  }

  next(): void {
    this.reportLeaving();
    void this.advance(false);
  }

  previous(): void {
    if (this.audio.currentTime > RESTART_THRESHOLD_S || this.state.index <= 0) {
      this.seek(0);
      return;
    }
    this.reportLeaving();
    this.set({ index: this.state.index - 1, positionS: 0 }, true);
    this.load(0, true);
  }

  /** Plays the queue entry at `index`. */
  jump(index: number): void {
    if (index < 0 || index >= this.state.queue.length) return;
    this.reportLeaving();
    this.set({ index, positionS: 0 }, true);
    this.load(0, true);
  }

  /** Seconds from the start, clamped to the track. */
  seek(seconds: number): void {
    const s = Math.max(0, Math.min(seconds, this.state.durationS || seconds));
    this.audio.currentTime = s;
    this.set({ positionS: s }, true);
  }

  setVolume(volume: number): void {
    const v = Math.max(0, Math.min(1, volume));
    this.audio.volume = v;
    this.audio.muted = false;
    this.set({ volume: v, muted: false }, true);
  }

  toggleMute(): void {
    this.audio.muted = !this.state.muted;
    this.set({ muted: !this.state.muted }, true);
  }

  toggleShuffle(): void {
    const shuffle = !this.state.shuffle;
    if (!shuffle) return this.set({ shuffle }, true);
    const { queue, index } = this.state;
    const rest = shuffled(queue.slice(index + 1));
    this.set({ shuffle, queue: [...queue.slice(0, index + 1), ...rest] }, true);
  }

  cycleRepeat(): void {
    const order: RepeatMode[] = ['off', 'all', 'one'];
    this.set(
      { repeat: order[(order.indexOf(this.state.repeat) + 1) % order.length] ?? 'off' },
      true,
    );
  }

  /** Moves a queue entry (reorder); the current track keeps playing. */
  move(from: number, to: number): void {
    const next = moveInQueue(this.state.queue, this.state.index, from, to);
    if (next) this.set(next, true);
  }

  /** Removes a queue entry; removing the current one plays the next. */
  remove(at: number): void {
    const next = removeFromQueue(this.state.queue, this.state.index, at);
    if (!next) return;
    const playing = !this.audio.paused;
    this.set(
      { queue: next.queue, index: next.index, ...(next.currentRemoved ? { positionS: 0 } : {}) },
      true,
    );
    if (next.currentRemoved) this.load(0, playing);
  }

  clear(): void {
    this.audio.pause();
    this.audio.removeAttribute('src');
    this.set(
      { queue: [], index: -1, positionS: 0, currentId: null, durationS: 0, source: null },
      true,
    );
  }

  /** Saves the position now (the page is going away). */
  flush(): void {
    this.save();
  }

  private resume(): void {
    this.graph.start();
    this.audio.play().catch((err: Error) => this.set({ error: err.message }));
  }

  private load(positionS: number, autoplay: boolean): void {
    const id = this.state.queue[this.state.index];
    if (id === undefined) {
      this.audio.removeAttribute('src');
      this.set({ currentId: null, playing: false, durationS: 0 });
      return;
    }
    this.set({ currentId: id, error: null, durationS: 0, positionS });
    this.pendingSeek = positionS > 0 ? positionS : null;
    this.audio.src = this.bridge.mediaUrl(id);
    void this.applyGain();
    if (autoplay) {
      this.resume();
      this.onPlayEvent?.({ trackId: id, kind: 'play', positionS: 0, durationS: 0 });
    }
  }

  private async advance(ended: boolean): Promise<void> {
    const { queue, index, repeat } = this.state;
    if (ended && repeat === 'one') {
      this.seek(0);
      this.resume();
      return;
    }
    if (index + 1 < queue.length) {
      this.set({ index: index + 1, positionS: 0 }, true);
      this.load(0, true);
      return;
    }
    if (repeat === 'all' && queue.length) {
      this.set({ index: 0, positionS: 0 }, true);
      this.load(0, true);
      return;
    }
    const more = (await this.onQueueEnd?.()) ?? [];
    if (more.length) {
      this.set({ queue: [...queue, ...more], index: index + 1, positionS: 0 }, true);
      this.load(0, true);
    } else {
      this.audio.pause();
      this.seek(0);
    }
  }

  private async onEnded(): Promise<void> {
    const id = this.state.currentId;
    if (id !== null)
      this.onPlayEvent?.({
        trackId: id,
        kind: 'complete',
        positionS: this.state.durationS,
        durationS: this.state.durationS,
      });
    await this.advance(true);
  }

  /** Reports a skip when the person leaves a track that was playing before its end. */
  private reportLeaving(): void {
    const id = this.state.currentId;
    if (id === null || this.audio.paused || this.audio.ended) return;
    this.onPlayEvent?.({
      trackId: id,
      kind: 'skip',
      positionS: this.audio.currentTime,
      durationS: this.state.durationS,
    });
  }

  private onTime(): void {
    this.set({ positionS: this.audio.currentTime });
    if (Date.now() - this.lastPositionSave > POSITION_SAVE_MS) this.save();
  }

  private async applyGain(): Promise<void> {
    const id = this.state.currentId;
    if (id === null) return;
    const info =
      this.normalisation === 'off'
        ? null
        : await this.bridge.invoke('player.nowPlaying', { id }).catch(() => null);
    if (id !== this.state.currentId) return;
    const db = info && this.normalisation !== 'off' ? gainFor(info, this.normalisation) : 0;
    this.graph.setGainDb(db);
    this.set({ gainDb: db });
  }

  private set(patch: Partial<PlayerSnapshot>, persist = false): void {
    this.state = { ...this.state, ...patch };
    this.emit();
    if (persist) this.save();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }

  private save(): void {
    this.lastPositionSave = Date.now();
    const { queue, index, volume, muted, shuffle, repeat, source } = this.state;
    const positionS =
      Number.isFinite(this.audio.currentTime) && this.state.currentId !== null
        ? this.audio.currentTime
        : 0;
    this.bridge.send('player.save', {
      state: { queue, index, positionS, volume, muted, shuffle, repeat, source },
    });
  }
}

const finite = (n: number): number => (Number.isFinite(n) ? n : 0);
