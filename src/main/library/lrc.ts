/**
 * LRC lyrics parser: `[mm:ss.xx]` time tags (also `[mm:ss:xx]`, `[mm:ss]`, 1–3 fraction digits,
 * several tags before one line), ID tags (`[ar:]`, `[ti:]`, `[al:]`, `[by:]`, `[length:]`, ...),
 * the `[offset:±ms]` tag, and enhanced-LRC word times (`<mm:ss.xx>`), which are stripped.
 * Used for .lrc sidecar files and for LRC text that taggers put into unsynced lyrics tags.
 */
import type { SyncedLine } from '../../shared/library';

export interface ParsedLrc {
  /** Timed lines sorted by time (stable for equal times), offset applied, times ≥ 0 s. */
  lines: SyncedLine[];
  /** The lyric lines' text without time tags, one per line (empty lines left out). */
  plain: string;
  /** ID tags by lower-case key: ar, ti, al, by, length, offset, ... */
  meta: Record<string, string>;
}

/** One time tag at the start of the rest of a line: minutes, seconds, optional fraction. */
const TIME_TAG = /^\[(\d{1,3}):(\d{1,2})(?:[.:](\d{1,3}))?\]/;
/** An ID tag filling the whole line, e.g. `[ar: Artist]`; the key starts with a letter. */
const ID_TAG = /^\[([A-Za-z][A-Za-z0-9_#-]*):(.*)\]$/;
/** Enhanced LRC word times, e.g. `<00:12.34>`. */
const WORD_TIME = /<\d{1,3}:\d{1,2}(?:[.:]\d{1,3})?>/g;

function seconds(min: string, sec: string, frac: string | undefined): number {
  // The fraction's digits are a decimal fraction of a second: "5" = 0.5, "50" = 0.5, "500" = 0.5.
  return Number(min) * 60 + Number(sec) + (frac ? Number(`0.${frac}`) : 0);
}

/** Splits the leading time tags off a line; null when the line has none. */
function timeTags(line: string): { times: number[]; text: string } | null {
  const times: number[] = [];
  let rest = line;
  for (let m = TIME_TAG.exec(rest); m; m = TIME_TAG.exec(rest)) {
    times.push(seconds(m[1], m[2], m[3]));
    rest = rest.slice(m[0].length).trimStart();
  }
  return times.length > 0 ? { times, text: rest } : null;
}

function cleanText(text: string): string {
  return text.replace(WORD_TIME, '').replace(/\s+/g, ' ').trim();
}

/** Splits text into lines, dropping a leading BOM and accepting CRLF, CR and LF. */
export function textLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/**
 * Parses LRC text.
 *
 * The offset tag is in milliseconds; by LRC convention a positive offset makes the lyrics appear
 * sooner, so each time becomes `t - offset / 1000` (clamped at 0). Lines without a time tag are
 * ignored when the text has timed lines, and make up `plain` when it has none.
 */
export function parseLrc(text: string): ParsedLrc {
  const meta: Record<string, string> = {};
  const timed: { t: number; text: string; order: number }[] = [];
  const untimed: string[] = [];
  for (const raw of textLines(text)) {
    const line = raw.trim();
    if (!line) continue;
    const tags = timeTags(line);
    if (tags) {
      const lineText = cleanText(tags.text);
      for (const t of tags.times) timed.push({ t, text: lineText, order: timed.length });
      continue;
    }
    const id = ID_TAG.exec(line);
    if (id) meta[id[1].toLowerCase()] = id[2].trim();
    else untimed.push(cleanText(line));
  }

  const offsetMs = Number(meta.offset ?? 0);
  const shift = Number.isFinite(offsetMs) ? offsetMs / 1000 : 0;
  timed.sort((a, b) => a.t - b.t || a.order - b.order);
  const lines = timed.map((l) => ({ t: Math.max(0, round3(l.t - shift)), text: l.text }));
  const plainLines = lines.length > 0 ? lines.map((l) => l.text) : untimed;
  return { lines, plain: plainLines.filter((l) => l !== '').join('\n'), meta };
}

/** Rounds to milliseconds so that 12.34 - 0.5 does not come out as 11.839999999999998. */
function round3(s: number): number {
  return Math.round(s * 1000) / 1000;
}

/**
 * True when `text` is LRC rather than plain lyrics: at least two lines start with a time tag, or
 * one does and every other line is an ID tag. Taggers sometimes store LRC in unsynced lyrics fields.
 */
export function looksLikeLrc(text: string): boolean {
  let timed = 0;
  let other = 0;
  for (const raw of textLines(text)) {
    const line = raw.trim();
    if (TIME_TAG.test(line)) timed++;
    else if (line !== '' && !ID_TAG.test(line)) other++;
  }
  return timed >= 2 || (timed === 1 && other === 0);
}
