/**
 * Excerpt decoding lands where it should: a "clock" signal whose pitch says which second it is
 * (one tone per second), encoded by ffmpeg into each format, is decoded from byte ranges by the
 * WASM decoders (and by ffmpeg), and each excerpt's pitch must name the second the plan asked for.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { decodeForAnalysis, UnanalysableError } from '../../../src/main/analysis/decode/index';
import { planExcerpts } from '../../../src/main/analysis/decode/excerpts';
import { describeOrSkip } from '../../helpers/skip';
import { tempDir } from '../../helpers/temp';
import { RATE, writeWav } from './signals';

const hasFfmpeg = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
const dir = tempDir('encore-analysis-decode-');
const SECONDS = 120;
/** Second s plays a sine at 200 + 10·s Hz. */
const pitchOf = (second: number): number => 200 + 10 * second;

function clock(): Float32Array {
  const x = new Float32Array(SECONDS * RATE);
  let phase = 0;
  for (let i = 0; i < x.length; i++) {
    phase += (2 * Math.PI * pitchOf(Math.floor(i / RATE))) / RATE;
    x[i] = 0.5 * Math.sin(phase);
  }
  return x;
}

/** Dominant frequency of `x` (Hz) by counting zero crossings: fine for one clean sine. */
function frequency(x: Float32Array, rate: number): number {
  let crossings = 0;
  for (let i = 1; i < x.length; i++) if (x[i - 1] < 0 && x[i] >= 0) crossings++;
  return (crossings * rate) / x.length;
}

const noFfmpeg = hasFfmpeg
  ? null
  : 'no ffmpeg on PATH (it makes the MP3, FLAC, Ogg, Opus, M4A clips)';
describeOrSkip(noFfmpeg)('excerpt decoding', () => {
  const wav = join(dir, 'clock.wav');
  writeWav(wav, [clock()]);
  const plan = planExcerpts(SECONDS);

  for (const ext of ['wav', 'mp3', 'flac', 'ogg', 'opus', 'm4a']) {
    it(`${ext}: each excerpt starts where planned (ffmpeg ±1.5 s, byte ranges ±3 % of the length)`, async () => {
      const path = ext === 'wav' ? wav : join(dir, `clock.${ext}`);
      if (ext !== 'wav') {
        const codec = ext === 'ogg' ? ['-c:a', 'libvorbis'] : ext === 'mp3' ? ['-b:a', '128k'] : [];
        expect(spawnSync('ffmpeg', ['-v', 'error', '-y', '-i', wav, ...codec, path]).status).toBe(
          0,
        );
      }
      const decoders = ext === 'm4a' ? ['ffmpeg'] : [null, 'ffmpeg'];
      const offsets: string[] = [];
      for (const ffmpeg of decoders) {
        const audio = await decodeForAnalysis(path, SECONDS, {
          ffmpeg,
          preferFfmpeg: ffmpeg !== null,
        });
        expect(audio.excerpts).toHaveLength(plan.length);
        audio.excerpts.forEach((x, i) => {
          // Byte ranges carry 5 % slack for VBR; a dense passage can still end an excerpt early.
          expect(x.left.length / audio.sampleRate).toBeGreaterThan(0.9 * plan[i].lengthS);
          // The middle of the excerpt's second second: clear of any decoder warm-up.
          const at = Math.round(1.25 * audio.sampleRate);
          const f = frequency(
            x.left.subarray(at, at + Math.round(0.5 * audio.sampleRate)),
            audio.sampleRate,
          );
          const offset = (f - 200) / 10 - (plan[i].startS + 1);
          offsets.push(`${audio.decoder}#${i}: ${offset.toFixed(1)} s`);
          // ffmpeg seeks by time; the WASM path by byte proportion, which VBR codecs bend (this
          // clip's bitrate changes with its pitch): within 3 % of the track length.
          const tolerance =
            audio.decoder === 'ffmpeg' || audio.decoder === 'wav' ? 1.5 : 0.03 * SECONDS;
          expect(Math.abs(offset), `${ext} via ${audio.decoder}, excerpt ${i}`).toBeLessThanOrEqual(
            tolerance,
          );
        });
      }
      console.log(`${ext} excerpt offsets: ${offsets.join(', ')}`);
    });
  }

  it('without ffmpeg, M4A is unanalysable with the reason', async () => {
    const m4a = join(dir, 'clock.m4a');
    await expect(decodeForAnalysis(m4a, SECONDS, { ffmpeg: null })).rejects.toThrow(
      UnanalysableError,
    );
    await expect(decodeForAnalysis(m4a, SECONDS, { ffmpeg: null })).rejects.toThrow(
      /MP4 audio needs ffmpeg/,
    );
  });
});
