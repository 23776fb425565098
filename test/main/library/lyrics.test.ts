// Lyrics: embedded in every fixture format (parsed by the real music-metadata), sidecar .lrc/.txt
// files with their text encodings, and the rule that picks one when a track has both.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFile } from 'music-metadata';
import { describe, expect, it } from 'vitest';
import {
  chooseLyrics,
  decodeLyricsFile,
  lyricsFromMetadata,
  readSidecarLyrics,
} from '../../../src/main/library/lyrics';
import { tempDir } from '../../helpers/temp';

const LIBRARY = join(__dirname, '../../fixtures/library');

interface Expected {
  lyrics?: 'none' | 'embedded' | 'embedded-synced' | 'lrc' | 'txt';
  lyricsFirstLine?: string | null;
  error?: boolean;
}

describe('lyrics of the fixture library', () => {
  it('finds what expected.json says for every readable file', async () => {
    const expected = JSON.parse(await readFile(join(LIBRARY, 'expected.json'), 'utf8')) as Record<
      string,
      Expected
    >;
    const readable = Object.entries(expected).filter(([, e]) => !e.error);
    expect(readable.length).toBeGreaterThanOrEqual(10);
    for (const [rel, e] of readable) {
      const path = join(LIBRARY, rel);
      const meta = await parseFile(path, { skipCovers: true, duration: false });
      const found = chooseLyrics(lyricsFromMetadata(meta), await readSidecarLyrics(path));
      expect(found?.source ?? 'none', rel).toBe(e.lyrics);
      expect(found ? found.plain.split('\n')[0] : null, rel).toBe(e.lyricsFirstLine);
    }
  });

  it('reads ID3 SYLT in milliseconds as synced lines', async () => {
    const path = join(LIBRARY, 'Aurora Lane/Aurora (Single)/01 - Aurora.mp3');
    const found = lyricsFromMetadata(await parseFile(path));
    expect(found).toEqual({
      source: 'embedded-synced',
      plain: 'Green fire in the sky\nDancing overhead',
      synced: [
        { t: 0.3, text: 'Green fire in the sky' },
        { t: 1.4, text: 'Dancing overhead' },
      ],
    });
  });

  it('applies the sidecar offset and keeps repeated lines', async () => {
    const path = join(LIBRARY, 'Aurora Lane/Northern Lights/02 - Polar Night.mp3');
    const found = await readSidecarLyrics(path);
    expect(found?.synced).toEqual([
      { t: 0.25, text: 'Polar night, no morning' },
      { t: 0.95, text: 'Stars in the window' },
      { t: 1.55, text: 'Stars in the window' },
    ]);
  });
});

/** An ID3v2.4 USLT frame: `encoding` byte, language 'eng', empty descriptor, then `text`. */
function usltFrame(encoding: number, text: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from([encoding]), Buffer.from('eng\0', 'latin1'), text]);
  const header = Buffer.alloc(10);
  header.write('USLT', 0, 'latin1');
  // ID3v2.4 frame sizes are syncsafe; these bodies stay under 128 bytes, where both agree.
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

async function mp3WithFrames(dir: string, name: string, frames: Buffer): Promise<string> {
  const size = Buffer.from([0, 0, (frames.length >> 7) & 0x7f, frames.length & 0x7f]);
  const tag = Buffer.concat([Buffer.from('ID3\x04\x00\x00', 'latin1'), size, frames]);
  // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding: 417-byte frames of silence.
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0x00]);
  const path = join(dir, name);
  await writeFile(path, Buffer.concat([tag, ...Array.from({ length: 10 }, () => frame)]));
  return path;
}

describe('lyricsFromMetadata', () => {
  it('treats LRC text in an unsynced USLT frame as synced', async () => {
    const lrc = Buffer.from('[00:01.00]Hello\n[00:02.50]World\n', 'utf8');
    const path = await mp3WithFrames(tempDir(), 'lrc-in-uslt.mp3', usltFrame(3, lrc));
    expect(lyricsFromMetadata(await parseFile(path))).toEqual({
      source: 'embedded-synced',
      plain: 'Hello\nWorld',
      synced: [
        { t: 1, text: 'Hello' },
        { t: 2.5, text: 'World' },
      ],
    });
  });

  it('repairs GBK lyrics in a Latin-1 USLT frame', async () => {
    // "月亮代表我的心\n你问我爱你有多深" in GBK (Python's codec).
    const gbk = Buffer.from(
      'd4c2c1c1b4fab1edced2b5c4d0c40ac4e3cecaced2b0aec4e3d3d0b6e0c9ee',
      'hex',
    );
    const path = await mp3WithFrames(tempDir(), 'gbk-uslt.mp3', usltFrame(0, gbk));
    const found = lyricsFromMetadata(await parseFile(path));
    expect(found).toEqual({
      source: 'embedded',
      plain: '月亮代表我的心\n你问我爱你有多深',
      synced: null,
    });
  });

  it('reads lyrics from an ID3 TXXX:LYRICS frame (foobar2000, Mp3tag)', async () => {
    const body = Buffer.concat([
      Buffer.from([3]),
      Buffer.from('LYRICS\0Line one\nLine two', 'utf8'),
    ]);
    const header = Buffer.alloc(10);
    header.write('TXXX', 0, 'latin1');
    header.writeUInt32BE(body.length, 4);
    const path = await mp3WithFrames(tempDir(), 'txxx.mp3', Buffer.concat([header, body]));
    expect(lyricsFromMetadata(await parseFile(path))).toEqual({
      source: 'embedded',
      plain: 'Line one\nLine two',
      synced: null,
    });
  });

  it('converts SYLT times counted in MPEG frames with the frame length of the stream', async () => {
    // encoding 3 (UTF-8), 'eng', timestamp format 1 (MPEG frames), content type 1 (lyrics),
    // empty descriptor, then text + 32-bit frame number per line.
    const line = (text: string, frame: number): Buffer => {
      const t = Buffer.alloc(4);
      t.writeUInt32BE(frame);
      return Buffer.concat([Buffer.from(`${text}\0`, 'utf8'), t]);
    };
    const body = Buffer.concat([
      Buffer.from([3]),
      Buffer.from('eng', 'latin1'),
      Buffer.from([1, 1, 0]),
      line('one', 0),
      line('two', 100),
    ]);
    const header = Buffer.alloc(10);
    header.write('SYLT', 0, 'latin1');
    header.writeUInt32BE(body.length, 4);
    const path = await mp3WithFrames(tempDir(), 'sylt-frames.mp3', Buffer.concat([header, body]));
    const meta = await parseFile(path);
    expect(meta.format.codec).toBe('MPEG 1 Layer 3');
    // MPEG-1 Layer III: 1152 samples per frame at 44100 Hz; frame 100 is 2.612 s in.
    expect(lyricsFromMetadata(meta)?.synced).toEqual([
      { t: 0, text: 'one' },
      { t: 2.612, text: 'two' },
    ]);
  });

  it('gives null for a file without lyrics', async () => {
    const path = join(LIBRARY, 'Some Artist/Some Album/03 - Some Title.mp3');
    expect(lyricsFromMetadata(await parseFile(path))).toBeNull();
  });
});

