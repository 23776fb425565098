/**
 * The Web Audio path of the player: audio element → gain (loudness normalisation) → speakers.
 * Created on the first play (browsers allow an AudioContext only after a gesture); without Web
 * Audio the element plays directly, unnormalised, rather than not at all.
 */
export class AudioGraph {
  private context: AudioContext | null = null;
  private gain: GainNode | null = null;
  private db = 0;

  constructor(private readonly audio: HTMLAudioElement) {}

  /** Builds the graph once and wakes the context (call from a user-initiated play). */
  start(): void {
    if (!this.context) {
      try {
        this.context = new AudioContext();
        this.gain = this.context.createGain();
        this.context
          .createMediaElementSource(this.audio)
          .connect(this.gain)
          .connect(this.context.destination);
        this.setGainDb(this.db);
      } catch {
        this.context = null;
        this.gain = null;
      }
    }
    void this.context?.resume();
  }

  /** dB of gain to apply from now on (0 = unchanged). */
  setGainDb(db: number): void {
    this.db = db;
    if (this.gain) this.gain.gain.value = 10 ** (db / 20);
  }
}
