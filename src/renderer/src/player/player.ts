/**
 * The player: one object that owns the two audio decks, the queue and the play modes, and hands
 * React an immutable snapshot (useSyncExternalStore). Every change of the queue or modes is saved
 * to the store through the bridge (the position every few seconds), so a restart resumes the same
 * track at the same place. The next track is loaded on the standby deck ahead of time for a
 * gapless hand-over or a crossfade; loudness normalisation is a per-deck Web Audio gain.
 */
import type { Bridge } from '../../../shared/bridge';
import type { QueueSource, RepeatMode, Settings } from '../../../shared/app-state';
import type { TrackId } from '../../../shared/library';
import { gainFor } from './loudness';
import { Decks } from './decks';
import { moveInQueue, removeFromQueue, shuffled } from './queue';
import { SnapshotStore, type PlayEvent } from './snapshot';

export type { PlayerSnapshot, PlayEvent } from './snapshot';

// Saving the position more often than every 5 s buys nothing: a resume a few seconds early is fine.
const POSITION_SAVE_MS = 5000;
// "Previous" within the first 3 s goes to the previous track; later it restarts this one.
const RESTART_THRESHOLD_S = 3;

export class Player extends SnapshotStore {
  private readonly decks = new Decks();
  private lastPositionSave = 0;
  private normalisation: Settings['normalisation'] = 'track';
  private crossfadeS = 0;
  private pendingSeek: number | null = null;
  /** The track loaded on the standby deck, ready for the hand-over. */
  private prepared: { id: TrackId } | null = null;
  private handingOver = false;
  private onPlayEvent: ((event: PlayEvent) => void) | null = null;
  private onQueueEnd: (() => Promise<TrackId[]>) | null = null;

  constructor(private readonly bridge: Bridge) {
    super();
    for (const el of this.decks.elements) {
      // Only the active deck speaks for the player; the standby one just loads.
      const on = (type: string, handler: () => void): void =>
        el.addEventListener(type, () => {
          if (el === this.audio) handler();
        });
      on('timeupdate', () => this.onTime());
      on('durationchange', () => this.set({ durationS: finite(el.duration) }));
      on('play', () => this.set({ playing: true }, true));
      on('pause', () => this.set({ playing: false }, true));
      on('ended', () => void this.onEnded());
      on('error', () =>
        this.set({ error: el.error?.message || 'cannot play this file', playing: false }),
      );
      on('loadedmetadata', () => {
        if (this.pendingSeek !== null) el.currentTime = this.pendingSeek;
        this.pendingSeek = null;
      });
    }
  }

  /** The deck playing now. */
  private get audio(): HTMLAudioElement {
    return this.decks.active;
  }

  /** Loads the saved state (queue, track, position) without starting playback. */
  async restore(): Promise<void> {
    const saved = await this.bridge.invoke('player.state', {});
    this.state = { ...this.state, ...saved };
    this.decks.setVolume(saved.volume, saved.muted);
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

  /** Seconds of overlap between tracks, 0–12; 0 hands over without a gap or an overlap. */
  setCrossfade(seconds: number): void {
    this.crossfadeS = Math.max(0, Math.min(12, seconds));
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
    this.decks.setVolume(v, false);
    this.set({ volume: v, muted: false }, true);
  }

  toggleMute(): void {
    this.decks.setVolume(this.state.volume, !this.state.muted);
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
    this.persist();
  }

  private resume(): void {
    this.decks.start();
    this.audio.play().catch((err: Error) => this.set({ error: err.message }));
  }

  private load(positionS: number, autoplay: boolean): void {
    const id = this.state.queue[this.state.index];
    if (id === undefined) {
      this.audio.removeAttribute('src');
      this.set({ currentId: null, playing: false, durationS: 0 });
      return;
    }
    // A jump during a crossfade silences the track that was fading out.
    if (!this.decks.standby.paused) this.decks.standby.pause();
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

  /** The queue index that plays after the current one, or null. */
  private nextIndex(): number | null {
    const { queue, index, repeat } = this.state;
    if (repeat === 'one') return null;
    if (index + 1 < queue.length) return index + 1;
    return repeat === 'all' && queue.length > 1 ? 0 : null;
  }

  // Load the next track this many seconds before the end: enough to buffer over a slow disk.
  private static readonly PREPARE_S = 15;

  /** Near the end of a track: loads the next one on the standby deck; crossfades when due. */
  private prepareAndFade(): void {
    const next = this.nextIndex();
    const remaining = this.state.durationS - this.audio.currentTime;
    if (next === null || !this.state.durationS || this.audio.paused || this.handingOver) return;
    const id = this.state.queue[next] as TrackId;
    if (remaining < Math.max(Player.PREPARE_S, this.crossfadeS + 2) && this.prepared?.id !== id) {
      this.prepared = { id };
      this.decks.standby.src = this.bridge.mediaUrl(id);
      this.decks.standby.load();
      void this.gainOf(id).then((db) => this.decks.setGainDb('standby', db));
    }
    if (this.crossfadeS > 0 && remaining <= this.crossfadeS && this.prepared?.id === id) {
      this.handOver(next, this.crossfadeS);
    }
  }

  /** Switches to the prepared track on the standby deck (instantly, or fading over `fadeS`). */
  private handOver(next: number, fadeS: number): void {
    const endedId = this.state.currentId;
    const duration = this.state.durationS;
    this.handingOver = true;
    const old = this.decks.swap(fadeS);
    this.prepared = null;
    if (endedId !== null)
      this.onPlayEvent?.({
        trackId: endedId,
        kind: 'complete',
        positionS: duration,
        durationS: duration,
      });
    const id = this.state.queue[next] as TrackId;
    this.set(
      {
        index: next,
        currentId: id,
        positionS: 0,
        durationS: finite(this.audio.duration),
        error: null,
      },
      true,
    );
    this.resume();
    this.onPlayEvent?.({ trackId: id, kind: 'play', positionS: 0, durationS: 0 });
    void this.applyGain();
    setTimeout(() => {
      old.pause();
      this.handingOver = false;
    }, fadeS * 1000);
  }

  private async onEnded(): Promise<void> {
    const next = this.nextIndex();
    if (next !== null && this.prepared?.id === this.state.queue[next]) {
      this.handOver(next, 0);
      return;
    }
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
    if (Date.now() - this.lastPositionSave > POSITION_SAVE_MS) this.persist();
    this.prepareAndFade();
  }

  /** The normalisation gain (dB) for a track under the current mode; 0 when off or unknown. */
  private async gainOf(id: TrackId): Promise<number> {
    if (this.normalisation === 'off') return 0;
    const info = await this.bridge.invoke('player.nowPlaying', { id }).catch(() => null);
    return info ? gainFor(info, this.normalisation) : 0;
  }

  private async applyGain(): Promise<void> {
    const id = this.state.currentId;
    if (id === null) return;
    const db = await this.gainOf(id);
    if (id !== this.state.currentId) return;
    this.decks.setGainDb('active', db);
    this.set({ gainDb: db });
  }

  protected persist(): void {
    this.lastPositionSave = Date.now();
    const { queue, index, volume, muted, shuffle, repeat, source, playing } = this.state;
    const positionS =
      Number.isFinite(this.audio.currentTime) && this.state.currentId !== null
        ? this.audio.currentTime
        : 0;
    this.bridge.send('player.save', {
      state: { queue, index, positionS, volume, muted, shuffle, repeat, source, playing },
    });
  }
}

const finite = (n: number): number => (Number.isFinite(n) ? n : 0);
