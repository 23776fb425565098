/**
 * WAV (RIFF/RF64) PCM reader for excerpts: parses the chunk list, then reads only the sample
 * frames each window needs. Handles 8/16/24/32-bit integer and 32/64-bit float, plain and
 * WAVE_FORMAT_EXTENSIBLE. Compressed WAV (ADPCM, ...) is left to ffmpeg.
 */
import type { FileBytes } from './file-bytes';
import type { Excerpt } from './excerpts';
import type { DecodedAudio, StereoExcerpt } from './pcm';

interface WavFormat {
  channels: number;
  sampleRate: number;
  bits: number;
  float: boolean;
  dataStart: number;
  dataBytes: number;
}

async function parseWav(file: FileBytes): Promise<WavFormat> {
  const head = await file.read(0, Math.min(file.size, 1 << 16));
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const tag = (at: number): string => String.fromCharCode(...head.subarray(at, at + 4));
  let p = 12;
  let fmt: Omit<WavFormat, 'dataStart' | 'dataBytes'> | null = null;
  while (p + 8 <= head.length) {
    const id = tag(p);
    const size = view.getUint32(p + 4, true);
    if (id === 'fmt ') {
      let code = view.getUint16(p + 8, true);
      // WAVE_FORMAT_EXTENSIBLE: the real format code starts the SubFormat GUID.
      if (code === 0xfffe && size >= 40) code = view.getUint16(p + 32, true);
      if (code !== 1 && code !== 3) throw new Error(`WAV format code ${code} is not PCM`);
      fmt = {
        channels: view.getUint16(p + 10, true),
        sampleRate: view.getUint32(p + 12, true),
        bits: view.getUint16(p + 22, true),
        float: code === 3,
      };
    } else if (id === 'data') {
      if (!fmt) throw new Error('WAV data chunk before its fmt chunk');
      // RF64 and streamed WAVs carry 0xFFFFFFFF here: the data runs to the end of the file.
      const dataBytes = size === 0xffffffff || p + 8 + size > file.size ? file.size - p - 8 : size;
      return { ...fmt, dataStart: p + 8, dataBytes };
    }
    p += 8 + size + (size & 1);
  }
  throw new Error('WAV has no data chunk in its first 64 KB');
}

function sampleReader(f: WavFormat, view: DataView): (at: number) => number {
  if (f.float && f.bits === 32) return (at) => view.getFloat32(at, true);
  if (f.float && f.bits === 64) return (at) => view.getFloat64(at, true);
  if (f.bits === 8) return (at) => (view.getUint8(at) - 128) / 128;
  if (f.bits === 16) return (at) => view.getInt16(at, true) / 32768;
  if (f.bits === 24)
    return (at) => ((view.getInt8(at + 2) << 16) | view.getUint16(at, true)) / 8388608;
  if (f.bits === 32) return (at) => view.getInt32(at, true) / 2147483648;
  throw new Error(`WAV with ${f.bits}-bit samples is not supported`);
}

/** Decodes `windows` of a WAV file. */
export async function decodeWavExcerpts(
  file: FileBytes,
  windows: Excerpt[] | 'whole',
): Promise<DecodedAudio> {
  const f = await parseWav(file);
  if (f.channels < 1 || f.sampleRate < 1000) throw new Error('WAV header is invalid');
  const frameBytes = (f.bits / 8) * f.channels;
  const totalFrames = Math.floor(f.dataBytes / frameBytes);
  const wins = windows === 'whole' ? [{ startS: 0, lengthS: totalFrames / f.sampleRate }] : windows;
  const excerpts: StereoExcerpt[] = [];
  for (const w of wins) {
    const first = Math.min(totalFrames, Math.floor(w.startS * f.sampleRate));
    const count = Math.min(totalFrames - first, Math.round(w.lengthS * f.sampleRate));
    if (count <= 0) continue;
    const bytes = await file.read(f.dataStart + first * frameBytes, count * frameBytes);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const read = sampleReader(f, view);
    const n = Math.floor(bytes.length / frameBytes);
    const left = new Float32Array(n);
    const right = f.channels > 1 ? new Float32Array(n) : left;
    const step = f.bits / 8;
    for (let i = 0; i < n; i++) {
      left[i] = read(i * frameBytes);
      if (f.channels > 1) right[i] = read(i * frameBytes + step);
    }
    excerpts.push({ left, right });
  }
  return { sampleRate: f.sampleRate, excerpts, decoder: 'wav' };
}
