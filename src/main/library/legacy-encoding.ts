/**
 * Repairs tag text that a tagger wrote in a legacy code page (GBK, Big5, Shift-JIS, CP1251) or
 * in UTF-8, but marked as Latin-1 (ID3v2 text encoding byte 0, and every ID3v1 field).
 *
 * How music-metadata 11 hands such text to us: it decodes those frames with @borewit/text-codec's
 * 'latin1', which maps each byte to the char with the same code (0x80–0x9F become C1 controls, not
 * windows-1252 punctuation). So `charCodeAt(i)` gives back the original bytes exactly. ID3v1
 * fields are also cut at 30 bytes by the tagger (a double-byte character may lose its second
 * byte; we drop such a lone trailing lead byte) and trimmed by the parser.
 *
 * The heuristic, for all text values of one file together (one encoding per file):
 * 1. Any char above U+00FF means the tags were real Unicode: nothing to do. No byte ≥ 0x80: same.
 * 2. If every value with high bytes is valid UTF-8, it is UTF-8 (random Latin-1 text almost never
 *    forms valid multi-byte sequences: "é" must be followed by exactly one 0x80–0xBF byte).
 * 3. If the high bytes look like European Latin-1 text (every run of bytes ≥ 0x80 is one accented
 *    letter or symbol such as « © ’, or two accented letters glued to an ASCII letter), leave it
 *    alone: legacy CJK and Cyrillic text makes longer runs.
 * 4. Otherwise decode with each candidate (TextDecoder, fatal) and score the result, because GBK
 *    "decodes" almost any byte pairs: for the CJK code pages, the share of characters that are
 *    among about a thousand characters common in Chinese and Japanese song, artist and album
 *    names (plus kana for Shift-JIS), minus private-use characters and common characters stuck
 *    inside a Latin word; for CP1251, the share of Russian letters in words that are lower case,
 *    Capitalised or ALL CAPS and not glued to Latin letters. A candidate counts if its score
 *    reaches MIN_SCORE with enough evidence (MIN_GOOD characters); the best CJK one wins, and
 *    CP1251 is tried only when no CJK code page counts, because CJK bytes often pass for
 *    Cyrillic letters while Russian bytes almost never make common CJK characters.
 *
 * Measured on real encoder output of names and titles (test/fixtures/legacy-names.json; the
 * "held-out" half was not looked at while tuning): held-out GBK 30/30, Big5 20/20, Shift-JIS
 * 12/13, CP1251 15/15, UTF-8 80/80 files repaired, 42/42 Latin-1, Windows-1252 and ASCII files
 * left alone, no wrong encoding guessed. Misses are files whose only CJK characters are rare
 * ("Official髭男dism") or that have a single one ("紅").
 */
import { TextDecoder } from 'node:util';
import { COMMON_HAN } from './legacy-encoding-chars';

export type LegacyEncoding = 'gbk' | 'big5' | 'shift_jis' | 'windows-1251' | 'utf-8';

type Candidate = Exclude<LegacyEncoding, 'utf-8'>;

const CANDIDATES: Candidate[] = ['gbk', 'big5', 'shift_jis', 'windows-1251'];

/** Share of plausible characters (0–1, after penalties) a decoding needs to be accepted. */
const MIN_SCORE = 0.3;
/** Plausible characters needed over the whole file: one lucky hit is not evidence. */
const MIN_GOOD = 2;
/** ID3v1 fields are 30 bytes (28 for the comment when a track number is present). */
const ID3V1_FIELD_MIN = 28;
const ID3V1_FIELD_MAX = 30;

const decoders = new Map<string, TextDecoder>();

function decoder(encoding: LegacyEncoding): TextDecoder {
  let d = decoders.get(encoding);
  if (!d) {
    d = new TextDecoder(encoding, { fatal: true });
    decoders.set(encoding, d);
  }
  return d;
}

function toBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

function hasHighByte(text: string): boolean {
  return /[\u0080-\u00ff]/.test(text);
}

