/**
 * The player: one object that owns the two audio decks, the queue and the play modes, and hands
 * React an immutable snapshot (useSyncExternalStore). It ties together the parts that each live
 * in their own file: the decks and their audio graph (decks.ts), what plays next (advance.ts),
 * the hand-over between tracks (handover.ts) and its crossfade (crossfade.ts), what is saved for a
 * restart (persistence.ts), the listening events for the recommender (feedback.ts) with where each
 * queue entry came from (origins.ts), queue edits (queue.ts) and loudness normalisation
 * (loudness.ts). The next track is loaded on the standby deck ahead of time for a
 * gapless hand-over or a crossfade.
 */
import type { Bridge } from '../../../shared/bridge';
import type { QueueSource, Settings } from '../../../shared/app-state';
import type { TrackId } from '../../../shared/library';
import type { FeedbackSource } from '../../../shared/recommend';
import { afterTrack, extendQueue, upcoming } from './advance';
import { Decks } from './decks';
import { completeEvent, leaveEvent, playEvent } from './feedback';
import { HandOver } from './handover';
import { gainFor } from './loudness';
import { entriesOf, feedbackSource, fromEntries, originAt, queueEntries } from './origins';
import { positionSaveDue, savedState } from './persistence';
import { moveInQueue, nextRepeat, removeFromQueue, shuffledFrom, shuffledRest } from './queue';
import { SnapshotStore, type PlayEvent } from './snapshot';

export type { PlayerSnapshot, PlayEvent } from './snapshot';

// "Previous" within the first 3 s goes to the previous track; later it restarts this one.
const RESTART_THRESHOLD_S = 3;

export class Player extends SnapshotStore {
  private readonly decks = new Decks();
  private lastPositionSave = 0;
  private normalisation: Settings['normalisation'] = 'track';
  private readonly handOver = new HandOver(
    this.decks,
    (id) => this.loadStandby(id),
    (index) => this.swapped(index),
  );
  private pendingSeek: number | null = null;
  private onPlayEvent: ((event: PlayEvent) => void) | null = null;
  private onQueueEnd: (() => Promise<TrackId[]>) | null = null;

  constructor(private readonly bridge: Bridge) {
    super();
    const on = this.decks.onActive.bind(this.decks);
    on('timeupdate', () => this.onTime());
    on('durationchange', (el) => this.set({ durationS: finite(el.duration) }));
    on('play', () => this.set({ playing: true }, true));
    on('pause', () => this.set({ playing: false }, true));
    on('ended', () => void this.onEnded());
    on('error', (el) =>
      this.set({ error: el.error?.message || 'cannot play this file', playing: false }),
    );
    on('loadedmetadata', (el) => {
      if (this.pendingSeek !== null) el.currentTime = this.pendingSeek;
      this.pendingSeek = null;
    });
  }

  /** The deck playing now. */
  private get audio(): HTMLAudioElement {
    return this.decks.active;
  }

  /** Loads the saved state (queue, track, position) without starting playback. */
  async restore(): Promise<void> {
    const saved = await this.bridge.invoke('player.state', {});
    // Saved while playing, but a reload starts paused: Pause shows only once sound really plays
    // (the audio element's own play event).
    this.state = { ...this.state, ...saved, playing: false };
    this.decks.setVolume(saved.volume, saved.muted);
    this.load(saved.positionS, false);
    this.emit();
  }

  /** Called on play, skip and complete, for the recommender. */
  setPlayEventHandler(handler: ((event: PlayEvent) => void) | null): void {
    this.onPlayEvent = handler;
  }

  /** Called when the queue runs out; may return more tracks to play (auto-DJ, from Up Next). */
  setQueueEndHandler(handler: (() => Promise<TrackId[]>) | null): void {
    this.onQueueEnd = handler;
  }

  setNormalisation(mode: Settings['normalisation']): void {
    this.normalisation = mode;
    void this.applyGain();
  }

  /** Seconds of overlap between tracks, 0–12; 0 hands over without a gap or an overlap. */
  setCrossfade(seconds: number): void {
    this.handOver.setCrossfade(seconds);
  }

  /** Replaces the queue and plays `index` of it. */
  playQueue(queue: TrackId[], index: number, source: QueueSource | null): void {
    this.report(this.leaving());
    const entries = entriesOf(queue, feedbackSource(source));
    const order = this.state.shuffle ? shuffledFrom(entries, index) : { queue: entries, index };
    this.set({ ...fromEntries(order.queue), index: order.index, source, positionS: 0 }, true);
    this.load(0, true);
  }

  /** Adds tracks queued from `origin` after the current one (play next) or at the end. */
  enqueue(ids: TrackId[], origin: FeedbackSource, next = false): void {
    const q = queueEntries(this.state);
    q.splice(next ? this.state.index + 1 : q.length, 0, ...entriesOf(ids, origin));
    const index = this.state.index < 0 && q.length ? 0 : this.state.index;
    this.set({ ...fromEntries(q), index }, true);
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
    this.report(this.leaving());
    void this.advance(false);
  }

