/**
 * WebAssembly decoding (the audio-decode family, all licence-compatible with AGPL-3.0; AAC is not
 * routed here, see docs/architecture.md). MP3, FLAC, Ogg Vorbis and Opus are decoded only where
 * the excerpts are: their frames or pages resynchronise, so a byte range at the right proportion
 * of the file, after the codec headers, decodes on its own. Other formats decode whole.
 */
import decode, { type StreamDecoder } from 'audio-decode';
import type { FileBytes } from './file-bytes';
import type { Excerpt } from './excerpts';
import type { AudioFormat } from './sniff';
import { id3Size } from './sniff';
import { oggClock, oggOffsetOf } from './ogg-seek';
import type { DecodedAudio, StereoExcerpt } from './pcm';

type DecoderName = 'mp3' | 'flac' | 'oga' | 'opus';
const STREAMING: Partial<Record<AudioFormat, DecoderName>> = {
  mp3: 'mp3',
  flac: 'flac',
  vorbis: 'oga',
  opus: 'opus',
};

/** Formats decodeWasm can read (whole-file ones included). */
export const WASM_FORMATS: ReadonlySet<AudioFormat> = new Set([
  'mp3',
  'flac',
  'vorbis',
  'opus',
  'aiff',
  'wma',
  'wavpack',
  'mpc',
]);

/** Files larger than this (bytes) are not decoded whole: the PCM would not fit a worker's budget. */
const WHOLE_DECODE_MAX_BYTES = 80 * 1024 * 1024;
/** Seconds decoded before each window and dropped: the decoder resynchronises there (bit reservoir, pages). */
const PREROLL_S = 0.5;

/** Where the codec headers end and the audio data starts and ends, in bytes. */
async function dataRange(
  file: FileBytes,
  format: AudioFormat,
): Promise<{ header: number; start: number; end: number }> {
  const id3 = id3Size(await file.read(0, 10));
  if (format === 'mp3') {
    // An ID3v1 tag (128 bytes) may close the file; excerpts never reach it anyway.
    return { header: 0, start: id3, end: Math.max(id3, file.size - 128) };
  }
  if (format === 'flac') {
    // Block headers one by one: a PICTURE block can be megabytes, and is never read.
    let p = id3 + 4;
    for (let blocks = 0; ; blocks++) {
      const h = await file.read(p, 4);
      if (h.length < 4 || blocks > 1000) throw new Error('FLAC metadata is truncated');
      p += 4 + ((h[1] << 16) | (h[2] << 8) | h[3]);
      if (h[0] & 0x80) break;
    }
    return { header: p, start: p, end: file.size };
  }
  // Ogg: codec header pages carry granule position 0; the first page with another is audio.
  // Page by page, since a comment header with cover art can be megabytes.
  let p = 0;
  for (let pages = 0; pages < 10_000; pages++) {
    const h = await file.read(p, 27 + 255);
    if (h.length < 27 || h[0] !== 0x4f || h[1] !== 0x67 || h[2] !== 0x67 || h[3] !== 0x53) break;
    if (new DataView(h.buffer, h.byteOffset, h.byteLength).getBigInt64(6, true) !== 0n) break;
    const segments = h[26];
    let size = 27 + segments;
    for (let i = 0; i < segments; i++) size += h[27 + i];
    p += size;
  }
  if (p === 0) throw new Error('no Ogg pages at the start of the file');
  return { header: p, start: p, end: file.size };
}

async function feed(
  dec: StreamDecoder,
  chunk: Uint8Array | undefined,
  into: Float32Array[][],
): Promise<number> {
  const out = chunk ? await dec(chunk) : await dec();
  if (out.channelData.length) into.push(out.channelData);
  return out.sampleRate;
}

function concatChannels(parts: Float32Array[][], channel: number): Float32Array {
  const len = parts.reduce((n, p) => n + p[0].length, 0);
  const out = new Float32Array(len);
  let at = 0;
  for (const p of parts) {
    out.set(p[Math.min(channel, p.length - 1)], at);
    at += p[0].length;
  }
  return out;
}

