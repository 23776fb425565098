/**
 * Time-accurate seeking in Ogg Vorbis and Opus for excerpt decoding. A byte offset proportional to
 * time drifts in VBR streams (seconds off in a 2-minute clip, test/main/analysis/decode.test.ts);
 * every Ogg page carries its granule position, the stream time at its end, so a few secant steps
 * on (byte offset → page time) land within a page (~0.1–0.5 s) of the target.
 */
import type { FileBytes } from './file-bytes';

/** How granule positions map to seconds. */
export interface OggClock {
  /** Granule units per second (Opus: always 48000; Vorbis: the stream's sample rate). */
  rate: number;
  /** Granule units before the audio starts (Opus pre-skip). */
  preSkip: number;
}

/** Reads the clock from the stream's first page (Vorbis identification or OpusHead packet). */
export function oggClock(firstPage: Uint8Array): OggClock | null {
  if (firstPage.length < 28) return null;
  const p = 27 + firstPage[26];
  const view = new DataView(firstPage.buffer, firstPage.byteOffset, firstPage.byteLength);
  const text = Buffer.from(firstPage.subarray(p, p + 8)).toString('latin1');
  if (text === 'OpusHead' && p + 12 <= firstPage.length)
    return { rate: 48000, preSkip: view.getUint16(p + 10, true) };
  if (text.slice(1, 7) === 'vorbis' && p + 16 <= firstPage.length)
    return { rate: view.getUint32(p + 12, true), preSkip: 0 };
  return null;
}

/** The first page at or after `offset`: its byte position and end time (s), or null. */
async function pageAt(
  file: FileBytes,
  offset: number,
  clock: OggClock,
): Promise<{ at: number; timeS: number } | null> {
  // 64 KB holds several pages of any sane stream.
  const buf = await file.read(offset, 64 * 1024);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let i = 0; i + 27 <= buf.length; i++) {
    if (
      buf[i] !== 0x4f ||
      buf[i + 1] !== 0x67 ||
      buf[i + 2] !== 0x67 ||
      buf[i + 3] !== 0x53 ||
      buf[i + 4] !== 0
    )
      continue;
    const granule = view.getBigInt64(i + 6, true);
    // −1: no packet ends on this page; look at the next.
    if (granule < 0n) continue;
    return { at: offset + i, timeS: (Number(granule) - clock.preSkip) / clock.rate };
  }
  return null;
}

/**
 * Byte offset of the page nearest before `targetS`, starting from the proportional guess and
 * correcting it with the pages' own times (at most 4 steps).
 */
export async function oggOffsetOf(
  file: FileBytes,
  range: { start: number; end: number },
  clock: OggClock,
  targetS: number,
  bytesPerS: number,
): Promise<number> {
  let offset = range.start + targetS * bytesPerS;
  for (let step = 0; step < 4; step++) {
    const clamped = Math.max(range.start, Math.min(range.end - 1, offset));
    const page = await pageAt(file, clamped, clock);
    if (!page) return clamped;
    const error = page.timeS - targetS;
    // A page ends up to ~0.5 s after its first sample: aim slightly early, stop when close.
    if (error >= 0 && error < 0.6) return page.at;
    offset = clamped - (error + 0.3) * bytesPerS;
  }
  return Math.max(range.start, Math.min(range.end - 1, offset));
}
