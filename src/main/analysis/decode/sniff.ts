/**
 * Container/codec sniffing from a file's first bytes, so each file goes to a decoder that can
 * read it (and AAC never goes to the GPL-2.0-only WASM decoder; see docs/architecture.md).
 */

export type AudioFormat =
  | 'mp3'
  | 'flac'
  | 'vorbis'
  | 'opus'
  | 'wav'
  | 'aiff'
  | 'mp4'
  | 'aac'
  | 'wma'
  | 'wavpack'
  | 'mpc'
  | 'ape'
  | 'unknown';

const ascii = (b: Uint8Array, at: number, s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
};

/** Size of a leading ID3v2 tag in bytes (header + body + footer), 0 when there is none. */
export function id3Size(b: Uint8Array): number {
  if (b.length < 10 || !ascii(b, 0, 'ID3')) return 0;
  const size = ((b[6] & 0x7f) << 21) | ((b[7] & 0x7f) << 14) | ((b[8] & 0x7f) << 7) | (b[9] & 0x7f);
  const footer = b[5] & 0x10 ? 10 : 0;
  return 10 + size + footer;
}

/** True when an MPEG audio frame header (layer I–III) starts at `at`. */
export function isMpegFrame(b: Uint8Array, at: number): boolean {
  if (at + 4 > b.length || b[at] !== 0xff || (b[at + 1] & 0xe0) !== 0xe0) return false;
  const version = (b[at + 1] >> 3) & 3;
  const layer = (b[at + 1] >> 1) & 3;
  const bitrate = b[at + 2] >> 4;
  const rate = (b[at + 2] >> 2) & 3;
  return version !== 1 && layer !== 0 && bitrate !== 15 && bitrate !== 0 && rate !== 3;
}

/**
 * The format of a file from its first bytes (after any ID3v2 tag: pass the bytes starting there
 * as `head`, or the whole start and let this skip it when `head` holds it).
 */
export function sniff(head: Uint8Array): AudioFormat {
  const skip = id3Size(head);
  const b = skip > 0 && skip < head.length ? head.subarray(skip) : head;
  if (ascii(b, 0, 'fLaC')) return 'flac';
  if (ascii(b, 0, 'OggS')) {
    const text = Buffer.from(b.subarray(0, 64)).toString('latin1');
    if (text.includes('OpusHead')) return 'opus';
    if (text.includes('vorbis')) return 'vorbis';
    if (text.includes('fLaC')) return 'flac';
    return 'unknown';
  }
  if (ascii(b, 0, 'RIFF') && (ascii(b, 8, 'WAVE') || ascii(b, 8, 'RF64'))) return 'wav';
  if (ascii(b, 0, 'RF64')) return 'wav';
  if (ascii(b, 0, 'FORM') && (ascii(b, 8, 'AIFF') || ascii(b, 8, 'AIFC'))) return 'aiff';
  if (ascii(b, 4, 'ftyp')) return 'mp4';
  if (ascii(b, 0, 'wvpk')) return 'wavpack';
  if (ascii(b, 0, 'MPCK') || ascii(b, 0, 'MP+')) return 'mpc';
  if (ascii(b, 0, 'MAC ')) return 'ape';
  // ASF header object GUID 30 26 B2 75 8E 66 CF 11.
  if (b[0] === 0x30 && b[1] === 0x26 && b[2] === 0xb2 && b[3] === 0x75) return 'wma';
  // ADTS AAC: sync 0xFFF, layer 00.
  if (b[0] === 0xff && (b[1] & 0xf6) === 0xf0) return 'aac';
  if (isMpegFrame(b, 0)) return 'mp3';
  // An ID3 tag followed by junk, or a stream with leading garbage: look for two MPEG frames in a row.
  if (skip > 0 || b.length > 0) {
    for (let i = 0; i + 4 < Math.min(b.length, 64 * 1024); i++) {
      if (isMpegFrame(b, i) && mpegFrameAt(b, i)) return 'mp3';
    }
  }
  return 'unknown';
}

/** True when the MPEG frame at `at` is followed by another frame header where its length says. */
function mpegFrameAt(b: Uint8Array, at: number): boolean {
  const version = (b[at + 1] >> 3) & 3; // 3 = MPEG-1
  const layer = (b[at + 1] >> 1) & 3; // 1 = layer III, 2 = II, 3 = I
  const bitrateIndex = b[at + 2] >> 4;
  const rateIndex = (b[at + 2] >> 2) & 3;
  const padding = (b[at + 2] >> 1) & 1;
  const mpeg1 = version === 3;
  const v1l3 = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
  const v1l2 = [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384];
  const v1l1 = [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448];
  const v2l1 = [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256];
  const v2l23 = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
  const table = mpeg1
    ? layer === 1
      ? v1l3
      : layer === 2
        ? v1l2
        : v1l1
    : layer === 3
      ? v2l1
      : v2l23;
  const rates = mpeg1
    ? [44100, 48000, 32000]
    : version === 2
      ? [22050, 24000, 16000]
      : [11025, 12000, 8000];
  const kbps = table[bitrateIndex];
  const rate = rates[rateIndex];
  if (!kbps || !rate) return false;
  const len =
    layer === 3
      ? Math.floor((12 * kbps * 1000) / rate + padding) * 4
      : Math.floor(((mpeg1 || layer === 2 ? 144 : 72) * kbps * 1000) / rate) + padding;
  return isMpegFrame(b, at + len);
}
