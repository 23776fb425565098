/**
 * Text from files (tags, file names, lyrics, errors that quote them) made safe for a terminal.
 * A tag can hold escape sequences that retitle the window (OSC 0), write the clipboard (OSC 52),
 * clear the screen (CSI 2J) or recolour everything after it; a file name can hold a newline that
 * fakes an output line; bidi overrides reorder what a person reads. Every such character is shown
 * as a visible escape (`\x1b`, `\n`, `\u202e`), so the text stays readable and one record stays
 * one line. Only the human output goes through here: `--json` is exact (JSON escapes C0 itself).
 */

/**
 * C0 controls and DEL, C1 controls (U+0080–U+009F: U+009B is a one-byte CSI), bidi embeddings,
 * overrides, isolates and marks, and the Unicode line and paragraph separators.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point.
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function visible(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code < 0x100
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every control, escape and bidi character replaced by a visible escape. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visible);
}
