/**
 * Test signals with known ground truth, made in code: click and drum tracks at known tempos,
 * chord progressions in known keys, and tones at known loudness; plus a WAV writer.
 */
import { writeFileSync } from 'node:fs';

export const RATE = 44100;

/** Deterministic pseudo-random numbers in [−1, 1) (xorshift), so every run hears the same noise. */
export function noise(seed = 1): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 31 - 1;
  };
}

/** Writes 32-bit float WAV (1 or 2 channels) at `rate`. */
export function writeWav(path: string, channels: Float32Array[], rate = RATE): void {
  const n = channels[0].length;
  const ch = channels.length;
  const data = Buffer.alloc(n * ch * 4);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < ch; c++) data.writeFloatLE(channels[c][i], (i * ch + c) * 4);
  const head = Buffer.alloc(44);
  head.write('RIFF', 0);
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVE', 8);
  head.write('fmt ', 12);
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(3, 20); // IEEE float
  head.writeUInt16LE(ch, 22);
  head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * ch * 4, 28);
  head.writeUInt16LE(ch * 4, 32);
  head.writeUInt16LE(32, 34);
  head.write('data', 36);
  head.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([head, data]));
}

/** A drum pattern at `bpm` for `seconds`: kick on beats 1 and 3, snare on 2 and 4, hi-hat eighths. */
export function drumTrack(bpm: number, seconds: number, seed = 7): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  const rnd = noise(seed);
  const beat = 60 / bpm;
  const add = (at: number, len: number, f: (t: number) => number): void => {
    const start = Math.round(at * RATE);
    for (let i = 0; i < len * RATE && start + i < out.length; i++) out[start + i] += f(i / RATE);
  };
  for (let b = 0, t = 0; t < seconds; b++, t = b * beat) {
    if (b % 2 === 0)
      add(
        t,
        0.25,
        (s) => 0.8 * Math.sin(2 * Math.PI * (50 + 100 * Math.exp(-s * 30)) * s) * Math.exp(-s * 12),
      );
    else add(t, 0.2, (s) => 0.5 * rnd() * Math.exp(-s * 25));
    add(t, 0.05, (s) => 0.15 * rnd() * Math.exp(-s * 80));
    add(t + beat / 2, 0.05, (s) => 0.12 * rnd() * Math.exp(-s * 80));
  }
  return out;
}

/** A click track: a short 1.5 kHz blip on every beat, accented on the first of four. */
export function clickTrack(bpm: number, seconds: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  const beat = 60 / bpm;
  for (let b = 0; b * beat < seconds; b++) {
    const start = Math.round(b * beat * RATE);
    const amp = b % 4 === 0 ? 0.8 : 0.5;
    for (let i = 0; i < 0.03 * RATE && start + i < out.length; i++) {
      out[start + i] +=
        amp * Math.sin((2 * Math.PI * 1500 * i) / RATE) * Math.exp(-i / (0.005 * RATE));
    }
  }
  return out;
}

/** Pitch class (0–11) of each key name the analysis reports, for rendering and for checks. */
export const PITCH_CLASS: Record<string, number> = {
  C: 0,
  'C#': 1,
  D: 2,
  Eb: 3,
  E: 4,
  F: 5,
  'F#': 6,
  G: 7,
  Ab: 8,
  A: 9,
  Bb: 10,
  B: 11,
};

/** Frequency of MIDI note `m` (69 = A4 = 440 Hz). */
const freq = (m: number): number => 440 * 2 ** ((m - 69) / 12);

/** Adds a note with 6 decaying harmonics (a soft sawtooth) into `out`. */
function addNote(
  out: Float32Array,
  midi: number,
  start: number,
  seconds: number,
  amp: number,
): void {
  const f = freq(midi);
  const a = Math.round(start * RATE);
  const n = Math.round(seconds * RATE);
  for (let i = 0; i < n && a + i < out.length; i++) {
    const t = i / RATE;
    const env = Math.min(1, t / 0.02) * Math.exp(-t * 1.2);
    let v = 0;
    for (let h = 1; h <= 6; h++) v += Math.sin(2 * Math.PI * f * h * t) / h;
    out[a + i] += amp * env * v;
  }
}

/**
 * A cadence loop in `key` ('C', 'F#', ...) and `scale`: I–IV–V–I (major) or i–iv–V–i with the
 * harmonic minor's raised seventh (minor), as triads with the root in the bass, plus the scale
 * played as a melody, 1 s per chord, repeated for `seconds`.
 */
