/**
 * HTTP Range parsing for the media responder (RFC 9110 §14): one byte range per request, which is
 * all an audio element asks for. Pure functions, no I/O.
 */

/** An inclusive byte range within a file. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * What a Range header asks for, given the file size in bytes:
 * - `null`: no (or an unparseable) Range header — answer 200 with the whole file, as the RFC allows;
 * - `'unsatisfiable'`: a well-formed range outside the file — answer 416;
 * - a ByteRange clamped to the file — answer 206.
 * Several ranges ("bytes=0-1,5-9") are answered with the first only.
 */
export function parseRange(
  header: string | null | undefined,
  size: number,
): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^\s*bytes\s*=\s*([^,]*)/i.exec(header);
  if (!match) return null;
  const spec = /^\s*(\d*)\s*-\s*(\d*)\s*$/.exec(match[1] ?? '');
  if (!spec) return null;
  const [, first = '', last = ''] = spec;
  if (first === '' && last === '') return null;
  if (first === '') {
    // Suffix range: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (!Number.isSafeInteger(start) || start >= size) return 'unsatisfiable';
  if (last !== '' && Number(last) < start) return null;
  return { start, end };
}
