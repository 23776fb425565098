/**
 * Finds a track's lyrics: embedded in its tags (ID3 USLT/SYLT, Vorbis LYRICS/UNSYNCEDLYRICS,
 * MP4 ©lyr, APE Lyrics, ASF WM/Lyrics) or in a sidecar file next to it (`<basename>.lrc`, then
 * `<basename>.txt`, extension matched case-insensitively).
 *
 * Which wins when a file has both (chooseLyrics): a synced sidecar .lrc beats unsynced embedded
 * lyrics; otherwise the embedded lyrics win.
 *
 * music-metadata 11 shapes, by native tag id (all text already decoded by it):
 * - ID3v2 USLT/ULT: `{ language, descriptor, text }` (also in `common.lyrics`, without syncText).
 * - ID3v2 SYLT/SLT: `{ descriptor, language, contentType, timeStampFormat, syncText: [{ text,
 *   timestamp }] }`; timeStampFormat 2 = milliseconds, 1 = MPEG frames.
 * - ID3v2 TXXX:LYRICS (foobar2000, Mp3tag): a plain string under id `TXXX:<description>`.
 * - Vorbis LYRICS / UNSYNCEDLYRICS, MP4 ©lyr, APE Lyrics, ASF WM/Lyrics: plain strings (common.lyrics
 *   holds them run through its own LRC parser, which only knows [mm:ss.xx] and ignores [offset:],
 *   so we read the raw native string instead).
 * Text in Latin-1 ID3 frames goes through the legacy encoding repair (GBK lyrics are common).
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import type { IAudioMetadata } from 'music-metadata';
import type { SyncedLine } from '../../shared/library';
import type { LyricsFields } from '../store/tracks';
import { repairTagText } from './legacy-encoding';
import { looksLikeLrc, parseLrc, textLines } from './lrc';

/** Native tag ids (upper-cased) whose value is a plain lyrics string or an USLT-like object. */
const TEXT_LYRICS_IDS = new Set([
  'USLT',
  'ULT',
  'LYRICS',
  'UNSYNCEDLYRICS',
  // foobar2000 and Mp3tag spellings: Vorbis/APE keys and ID3 TXXX descriptions.
  'UNSYNCED LYRICS',
  'TXXX:LYRICS',
  'TXXX:UNSYNCEDLYRICS',
  'TXXX:UNSYNCED LYRICS',
  '©LYR',
  'WM/LYRICS',
]);
const SYNCED_LYRICS_IDS = new Set(['SYLT', 'SLT']);
/** SYLT timeStampFormat values (ID3v2.4 §4.9). */
const SYLT_MPEG_FRAMES = 1;
const SYLT_MILLISECONDS = 2;

/**
 * Seconds per MPEG audio frame, to turn SYLT frame counts into time: 384 samples per frame for
 * Layer I, 1152 for Layer II and MPEG-1 Layer III, 576 for MPEG-2/2.5 Layer III. Null for
 * anything that is not MPEG audio (frame counts mean nothing there).
 */
function secondsPerMpegFrame(format: IAudioMetadata['format']): number | null {
  const m = /MPEG (1|2|2\.5) Layer (1|2|3)/.exec(format.codec ?? '');
  if (!m || !format.sampleRate) return null;
  const samples = m[2] === '1' ? 384 : m[2] === '2' || m[1] === '1' ? 1152 : 576;
  return samples / format.sampleRate;
}

interface SyltValue {
  timeStampFormat?: number;
  syncText?: { text?: string; timestamp?: number }[];
}

/** The text of a lyrics tag value, legacy encodings repaired (GBK in a Latin-1 USLT, ...). */
function textOf(value: unknown): string | null {
  const raw =
    typeof value === 'string'
      ? value
      : value && typeof value === 'object' && typeof (value as { text?: unknown }).text === 'string'
        ? (value as { text: string }).text
        : null;
  if (raw === null) return null;
  const repaired = repairTagText([raw]);
  return repaired ? repaired.texts[0] : raw;
}

function normalisePlain(text: string): string {
  return textLines(text)
    .map((l) => l.trimEnd())
    .join('\n')
    .trim();
}

/** Unsynced lyrics text, or LRC stored as text (then synced). */
export function lyricsFromText(
  text: string,
  source: 'embedded' | 'lrc' | 'txt',
): LyricsFields | null {
  if (looksLikeLrc(text)) {
    const lrc = parseLrc(text);
    if (lrc.lines.length > 0) {
      const synced = source === 'embedded' ? 'embedded-synced' : source;
      return { source: synced, plain: lrc.plain, synced: lrc.lines };
    }
  }
  const plain = normalisePlain(text);
  return plain ? { source, plain, synced: null } : null;
}

