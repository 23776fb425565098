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

const NOTE: Record<string, number> = {
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
  const tonic = 60 + NOTE[key];
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
