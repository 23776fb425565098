/**
 * A content fingerprint that survives a move or rename: the file's size plus a hash of three small
 * windows at 25 %, 50 % and 75 % of the file. Those windows are audio in every real file (tags sit
 * at the start or the end), so the fingerprint identifies the recording's bytes, not its name.
 * Blocking reads: it runs in the tag worker (see sync-file-tokenizer.ts for why).
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

/** Bytes per window: small enough to cost one read each, large enough to tell files apart. */
const WINDOW = 8192;

/** The fingerprint of the file at `path` of `size` bytes: "<size>:<sha1 of windows, hex>". */
export function fingerprintFile(path: string, size: number): string {
  const hash = createHash('sha1');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(WINDOW);
    for (const at of [0.25, 0.5, 0.75]) {
      const position = Math.max(0, Math.floor(size * at) - WINDOW / 2);
      const bytesRead = readSync(fd, buffer, 0, WINDOW, position);
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    closeSync(fd);
  }
  return `${size}:${hash.digest('hex')}`;
}
