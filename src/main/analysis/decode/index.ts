/**
 * Decoding for analysis: sniffs the format, picks the decoder (WASM first, ffmpeg for AAC/M4A and
 * as the fallback) and returns the excerpts of planExcerpts as stereo PCM. A file nothing can
 * decode raises UnanalysableError with every decoder's reason.
 */
import { FileBytes } from './file-bytes';
import { planExcerpts, WHOLE_TRACK_MAX_S, type Excerpt } from './excerpts';
import { decodeFfmpeg } from './ffmpeg';
import type { DecodedAudio } from './pcm';
import { id3Size, sniff, type AudioFormat } from './sniff';
import { decodeWasm, WASM_FORMATS } from './wasm';
import { decodeWavExcerpts } from './wav';

/** The file cannot be decoded by any available decoder: the track is 'unanalysable'. */
export class UnanalysableError extends Error {}

export interface DecodeOptions {
  /** ffmpeg executable, or null when there is none. */
  ffmpeg: string | null;
  /** 'excerpts' (default) or 'whole' (the benchmark's reference analysis). */
  extent?: 'excerpts' | 'whole';
  /** Try ffmpeg before the WASM decoders (benchmark comparison). */
  preferFfmpeg?: boolean;
}

/** Formats only ffmpeg decodes here: AAC's WASM decoder is GPL-2.0-only, APE has none installed. */
const FFMPEG_ONLY: ReadonlySet<AudioFormat> = new Set(['mp4', 'aac', 'ape', 'unknown']);

/** The file's format, looking past an ID3v2 tag of any size (embedded covers make them large). */
async function sniffFile(file: FileBytes): Promise<AudioFormat> {
  const skip = id3Size(await file.read(0, 10));
  const head = await file.read(skip, 64 * 1024);
  return sniff(head);
}

function cutWhole(audio: DecodedAudio): DecodedAudio {
  const [only] = audio.excerpts;
  const durationS = only ? only.left.length / audio.sampleRate : 0;
  if (audio.excerpts.length !== 1 || durationS <= WHOLE_TRACK_MAX_S) return audio;
  const excerpts = planExcerpts(durationS).map((w) => {
    const a = Math.round(w.startS * audio.sampleRate);
    const b = a + Math.round(w.lengthS * audio.sampleRate);
    const left = only.left.slice(a, b);
    return { left, right: only.right === only.left ? left : only.right.slice(a, b) };
  });
  return { ...audio, excerpts };
}

/**
 * Decodes the analysis excerpts of the file at `path`. `durationS` is the track length from its
 * tags (null when unknown: the file is then decoded whole and cut).
 */
export async function decodeForAnalysis(
  path: string,
  durationS: number | null,
  opts: DecodeOptions,
): Promise<DecodedAudio> {
  let file: FileBytes;
  try {
    file = await FileBytes.open(path);
  } catch (err) {
    throw new UnanalysableError(`cannot open file: ${(err as Error).message}`);
  }
  try {
    if (file.size === 0) throw new UnanalysableError('file is empty');
    const format = await sniffFile(file);
    const whole = opts.extent === 'whole' || !(durationS && durationS > 0);
    const windows: Excerpt[] | 'whole' = whole ? 'whole' : planExcerpts(durationS as number);
    const attempts: [string, () => Promise<DecodedAudio>][] = [];
    const wasm = (): Promise<DecodedAudio> =>
      format === 'wav'
        ? decodeWavExcerpts(file, windows)
        : decodeWasm(file, format, windows, durationS);
    if (format === 'wav' || WASM_FORMATS.has(format)) attempts.push([`wasm:${format}`, wasm]);
    if (opts.ffmpeg) {
      const ff: [string, () => Promise<DecodedAudio>] = [
        'ffmpeg',
        () => decodeFfmpeg(opts.ffmpeg as string, path, windows),
      ];
      if (opts.preferFfmpeg) attempts.unshift(ff);
      else attempts.push(ff);
    }
    if (attempts.length === 0) {
      throw new UnanalysableError(
        FFMPEG_ONLY.has(format) && format !== 'unknown'
          ? `${format.toUpperCase()} audio needs ffmpeg (not found on PATH)`
          : 'unrecognised audio format',
      );
    }
    const reasons: string[] = [];
    for (const [name, attempt] of attempts) {
      try {
        const audio = await attempt();
        const samples = audio.excerpts.reduce((n, x) => n + x.left.length, 0);
        // Under a second there is no tempo, key or loudness range to speak of.
        if (samples < audio.sampleRate)
          throw new Error(
            `only ${(samples / audio.sampleRate).toFixed(2)} s of audio decoded (1 s needed)`,
          );
        // Decoded whole only because the length was unknown: analyse the usual excerpts of it.
        return windows === 'whole' && opts.extent !== 'whole' ? cutWhole(audio) : audio;
      } catch (err) {
        reasons.push(`${name}: ${(err as Error).message}`);
      }
    }
    throw new UnanalysableError(
      `${format === 'unknown' ? 'unrecognised format; ' : ''}${reasons.join('; ')}`,
    );
  } finally {
    await file.close();
  }
}