export function cadence(key: string, scale: 'major' | 'minor', seconds: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * RATE));
  const tonic = 60 + PITCH_CLASS[key];
  const third = scale === 'major' ? 4 : 3;
  // Chords as [root offset, third, fifth] in semitones from the tonic.
  const chords =
    scale === 'major'
      ? [
          [0, 4, 7],
          [5, 9, 12],
          [7, 11, 14],
          [0, 4, 7],
        ]
      : [
          [0, 3, 7],
          [5, 8, 12],
          [7, 11, 14],
          [0, 3, 7],
        ];
  const steps = scale === 'major' ? [0, 2, 4, 5, 7, 9, 11, 12] : [0, 2, 3, 5, 7, 8, 11, 12];
  for (let t = 0, i = 0; t < seconds; t += 1, i++) {
    const chord = chords[i % 4];
    for (const c of chord) addNote(out, tonic + c, t, 1, 0.12);
    addNote(out, tonic - 24 + chord[0], t, 1, 0.2);
    addNote(out, tonic + 12 + steps[i % steps.length], t, 0.5, 0.08);
    addNote(out, tonic + 12 + (i % 2 ? third : 7), t + 0.5, 0.5, 0.06);
  }
  return out;
}

/**
 * A stereo 997 Hz sine at `lufs`: by ITU-R BS.1770's calibration a full-scale 997 Hz sine in one
 * channel reads −3.01 LUFS, so in both channels amplitude A reads 20·log10(A) LUFS.
 */
export function toneAt(lufs: number, seconds: number): [Float32Array, Float32Array] {
  const amp = 10 ** (lufs / 20);
  const x = new Float32Array(Math.round(seconds * RATE));
  for (let i = 0; i < x.length; i++) x[i] = amp * Math.sin((2 * Math.PI * 997 * i) / RATE);
  return [x, Float32Array.from(x)];
}

/** Stereo white noise (independent channels) with RMS `rms` per channel. */
export function whiteNoise(rms: number, seconds: number, seed = 3): [Float32Array, Float32Array] {
  const make = (s: number): Float32Array => {
    const r = noise(s);
    // Uniform noise in [−1, 1) has RMS 1/√3.
    return Float32Array.from(
      { length: Math.round(seconds * RATE) },
      () => r() * rms * Math.sqrt(3),
    );
  };
  return [make(seed), make(seed + 100)];
}

// ---------------------------------------------------------------------------------------------
// Tempo corpus: pieces in several styles rendered at known tempos, at any sample rate. Each is
// built from a few instruments (noise-burst drums, plucked and bowed tones with envelopes, FM
// bells) placed on a beat grid, so the ground truth is the grid's tempo.
// ---------------------------------------------------------------------------------------------

export type TempoStyle =
  'rock' | 'pop' | 'hiphop' | 'house' | 'breakbeat' | 'strings' | 'arpeggio' | 'swing' | 'waltz';

export interface TempoPiece {
  name: string;
  style: TempoStyle;
  bpm: number;
  /** Beats per bar the piece is written in. */
  meter: 3 | 4;
}

/** The tempos rendered per style: each style over the range it is played at, 60–200 BPM overall. */
const CORPUS_TEMPOS: Record<TempoStyle, number[]> = {
  rock: [76, 96, 120, 146, 172],
  pop: [88, 104, 118, 132, 160],
  hiphop: [68, 78, 88, 95, 104],
  house: [118, 124, 128, 136, 150],
  breakbeat: [90, 112, 140, 165, 174],
  strings: [60, 72, 90, 108, 126],
  arpeggio: [66, 84, 100, 140, 160],
  swing: [92, 120, 150, 180, 200],
  waltz: [72, 90, 108, 126, 150],
};

/** The corpus: 45 pieces, 5 per style. */
export const TEMPO_CORPUS: TempoPiece[] = Object.entries(CORPUS_TEMPOS).flatMap(([style, bpms]) =>
  bpms.map((bpm) => ({
    name: `${style}-${bpm}`,
    style: style as TempoStyle,
    bpm,
    meter: style === 'waltz' ? 3 : 4,
  })),
);

