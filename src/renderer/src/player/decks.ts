/**
 * Two audio decks, like a DJ's: the active one plays, the standby one loads the next track ahead
 * of time, so the hand-over at the end of a track is immediate (no gap for fetching and
 * decoding) or, with a crossfade, the two overlap while one fades out and the other in. Each deck
 * runs through Web Audio: element → normalisation gain → fade gain → speakers. The graph is built
 * on the first play (browsers allow an AudioContext only after a gesture); without Web Audio the
 * elements play directly, unnormalised and without fades, rather than not at all. The fade's
 * curve is crossfade.ts's.
 */
import { fadeCurves } from './crossfade';

export type Deck = 'active' | 'standby';

export class Decks {
  readonly elements: readonly [HTMLAudioElement, HTMLAudioElement];
  private current: 0 | 1 = 0;
  private context: AudioContext | null = null;
  private norm: GainNode[] = [];
  private fade: GainNode[] = [];
  private readonly normDb = [0, 0];

  constructor() {
    this.elements = [new Audio(), new Audio()];
    for (const el of this.elements) el.preload = 'auto';
  }

  get active(): HTMLAudioElement {
    return this.elements[this.current];
  }

  get standby(): HTMLAudioElement {
    return this.elements[this.current === 0 ? 1 : 0];
  }

  /**
   * Calls `handler` on `type` events (timeupdate, ended …) of whichever deck is active at the
   * time: only the active deck speaks for the player; the standby one just loads.
   */
  onActive(type: string, handler: (el: HTMLAudioElement) => void): void {
    for (const el of this.elements)
      el.addEventListener(type, () => {
        if (el === this.active) handler(el);
      });
  }

  /** Builds the graph once and wakes the context (call from a play). */
  start(): void {
    if (!this.context) {
      try {
        const context = new AudioContext();
        this.elements.forEach((el, i) => {
          const norm = context.createGain();
          const fade = context.createGain();
          context
            .createMediaElementSource(el)
            .connect(norm)
            .connect(fade)
            .connect(context.destination);
          this.norm[i] = norm;
          this.fade[i] = fade;
          norm.gain.value = 10 ** ((this.normDb[i] ?? 0) / 20);
          fade.gain.value = i === this.current ? 1 : 0;
        });
        this.context = context;
      } catch {
        this.context = null;
      }
    }
    void this.context?.resume();
  }

  /** dB of loudness normalisation for the track on a deck (0 = unchanged). */
  setGainDb(deck: Deck, db: number): void {
    const i = deck === 'active' ? this.current : this.current === 0 ? 1 : 0;
    this.normDb[i] = db;
    const node = this.norm[i];
    if (node) node.gain.value = 10 ** (db / 20);
  }

  setVolume(volume: number, muted: boolean): void {
    for (const el of this.elements) {
      el.volume = volume;
      el.muted = muted;
    }
  }

  /**
   * Makes the standby deck the active one and returns the deck that was active. With `fadeS` > 0
   * the old deck fades out and the new one in over that many seconds; otherwise the switch is
   * instant. The caller starts the new deck and stops the old one.
   */
  swap(fadeS: number): HTMLAudioElement {
    const old = this.current;
    this.current = old === 0 ? 1 : 0;
    const ctx = this.context;
    const out = this.fade[old];
    const into = this.fade[this.current];
    if (ctx && out && into) {
      const now = ctx.currentTime;
      out.gain.cancelScheduledValues(now);
      into.gain.cancelScheduledValues(now);
      if (fadeS > 0) {
        // Equal-power, from wherever the outgoing gain is now (a fade cut short by a jump).
        const curves = fadeCurves(out.gain.value);
        out.gain.setValueCurveAtTime(curves.out, now, fadeS);
        into.gain.setValueCurveAtTime(curves.in, now, fadeS);
      } else {
        out.gain.setValueAtTime(0, now);
        into.gain.setValueAtTime(1, now);
      }
    }
    return this.elements[old];
  }
}