describe('readSidecarLyrics', () => {
  async function album(files: Record<string, Buffer | string>): Promise<string> {
    const dir = tempDir();
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
    return dir;
  }

  it('matches the extension case-insensitively and prefers .lrc over .txt', async () => {
    const dir = await album({
      'Song.mp3': '',
      'Song.LRC': '[00:03.00]timed',
      'Song.txt': 'plain words',
      'Other.lrc': '[00:01.00]not this one',
    });
    const found = await readSidecarLyrics(join(dir, 'Song.mp3'));
    expect(found).toEqual({ source: 'lrc', plain: 'timed', synced: [{ t: 3, text: 'timed' }] });
  });

  it('reads a .txt sidecar as plain lyrics', async () => {
    const dir = await album({ 'a.flac': '', 'a.txt': 'line one\r\nline two\r\n' });
    expect(await readSidecarLyrics(join(dir, 'a.flac'))).toEqual({
      source: 'txt',
      plain: 'line one\nline two',
      synced: null,
    });
  });

  it('decodes UTF-16 with a BOM and legacy GBK', async () => {
    const utf16le = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('[00:01.00]Ça va', 'utf16le'),
    ]);
    const utf16be = Buffer.from(utf16le.subarray(2)).swap16();
    const gbk = Buffer.from('5b30303a30312e30305dd4c2c1c1b4fab1edced2b5c4d0c4', 'hex');
    const dir = await album({
      'le.mp3': '',
      'le.lrc': utf16le,
      'be.mp3': '',
      'be.lrc': Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]),
      'gbk.mp3': '',
      'gbk.lrc': gbk,
    });
    expect((await readSidecarLyrics(join(dir, 'le.mp3')))?.plain).toBe('Ça va');
    expect((await readSidecarLyrics(join(dir, 'be.mp3')))?.plain).toBe('Ça va');
    expect((await readSidecarLyrics(join(dir, 'gbk.mp3')))?.synced).toEqual([
      { t: 1, text: '月亮代表我的心' },
    ]);
  });

  it('returns null, never throws, for missing, empty or unreadable sidecars', async () => {
    const dir = await album({ 'x.mp3': '', 'y.mp3': '', 'y.lrc': '' });
    expect(await readSidecarLyrics(join(dir, 'x.mp3'))).toBeNull();
    expect(await readSidecarLyrics(join(dir, 'y.mp3'))).toBeNull();
    await mkdir(join(dir, 'z.lrc'));
    expect(await readSidecarLyrics(join(dir, 'z.mp3'))).toBeNull();
    expect(await readSidecarLyrics(join(dir, 'no-such-folder', 'w.mp3'))).toBeNull();
  });
});

describe('decodeLyricsFile', () => {
  it('keeps UTF-8 (BOM or not) and falls back to Windows-1252 for Western bytes', () => {
    expect(decodeLyricsFile(Buffer.from('\uFEFFRós', 'utf8'))).toBe('Rós');
    expect(decodeLyricsFile(Buffer.from('Rós', 'utf8'))).toBe('Rós');
    // "It’s café" in Windows-1252: 0x92 is the right single quote.
    expect(decodeLyricsFile(Buffer.from('4974927320636166e9', 'hex'))).toBe('It’s café');
  });
});

describe('chooseLyrics', () => {
  const unsynced = { source: 'embedded' as const, plain: 'a', synced: null };
  const synced = { source: 'lrc' as const, plain: 'a', synced: [{ t: 1, text: 'a' }] };
  const txt = { source: 'txt' as const, plain: 'b', synced: null };
  it('lets a synced sidecar beat unsynced embedded lyrics, and embedded win otherwise', () => {
    expect(chooseLyrics(unsynced, synced)).toBe(synced);
    expect(chooseLyrics(unsynced, txt)).toBe(unsynced);
    expect(chooseLyrics(null, txt)).toBe(txt);
    expect(chooseLyrics(unsynced, null)).toBe(unsynced);
    expect(chooseLyrics(null, null)).toBeNull();
  });
});