/** A sine table: the synthesis below calls it tens of millions of times per corpus. */
const SINE_SIZE = 4096;
const SINE = Float32Array.from({ length: SINE_SIZE + 1 }, (_, i) =>
  Math.sin((2 * Math.PI * i) / SINE_SIZE),
);
/** sin(2π·phase) for a phase in cycles. */
function sine(phase: number): number {
  const p = (phase - Math.floor(phase)) * SINE_SIZE;
  const i = p | 0;
  return SINE[i] + (SINE[i + 1] - SINE[i]) * (p - i);
}

/** A mono buffer and the instruments that write into it. */
class Score {
  readonly out: Float32Array;
  private readonly rnd: () => number;

  constructor(
    readonly rate: number,
    seconds: number,
    seed: number,
  ) {
    this.out = new Float32Array(Math.round(seconds * rate));
    this.rnd = noise(seed);
  }

  private add(at: number, seconds: number, f: (t: number) => number): void {
    const start = Math.round(at * this.rate);
    const n = Math.round(seconds * this.rate);
    for (let i = 0; i < n && start + i < this.out.length; i++)
      if (start + i >= 0) this.out[start + i] += f(i / this.rate);
  }

  kick(at: number, amp = 0.8): void {
    // A falling sine: the phase integral of 50 + 100·e^(−30t) Hz.
    this.add(
      at,
      0.3,
      (t) => amp * sine(50 * t + (100 / 30) * (1 - Math.exp(-30 * t))) * Math.exp(-t * 12),
    );
  }

  snare(at: number, amp = 0.5): void {
    this.add(
      at,
      0.2,
      (t) => amp * (0.7 * this.rnd() + 0.3 * sine(185 * t)) * Math.exp(-t * (t < 0.02 ? 10 : 25)),
    );
  }

  clap(at: number, amp = 0.4): void {
    // Three bursts 10 ms apart, as hands in a room.
    for (let k = 0; k < 3; k++)
      this.add(at + k * 0.01, 0.12, (t) => amp * this.rnd() * Math.exp(-t * (k < 2 ? 120 : 30)));
  }

  /** A hi-hat: differenced noise (bright), closed or open. */
  hat(at: number, amp = 0.12, open = false): void {
    let last = 0;
    this.add(at, open ? 0.25 : 0.05, (t) => {
      const v = this.rnd();
      const d = v - last;
      last = v;
      return amp * 0.5 * d * Math.exp(-t * (open ? 14 : 80));
    });
  }

  /** A plucked or struck tone: `harmonics` partials with 1/h amplitudes, exponential decay. */
  pluck(at: number, midi: number, seconds: number, amp: number, decay = 4, harmonics = 5): void {
    const f = freq(midi);
    this.add(at, seconds, (t) => {
      let v = 0;
      for (let h = 1; h <= harmonics; h++) v += sine(f * h * t) / h;
      return amp * Math.min(1, t / 0.004) * Math.exp(-t * decay) * v;
    });
  }

  /** A bowed or pad tone: slow attack, sustain, release; two detuned voices and vibrato. */
  bow(at: number, midi: number, seconds: number, amp: number, attack = 0.08): void {
    const f = freq(midi);
    const release = 0.12;
    this.add(at, seconds + release, (t) => {
      const env =
        t < attack ? t / attack : t < seconds ? 1 : Math.max(0, 1 - (t - seconds) / release);
      // Vibrato of ±0.3 % at 5.5 Hz: the phase is the integral of f·(1 + 0.003·sin(2π·5.5t)).
      const tv = t - (0.003 / (2 * Math.PI * 5.5)) * sine(5.5 * t + 0.25);
      let v = 0;
      for (let h = 1; h <= 4; h++)
        v += (sine(f * h * tv) + 0.3 * sine(f * h * t * 1.004)) / (h * 1.3);
      return amp * env * v;
    });
  }

  /** An FM bell (carrier:modulator 1:3.5): the inharmonic attack marks the onset clearly. */
  bell(at: number, midi: number, seconds: number, amp: number): void {
    const f = freq(midi);
    this.add(at, seconds, (t) => {
      const index = 3 * Math.exp(-t * 6);
      return amp * Math.exp(-t * 3) * sine(f * t + (index / (2 * Math.PI)) * sine(3.5 * f * t));
    });
  }

  /** A room: a quiet noise floor, as every recording has. */
  floor(amp = 0.003): void {
    for (let i = 0; i < this.out.length; i++) this.out[i] += amp * this.rnd();
  }
}