function syltLines(value: SyltValue, format: IAudioMetadata['format']): SyncedLine[] | null {
  const unit =
    value.timeStampFormat === SYLT_MILLISECONDS
      ? 1 / 1000
      : value.timeStampFormat === SYLT_MPEG_FRAMES
        ? secondsPerMpegFrame(format)
        : null;
  if (unit === null || !value.syncText || value.syncText.length === 0) return null;
  const lines = value.syncText
    .filter((s) => typeof s.timestamp === 'number')
    .map((s) => ({
      t: Math.round((s.timestamp as number) * unit * 1000) / 1000,
      text: (s.text ?? '').trim(),
    }));
  lines.sort((a, b) => a.t - b.t);
  // Legacy bytes in a Latin-1 SYLT frame: decide the encoding over all lines together.
  const repaired = repairTagText(lines.map((l) => l.text));
  if (repaired) lines.forEach((l, i) => (l.text = repaired.texts[i]));
  return lines.length > 0 ? lines : null;
}

/**
 * The lyrics embedded in a parsed file, or null. Synced lyrics (SYLT, or LRC text in a lyrics
 * tag) win over unsynced ones; the first non-empty tag of each kind is used.
 */
export function lyricsFromMetadata(meta: IAudioMetadata): LyricsFields | null {
  let unsynced: LyricsFields | null = null;
  for (const tags of Object.values(meta.native)) {
    for (const tag of tags) {
      const id = tag.id.toUpperCase();
      if (SYNCED_LYRICS_IDS.has(id)) {
        const lines = syltLines(tag.value as SyltValue, meta.format);
        if (lines) {
          const plain = lines
            .map((l) => l.text)
            .filter((t) => t !== '')
            .join('\n');
          return { source: 'embedded-synced', plain, synced: lines };
        }
      } else if (TEXT_LYRICS_IDS.has(id)) {
        const text = textOf(tag.value);
        const found = text ? lyricsFromText(text, 'embedded') : null;
        if (found?.synced) return found;
        unsynced ??= found;
      }
    }
  }
  return unsynced ?? fromCommon(meta);
}

/** Fallback for formats whose native id we do not list: music-metadata's own mapping. */
function fromCommon(meta: IAudioMetadata): LyricsFields | null {
  for (const l of meta.common.lyrics ?? []) {
    if (l.syncText && l.syncText.length > 0 && l.timeStampFormat === SYLT_MILLISECONDS) {
      const synced = l.syncText.map((s) => ({ t: (s.timestamp ?? 0) / 1000, text: s.text.trim() }));
      const plain = synced
        .map((s) => s.text)
        .filter((t) => t !== '')
        .join('\n');
      return { source: 'embedded-synced', plain, synced };
    }
    if (l.text) {
      const found = lyricsFromText(l.text, 'embedded');
      if (found) return found;
    }
  }
  return null;
}

/**
 * Which lyrics a track gets when it has both: a synced sidecar beats unsynced embedded lyrics;
 * otherwise what the file itself holds wins.
 */
export function chooseLyrics(
  embedded: LyricsFields | null,
  sidecar: LyricsFields | null,
): LyricsFields | null {
  if (!embedded) return sidecar;
  if (!sidecar) return embedded;
  return sidecar.synced && !embedded.synced ? sidecar : embedded;
}

/**
 * Decodes a lyrics file: UTF-8 (BOM or not), UTF-16 with a BOM, else a legacy code page found by
 * the tag encoding detector (GBK, Big5, Shift-JIS, CP1251), else Windows-1252.
 */
export function decodeLyricsFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const asLatin1 = Buffer.from(bytes).toString('latin1');
    const repaired = repairTagText([asLatin1]);
    return repaired ? repaired.texts[0] : decodeWindows1252(bytes);
  }
}

/** Windows-1252 characters for bytes 0x80–0x9F (unassigned ones kept as the C1 control). */
const CP1252_80_9F = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * Windows-1252 by table: Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1 and turns
 * 0x92 into U+0092 instead of ’.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    out += b >= 0x80 && b <= 0x9f ? CP1252_80_9F[b - 0x80] : String.fromCharCode(b);
  }
  return out;
}

/** `Foo.lrc` (or `.LRC`, ...) then `Foo.txt` next to `audioPath`, or null. */
async function findSidecar(
  audioPath: string,
): Promise<{ path: string; kind: 'lrc' | 'txt' } | null> {
  const dir = dirname(audioPath);
  const stem = basename(audioPath, extname(audioPath));
  const names = await readdir(dir);
  for (const kind of ['lrc', 'txt'] as const) {
    const name = names.find(
      (n) => basename(n, extname(n)) === stem && extname(n).toLowerCase() === `.${kind}`,
    );
    if (name) return { path: join(dir, name), kind };
  }
  return null;
}

/**
 * Lyrics from a sidecar file next to `audioPath`: `.lrc` (source 'lrc', synced when it has time
 * tags) before `.txt` (source 'txt'). Never throws: unreadable or empty files give null.
 */
export async function readSidecarLyrics(audioPath: string): Promise<LyricsFields | null> {
  try {
    const sidecar = await findSidecar(audioPath);
    if (!sidecar) return null;
    const text = decodeLyricsFile(await readFile(sidecar.path));
    if (sidecar.kind === 'txt') return lyricsFromText(text, 'txt');
    const lrc = parseLrc(text);
    if (lrc.lines.length > 0) return { source: 'lrc', plain: lrc.plain, synced: lrc.lines };
    return lrc.plain ? { source: 'lrc', plain: lrc.plain, synced: null } : null;
  } catch {
    return null;
  }
}