  previous(): void {
    if (this.audio.currentTime > RESTART_THRESHOLD_S || this.state.index <= 0) {
      this.seek(0);
      return;
    }
    this.report(this.leaving());
    this.playIndex(this.state.index - 1);
  }

  /** Plays the queue entry at `index`. */
  jump(index: number): void {
    if (index < 0 || index >= this.state.queue.length) return;
    this.report(this.leaving());
    this.playIndex(index);
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
    this.set(
      { shuffle, ...fromEntries(shuffledRest(queueEntries(this.state), this.state.index)) },
      true,
    );
  }

  cycleRepeat(): void {
    this.set({ repeat: nextRepeat(this.state.repeat) }, true);
  }

  /** Moves a queue entry (reorder); the current track keeps playing. */
  move(from: number, to: number): void {
    const next = moveInQueue(queueEntries(this.state), this.state.index, from, to);
    if (next) this.set({ ...fromEntries(next.queue), index: next.index }, true);
  }

  /** Removes a queue entry; removing the current one plays the next. */
  remove(at: number): void {
    const next = removeFromQueue(queueEntries(this.state), this.state.index, at);
    if (!next) return;
    const playing = !this.audio.paused;
    const { index, currentRemoved } = next;
    this.set(
      { ...fromEntries(next.queue), index, ...(currentRemoved ? { positionS: 0 } : {}) },
      true,
    );
    if (next.currentRemoved) this.load(0, playing);
  }

  clear(): void {
    this.audio.pause();
    this.audio.removeAttribute('src');
    this.set(
      { ...fromEntries([]), index: -1, positionS: 0, currentId: null, durationS: 0, source: null },
      true,
    );
  }

  /** Saves the position now (the page is going away). */
  flush(): void {
    this.persist();
  }

  private resume(): void {
    this.decks.start();
    this.audio.play().catch((err: Error) => {
      // Interrupted by the next load (a quick Next): that track's own play() decides.
      if (err.name === 'AbortError') return;
      // Refused (no user gesture yet, a file that cannot play): no sound, so no Pause button.
      this.set({ error: err.message, playing: false });
    });
  }

  private playIndex(index: number): void {
    this.set({ index, positionS: 0 }, true);
    this.load(0, true);
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
      this.report(playEvent(id, this.origin()));
    }
  }

  /** Moves on from the current track: `ended` at its natural end, else the person pressed Next. */
  private async advance(ended: boolean): Promise<void> {
    const step = afterTrack(this.state, ended);
    if (step.kind === 'restart') {
      this.seek(0);
      this.resume();
      return;
    }
    if (step.kind === 'play') return this.playIndex(step.index);
    const from = this.state.currentId;
    const more = (await this.onQueueEnd?.()) ?? [];
    // The person may have picked a track or added some while the auto-DJ was asked.
    if (this.state.currentId !== from) return;
    const now = afterTrack(this.state, ended);
    if (now.kind === 'play') return this.playIndex(now.index);
    const extended = extendQueue(queueEntries(this.state), entriesOf(more, 'upnext'));
    if (extended) {
      this.set(fromEntries(extended.queue));
      this.playIndex(extended.index);
    } else {
      this.audio.pause();
      this.seek(0);
    }
  }

  private loadStandby(id: TrackId): void {
    this.decks.standby.src = this.bridge.mediaUrl(id);
    this.decks.standby.load();
    void this.gainOf(id).then((db) => this.decks.setGainDb('standby', db));
  }

  /** The decks swapped (gapless or crossfading): the queue moves on to entry `index`. */
  private swapped(index: number): void {
    const endedId = this.state.currentId;
    if (endedId !== null) this.report(completeEvent(endedId, this.state.durationS, this.origin()));
    const id = this.state.queue[index] as TrackId;
    const durationS = finite(this.audio.duration);
    this.set({ index, currentId: id, positionS: 0, durationS, error: null }, true);
    this.resume();
    this.report(playEvent(id, this.origin()));
    void this.applyGain();
  }

  private async onEnded(): Promise<void> {
    if (this.handOver.ended(upcoming(this.state))) return;
    const id = this.state.currentId;
    if (id !== null) this.report(completeEvent(id, this.state.durationS, this.origin()));
    await this.advance(true);
  }

  /** The skip to report when the person leaves the current track now (null: none). */
  private leaving(): PlayEvent | null {
    return leaveEvent(this.state.currentId, this.audio, this.state.durationS, this.origin());
  }

  /** Where the current queue entry came from: the source of feedback about it (Like, Not this). */
  currentOrigin = (): FeedbackSource => this.origin();

  /** Where the current queue entry came from, for its events. */
  private origin(): FeedbackSource {
    return originAt(this.state, this.state.index);
  }

  private report(event: PlayEvent | null): void {
    if (event) this.onPlayEvent?.(event);
  }

  private onTime(): void {
    this.set({ positionS: this.audio.currentTime });
    if (positionSaveDue(Date.now(), this.lastPositionSave)) this.persist();
    this.handOver.tick(upcoming(this.state), this.state.durationS);
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
    this.bridge.send('player.save', { state: savedState(this.state, this.audio.currentTime) });
  }
}

const finite = (n: number): number => (Number.isFinite(n) ? n : 0);