/** Chord roots of a I–vi–IV–V loop in A minor / C major, MIDI. */
const LOOP = [57, 53, 48, 55];
const MINOR = [0, 3, 7, 10];
const MAJOR = [0, 4, 7, 11];

/** Renders one corpus piece, mono at `rate` Hz, `seconds` long. */
export function renderPiece(piece: TempoPiece, seconds: number, rate: number): Float32Array {
  const s = new Score(rate, seconds, piece.bpm * 31 + piece.style.length);
  const beat = 60 / piece.bpm;
  const bars = Math.ceil(seconds / (beat * piece.meter)) + 1;
  const chord = (bar: number): number[] =>
    (bar % 4 === 0 ? MINOR : MAJOR).map((i) => LOOP[bar % 4] + i);
  for (let bar = 0; bar < bars; bar++) {
    const t0 = bar * beat * piece.meter;
    const at = (beats: number): number => t0 + beats * beat;
    const notes = chord(bar);
    switch (piece.style) {
      case 'rock':
        for (let b = 0; b < 4; b++) {
          if (b % 2 === 0) s.kick(at(b));
          else s.snare(at(b));
          s.hat(at(b), 0.15);
          s.hat(at(b + 0.5), 0.1);
          s.pluck(at(b), notes[0] - 12, beat, 0.25, 3);
        }
        break;
      case 'pop':
        s.kick(at(0));
        s.kick(at(2.5), 0.6);
        s.kick(at(3));
        for (let b = 0; b < 4; b++) {
          if (b % 2 === 1) s.snare(at(b), 0.4);
          for (let q = 0; q < 4; q++) s.hat(at(b + q / 4), q === 0 ? 0.12 : 0.06);
          s.pluck(at(b), notes[b % 3] + 12, beat * 0.8, 0.08, 5);
        }
        s.bow(at(0), notes[0], beat * 4, 0.05);
        break;
      case 'hiphop':
        // Boom-bap: kick on 1 and the "and" of 2 and 3, snare on 2 and 4, eighth hats.
        s.kick(at(0));
        s.kick(at(1.5), 0.6);
        s.kick(at(2.5), 0.7);
        s.snare(at(1), 0.55);
        s.snare(at(3), 0.55);
        for (let e = 0; e < 8; e++) s.hat(at(e / 2), e % 2 ? 0.07 : 0.11);
        s.pluck(at(0), notes[0] - 12, beat * 2, 0.3, 1.5);
        s.pluck(at(2.5), notes[2] - 12, beat * 1.5, 0.2, 1.5);
        break;
      case 'house':
        for (let b = 0; b < 4; b++) {
          s.kick(at(b), 0.8);
          s.hat(at(b + 0.5), 0.1, true);
          if (b % 2 === 1) s.clap(at(b));
          s.pluck(at(b + 0.5), notes[0] - 12, beat * 0.45, 0.25, 6, 3);
        }
        s.bow(at(0), notes[1] + 12, beat * 4, 0.04, 0.3);
        break;
      case 'breakbeat':
        // Syncopated: kick on 1 and the "and" of 2, snare on 2 and 4 with a ghost, sixteenth hats.
        s.kick(at(0));
        s.kick(at(1.5), 0.7);
        s.kick(at(2.75), 0.5);
        s.snare(at(1));
        s.snare(at(3));
        s.snare(at(3.75), 0.15);
        for (let q = 0; q < 16; q++) s.hat(at(q / 4), q % 2 ? 0.05 : 0.09);
        s.bow(at(0), notes[0] - 12, beat * 4, 0.08, 0.02);
        break;
      case 'strings':
        // No percussion: a bass held for the bar, upper voices bowed, one chord tone per beat.
        s.bow(at(0), notes[0] - 12, beat * 4, 0.1, 0.15);
        for (let b = 0; b < 4; b++) {
          s.bow(at(b), notes[(b + 1) % 4] + 12, beat * 0.95, 0.12, 0.06);
          s.bow(at(b), notes[b % 3], beat * 0.95, 0.06, 0.06);
        }
        break;
      case 'arpeggio':
        // Eighth-note arpeggio accented on the beat, over a pad; the beat is the accent.
        s.bow(at(0), notes[0], beat * 4, 0.05, 0.4);
        for (let e = 0; e < 8; e++)
          s.bell(at(e / 2), notes[e % 4] + 12 + (e >= 4 ? 12 : 0), beat, e % 2 ? 0.07 : 0.2);
        for (let b = 0; b < 4; b++) s.pluck(at(b), notes[0] - 24, beat * 0.9, 0.2, 3);
        break;
      case 'swing':
        // Ride "ding, ding-a-ding" with the "a" at two thirds of the beat, hi-hat on 2 and 4,
        // walking bass on every beat.
        for (let b = 0; b < 4; b++) {
          s.hat(at(b), 0.1, true);
          if (b % 2 === 1) {
            s.hat(at(b + 2 / 3), 0.06, true);
            s.hat(at(b), 0.1);
          }
          s.pluck(at(b), notes[b] - 12, beat * 0.9, 0.35, 4, 3);
        }
        s.pluck(at(0), notes[1] + 12, beat * 1.5, 0.08, 2);
        s.pluck(at(2 + 2 / 3), notes[2] + 12, beat, 0.08, 2);
        break;
      case 'waltz':
        // Oom-pah-pah: bass on 1, chords on 2 and 3, a melody note per bar.
        s.pluck(at(0), notes[0] - 12, beat, 0.35, 3);
        for (const b of [1, 2])
          for (const n of notes.slice(1, 3)) s.pluck(at(b), n, beat * 0.6, 0.1, 5);
        s.bow(at(0), notes[2] + 12, beat * 3, 0.06, 0.05);
        break;
    }
  }
  s.floor();
  // Normalise to a peak of 0.9, as a mastered track would be.
  let peak = 0;
  for (const v of s.out) peak = Math.max(peak, Math.abs(v));
  if (peak > 0) for (let i = 0; i < s.out.length; i++) s.out[i] *= 0.9 / peak;
  return s.out;
}

