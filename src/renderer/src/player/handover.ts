/**
 * The hand-over between two tracks on the decks: near the end of the playing track the next one is
 * loaded on the standby deck; then the decks swap, either with a crossfade (when the fade is due,
 * see crossfade.ts) or at the end of the track, without a gap. The player learns of a swap through
 * `onSwapped` and moves its queue on to the new track.
 */
import type { TrackId } from '../../../shared/library';
import { fadeLengthS, fadeNow, MAX_CROSSFADE_S, prepareDue } from './crossfade';
import type { Upcoming } from './advance';
import type { Decks } from './decks';

export class HandOver {
  private crossfadeS = 0;
  /** The track loaded on the standby deck, ready for the hand-over. */
  private prepared: TrackId | null = null;
  private fading = false;

  /**
   * `loadStandby` puts a track on the standby deck (source and normalisation); `onSwapped` is
   * called right after the decks swapped to the queue entry `index`.
   */
  constructor(
    private readonly decks: Decks,
    private readonly loadStandby: (id: TrackId) => void,
    private readonly onSwapped: (index: number) => void,
  ) {}

  /** Seconds of overlap between tracks, 0–12; 0 hands over without a gap or an overlap. */
  setCrossfade(seconds: number): void {
    this.crossfadeS = Math.max(0, Math.min(MAX_CROSSFADE_S, seconds));
  }

  /**
   * On each time update of the playing deck (`durationS` long, 0 while unknown): loads `next`
   * ahead when due, and starts the crossfade into it when due.
   */
  tick(next: Upcoming<TrackId> | null, durationS: number): void {
    const deck = this.decks.active;
    if (next === null || !durationS || deck.paused || this.fading) return;
    const remaining = durationS - deck.currentTime;
    if (this.prepared !== next.id && prepareDue(remaining, this.crossfadeS)) {
      this.prepared = next.id;
      this.loadStandby(next.id);
    }
    if (this.prepared !== next.id) return;
    const fade = fadeLengthS(this.crossfadeS, durationS, this.decks.standby.duration);
    const fadeS = fadeNow(remaining, fade);
    if (fadeS !== null) this.swap(next.index, fadeS);
  }

  /**
   * At the natural end of the playing track: swaps to `next` when it is ready on the standby deck
   * (a gapless hand-over) and says so; false when the player must load it itself.
   */
  ended(next: Upcoming<TrackId> | null): boolean {
    if (next === null || this.prepared !== next.id) return false;
    this.swap(next.index, 0);
    return true;
  }

  private swap(index: number, fadeS: number): void {
    this.fading = true;
    const old = this.decks.swap(fadeS);
    this.prepared = null;
    this.onSwapped(index);
    setTimeout(() => {
      old.pause();
      this.fading = false;
    }, fadeS * 1000);
  }
}