/** Decodes, or null when the bytes are invalid in `encoding`. */
function tryDecode(encoding: LegacyEncoding, bytes: Uint8Array): string | null {
  try {
    return decoder(encoding).decode(bytes);
  } catch {
    // A full ID3v1 field may end in half a double-byte character: drop that lone lead byte.
    const cut = bytes.length >= ID3V1_FIELD_MIN && bytes.length <= ID3V1_FIELD_MAX;
    if (!cut || encoding === 'windows-1251' || encoding === 'utf-8') return null;
    try {
      return decoder(encoding).decode(bytes.subarray(0, bytes.length - 1));
    } catch {
      return null;
    }
  }
}

const isAsciiLetter = (c: string | undefined): boolean => c !== undefined && /[A-Za-z]/.test(c);

/** Latin-1 letters À–ÿ without × and ÷. */
const isLatinLetter = (code: number): boolean => code >= 0xc0 && code !== 0xd7 && code !== 0xf7;

/**
 * Bytes that appear alone in European titles: Latin-1 ¡ « © ® ° ± ´ · º » ¿ and NBSP, and the
 * Windows-1252 punctuation and letters that Windows taggers put into "Latin-1" frames:
 * € … ‘ ’ “ ” • – — ™ Š š Œ œ Ž ž.
 */
const LATIN_SYMBOLS = new Set([
  0xa0, 0xa1, 0xa9, 0xab, 0xae, 0xb0, 0xb1, 0xb4, 0xb7, 0xba, 0xbb, 0xbf, 0x80, 0x85, 0x91, 0x92,
  0x93, 0x94, 0x95, 0x96, 0x97, 0x99, 0x8a, 0x9a, 0x8c, 0x9c, 0x8e, 0x9e,
]);

/**
 * True when every run of high chars reads as European text: one accented letter or symbol
 * ("à", "é" are words of their own in French and Portuguese), or two accented letters glued to
 * an ASCII letter ("Grüße"). Legacy CJK and Cyrillic text makes longer runs.
 */
function looksLikeLatin1(texts: string[]): boolean {
  for (const text of texts) {
    for (const m of text.matchAll(/[\u0080-\u00ff]+/g)) {
      const run = m[0];
      const start = m.index;
      const codes = Array.from(run, (c) => c.charCodeAt(0));
      if (run.length === 1 && (isLatinLetter(codes[0]) || LATIN_SYMBOLS.has(codes[0]))) continue;
      const touchesLetter =
        isAsciiLetter(text[start - 1]) || isAsciiLetter(text[start + run.length]);
      if (!(run.length === 2 && touchesLetter && codes.every(isLatinLetter))) return false;
    }
  }
  return true;
}

interface Score {
  value: number;
  good: number;
}

const isKana = (code: number): boolean => code >= 0x3041 && code <= 0x30ff;
const isPrivateUse = (code: number): boolean =>
  (code >= 0xe000 && code <= 0xf8ff) || code === 0xfffd;
/** CJK and general punctuation, fullwidth ASCII: normal in titles, no evidence either way. */
const isNeutralPunct = (code: number): boolean =>
  (code >= 0x2010 && code <= 0x206f) ||
  (code >= 0x3000 && code <= 0x303f) ||
  (code >= 0xff01 && code <= 0xff60);

function cjkScore(texts: string[], encoding: Candidate): Score {
  let n = 0;
  let good = 0;
  let bad = 0;
  for (const text of texts) {
    const chars = Array.from(text);
    chars.forEach((c, i) => {
      const code = c.codePointAt(0) ?? 0;
      if (code < 0x80 || isNeutralPunct(code)) return;
      n++;
      if (COMMON_HAN.has(c)) {
        // A common character wedged inside a Latin word ("Can玢o") is Latin-1 mis-read as CJK.
        if (isAsciiLetter(chars[i - 1]) && isAsciiLetter(chars[i + 1])) bad++;
        else good++;
      } else if (isKana(code)) {
        // Kana is the signature of Shift-JIS; in GBK and Big5 it mostly comes from mis-reads.
        if (encoding === 'shift_jis') good++;
      } else if (isPrivateUse(code)) {
        bad++;
      }
    });
  }
  return { value: n === 0 ? 0 : (good - bad) / n, good };
}

