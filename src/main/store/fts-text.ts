/**
 * Text preparation for the FTS5 index. unicode61 treats a run of CJK characters as one token, so
 * "林俊杰" would only match itself whole; splitting CJK text into one token per character (in the
 * index and in queries alike) lets any part of a Chinese, Japanese or Korean name match.
 */
const CJK = /([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af])/g;

/** The text as it is written into the index. */
export function ftsText(text: string | null | undefined): string {
  return (text ?? '').replace(CJK, ' $1 ');
}

/**
 * An FTS5 MATCH expression for what a person typed: every word must match as a prefix, in any
 * column; quotes and operators are taken literally. Returns null when nothing searchable is left.
 */
export function ftsQuery(input: string): string | null {
  const words = ftsText(input.normalize('NFC'))
    .split(/[\s\p{P}\p{S}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 16);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}