/** Decodes `windows` from byte ranges of a streaming-capable file. */
async function decodeStreaming(
  file: FileBytes,
  format: AudioFormat,
  windows: Excerpt[],
  durationS: number,
): Promise<DecodedAudio> {
  const name = STREAMING[format] as DecoderName;
  const range = await dataRange(file, format);
  const header = range.header > 0 ? await file.read(0, range.header) : null;
  const bytesPerS = (range.end - range.start) / durationS;
  const clock = header && (format === 'vorbis' || format === 'opus') ? oggClock(header) : null;
  const excerpts: StereoExcerpt[] = [];
  let rate = 0;
  for (const w of windows) {
    const preroll = Math.min(w.startS, PREROLL_S);
    const from = clock
      ? await oggOffsetOf(file, range, clock, w.startS - preroll, bytesPerS)
      : range.start + (w.startS - preroll) * bytesPerS;
    // 5 % more bytes than the window needs: VBR files are not uniform.
    const bytes = await file.read(
      from,
      Math.min(range.end - from, (w.lengthS + preroll) * bytesPerS * 1.05 + 4096),
    );
    const dec = await decode[name]();
    const parts: Float32Array[][] = [];
    try {
      if (header) {
        const headerOut: Float32Array[][] = [];
        await feed(dec, header, headerOut);
      }
      rate = (await feed(dec, bytes, parts)) || rate;
      rate = (await feed(dec, undefined, parts)) || rate;
    } finally {
      dec.free();
    }
    if (!parts.length || !rate) continue;
    const left = concatChannels(parts, 0);
    const right = parts[0].length > 1 ? concatChannels(parts, 1) : left;
    const skip = Math.round(preroll * rate);
    const keep = Math.round(w.lengthS * rate);
    excerpts.push({
      left: left.subarray(skip, skip + keep),
      right: right === left ? left.subarray(skip, skip + keep) : right.subarray(skip, skip + keep),
    });
  }
  if (!excerpts.length) throw new Error(`the ${format} decoder returned no audio`);
  // Share one buffer for mono so later stages see left === right.
  for (const x of excerpts)
    if (x.left.buffer === x.right.buffer && x.left.byteOffset === x.right.byteOffset)
      x.right = x.left;
  return { sampleRate: rate, excerpts, decoder: `wasm:${format}` };
}

/** Decodes a whole file, then cuts the windows (formats without a cheap way to seek). */
async function decodeWhole(
  file: FileBytes,
  format: AudioFormat,
  windows: Excerpt[] | 'whole',
): Promise<DecodedAudio> {
  if (file.size > WHOLE_DECODE_MAX_BYTES)
    throw new Error(`${format} file too large to decode whole (${file.size} bytes)`);
  const audio = await decode(await file.read(0, file.size));
  const rate = audio.sampleRate;
  const [l, r] = audio.channelData;
  if (!l || !rate) throw new Error(`the ${format} decoder returned no audio`);
  const right = r ?? l;
  const wins = windows === 'whole' ? [{ startS: 0, lengthS: l.length / rate }] : windows;
  const excerpts = wins
    .map((w) => {
      const a = Math.min(l.length, Math.round(w.startS * rate));
      const b = Math.min(l.length, a + Math.round(w.lengthS * rate));
      // Copies, so the whole-file buffers can be freed.
      const left = l.slice(a, b);
      return { left, right: right === l ? left : right.slice(a, b) };
    })
    .filter((x) => x.left.length > 0);
  return { sampleRate: rate, excerpts, decoder: `wasm:${format}` };
}

/**
 * Decodes the windows of a file in a WASM-decodable format. `durationS` (from the tags) maps
 * windows to byte ranges; without it, or with 'whole', the file is decoded whole.
 */
export async function decodeWasm(
  file: FileBytes,
  format: AudioFormat,
  windows: Excerpt[] | 'whole',
  durationS: number | null,
): Promise<DecodedAudio> {
  if (!WASM_FORMATS.has(format)) throw new Error(`no WASM decoder for ${format}`);
  if (windows !== 'whole' && STREAMING[format] && durationS && durationS > 0) {
    return decodeStreaming(file, format, windows, durationS);
  }
  return decodeWhole(file, format, windows);
}
