/**
 * Duration of an Ogg Vorbis or Opus file from its last page, which music-metadata only finds by
 * reading every page (its `duration` option). The last page's granule position counts samples
 * from the start: at the stream's rate for Vorbis, always at 48 kHz for Opus (minus pre-skip,
 * ignored here: under 0.1 s).
 */
import { open } from 'node:fs/promises';

/** Ogg pages are at most ~64 KB; the last one starts within this many bytes of the end. */
const TAIL = 65_536 + 27;

/** Seconds, or null when no Ogg page is found in the file's tail. */
export async function oggDuration(
  path: string,
  size: number,
  codec: string,
  sampleRate: number | undefined,
): Promise<number | null> {
  const rate = /opus/i.test(codec) ? 48_000 : sampleRate;
  if (!rate) return null;
  const length = Math.min(size, TAIL);
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    for (let i = buffer.lastIndexOf('OggS'); i >= 0; i = buffer.lastIndexOf('OggS', i - 1)) {
      if (i + 14 > buffer.length) continue;
      const granule = buffer.readBigInt64LE(i + 6);
      // -1 marks a page on which no packet ends; look further back.
      if (granule > 0n) return Number(granule) / rate;
    }
    return null;
  } finally {
    await handle.close();
  }
}