const isCyrillic = (code: number): boolean => code >= 0x0400 && code <= 0x04ff;
/** The Russian alphabet plus Ukrainian і ї є ґ (upper and lower case). */
const isRussianLike = (c: string): boolean => /[А-яЁёІіЇїЄєҐґ]/.test(c);

/** Windows-1251 punctuation in 0x80–0xBF that Russian text uses: dashes, quotes, №, NBSP. */
const CYRILLIC_PUNCT = new Set(Array.from('–—«»№…“”„‘’•\u00a0'));

/** A Cyrillic word is written lower case, Capitalised or ALL CAPS; random bytes mix cases. */
function wellCased(word: string): boolean {
  const rest = word.slice(1);
  return rest === rest.toLowerCase() || word === word.toUpperCase();
}

function cyrillicScore(texts: string[]): Score {
  let n = 0;
  let good = 0;
  let bad = 0;
  for (const text of texts) {
    // Words: runs of Cyrillic letters; any other high char counts against, except punctuation.
    for (const m of text.matchAll(/[\u0400-\u04ff]+|[\u0080-\u03ff\u0500-\uffff]/g)) {
      const word = m[0];
      if (CYRILLIC_PUNCT.has(word)) continue;
      const letters = Array.from(word);
      n += letters.length;
      const prev = text[m.index - 1];
      const next = text[m.index + word.length];
      const glued = isAsciiLetter(prev) || isAsciiLetter(next);
      if (!isCyrillic(word.codePointAt(0) ?? 0) || glued || !wellCased(word)) {
        bad += letters.length;
        continue;
      }
      // Serbian/Macedonian letters (Ђ Ј Љ ...) are real but rare: no evidence either way.
      good += letters.filter(isRussianLike).length;
    }
  }
  return { value: n === 0 ? 0 : (good - bad) / n, good };
}

function decodeAll(encoding: LegacyEncoding, texts: string[]): string[] | null {
  const out: string[] = [];
  for (const text of texts) {
    if (!hasHighByte(text)) {
      out.push(text);
      continue;
    }
    const decoded = tryDecode(encoding, toBytes(text));
    if (decoded === null) return null;
    out.push(decoded);
  }
  return out;
}

/**
 * Decides whether the text tags of ONE file hold legacy-encoded bytes shown as Latin-1, and
 * re-decodes them.
 *
 * @param texts All text tag values of the file (title, artist, album, ...), as music-metadata
 *   returned them.
 * @returns The encoding found and the repaired values in the same order (values without high
 *   bytes unchanged), or null when nothing should change (real Unicode tags, plain ASCII,
 *   genuine Latin-1 text, or no encoding plausible enough).
 */
export function repairTagText(
  texts: string[],
): { encoding: LegacyEncoding; texts: string[] } | null {
  if (texts.some((t) => /[\u0100-\uffff]/.test(t))) return null;
  const suspects = texts.filter(hasHighByte);
  if (suspects.length === 0) return null;

  const utf8 = decodeAll('utf-8', texts);
  if (utf8) return { encoding: 'utf-8', texts: utf8 };
  if (looksLikeLatin1(suspects)) return null;

  // CJK first: Russian bytes almost never decode to common CJK characters, while CJK bytes often
  // pass for Cyrillic letters (every byte 0xC0–0xFF is one in CP1251).
  let best: { encoding: Candidate; texts: string[]; score: number } | null = null;
  for (const encoding of CANDIDATES) {
    if (best && encoding === 'windows-1251') break;
    const decoded = decodeAll(encoding, texts);
    if (!decoded) continue;
    const changed = decoded.filter((_, i) => hasHighByte(texts[i]));
    const score =
      encoding === 'windows-1251' ? cyrillicScore(changed) : cjkScore(changed, encoding);
    if (score.value < MIN_SCORE || score.good < MIN_GOOD) continue;
    if (!best || score.value > best.score) best = { encoding, texts: decoded, score: score.value };
  }
  return best ? { encoding: best.encoding, texts: best.texts } : null;
}
