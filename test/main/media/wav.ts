/** Writes real, playable PCM WAV files (a sine tone) for media and end-to-end tests. */
import { writeFileSync } from 'node:fs';

/**
 * A mono 16-bit WAV of `seconds` of a sine at `hz`, with optional RIFF INFO tags (title INAM,
 * artist IART, album IPRD, genre IGNR) so the scanner reads real tags.
 */
export function writeWav(
  path: string,
  opts: {
    seconds?: number;
    hz?: number;
    sampleRate?: number;
    tags?: { title?: string; artist?: string; album?: string; genre?: string };
  } = {},
): void {
  const rate = opts.sampleRate ?? 8000;
  const samples = Math.round((opts.seconds ?? 2) * rate);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    data.writeInt16LE(
      Math.round(Math.sin((2 * Math.PI * (opts.hz ?? 440) * i) / rate) * 8000),
      i * 2,
    );
  }
  const info = infoChunk(opts.tags ?? {});
  const fmt = Buffer.alloc(24);
  fmt.write('fmt ', 0);
  fmt.writeUInt32LE(16, 4);
  fmt.writeUInt16LE(1, 8); // PCM
  fmt.writeUInt16LE(1, 10); // mono
  fmt.writeUInt32LE(rate, 12);
  fmt.writeUInt32LE(rate * 2, 16);
  fmt.writeUInt16LE(2, 20);
  fmt.writeUInt16LE(16, 22);
  const dataHead = Buffer.alloc(8);
  dataHead.write('data', 0);
  dataHead.writeUInt32LE(data.length, 4);
  const body = Buffer.concat([Buffer.from('WAVE'), fmt, info, dataHead, data]);
  const riff = Buffer.alloc(8);
  riff.write('RIFF', 0);
  riff.writeUInt32LE(body.length, 4);
  writeFileSync(path, Buffer.concat([riff, body]));
}

function infoChunk(tags: Record<string, string | undefined>): Buffer {
  const ids: Record<string, string> = {
    title: 'INAM',
    artist: 'IART',
    album: 'IPRD',
    genre: 'IGNR',
  };
  const parts: Buffer[] = [];
  for (const [key, value] of Object.entries(tags)) {
    if (!value || !ids[key]) continue;
    let text = Buffer.from(`${value}\0`, 'utf8');
    if (text.length % 2) text = Buffer.concat([text, Buffer.alloc(1)]);
    const head = Buffer.alloc(8);
    head.write(ids[key], 0);
    head.writeUInt32LE(text.length, 4);
    parts.push(head, text);
  }
  if (parts.length === 0) return Buffer.alloc(0);
  const list = Buffer.concat([Buffer.from('INFO'), ...parts]);
  const head = Buffer.alloc(8);
  head.write('LIST', 0);
  head.writeUInt32LE(list.length, 4);
  return Buffer.concat([head, list]);
}