/**
 * Events at `perSecond` onsets a second (positions jittered off a grid, levels varied 2:1) over a
 * quiet sustained pad: the onset rate should follow the count, not the level or the background.
 */
export function onsetTrain(
  perSecond: number,
  seconds: number,
  rate: number,
  seed = 5,
): Float32Array {
  const s = new Score(rate, seconds, seed);
  const r = noise(seed + 1);
  const step = 1 / perSecond;
  for (let t = 0.25, k = 0; t < seconds - 0.1; t += step, k++) {
    const when = t + 0.2 * step * r();
    const amp = 0.3 + 0.15 * r();
    if (k % 3 === 2) s.snare(when, amp);
    else s.pluck(when, LOOP[k % 4] + MAJOR[k % 3], Math.min(0.5, step), amp, 6);
  }
  // One pad under it all, so its only onset is at the start.
  s.bow(0, 45, seconds, 0.03, 0.5);
  s.floor();
  return s.out;
}

/** Timbres of onsetPiece's events. */
export type OnsetTimbre = 'pad' | 'pluck' | 'drums' | 'bell';

/**
 * Events of one timbre at `perSecond` onsets a second (positions jittered by ±10 % of the step,
 * levels varied 2:1), optionally over a sustained chord: legato pad notes (slow attack, each held
 * until the next), plucked notes, drum hits (kick, hat, snare, hat) or FM bells. The rendered
 * rate is the count of events over the length.
 */
export function onsetPiece(
  timbre: OnsetTimbre,
  perSecond: number,
  seconds: number,
  rate: number,
  background = false,
  seed = 11,
): { audio: Float32Array; onsets: number } {
  const s = new Score(rate, seconds, seed);
  const r = noise(seed + 1);
  const step = 1 / perSecond;
  let onsets = 0;
  for (let t = 0.25, k = 0; t < seconds - 0.1; t += step, k++, onsets++) {
    const when = t + 0.1 * step * r();
    const amp = 0.3 + 0.1 * r();
    const midi = LOOP[k % 4] + 12 + MAJOR[k % 3];
    if (timbre === 'pad') s.bow(when, midi, step, amp, 0.12);
    else if (timbre === 'pluck') s.pluck(when, midi, 1.2, amp, 6);
    else if (timbre === 'bell') s.bell(when, midi, 1.5, amp);
    else if (k % 4 === 0) s.kick(when, amp * 2);
    else if (k % 4 === 2) s.snare(when, amp * 1.5);
    else s.hat(when, amp);
  }
  // A held A minor chord under it all, 12 dB below the events: its only onset is at the start.
  if (background) for (const m of [45, 52, 57, 60]) s.bow(0, m, seconds, 0.06, 0.5);
  s.floor();
  return { audio: s.out, onsets };
}
