/**
 * CLI output: human text by default, JSON with --json, and a one-line progress bar on a TTY
 * (stderr, so it never mixes with what a pipe reads). All human text passes through
 * terminalSafe() here, so no command can print a tag's escape sequences raw; --json is exact.
 * A reader that goes away (`encore tracks | head -1`) ends the output quietly: the rest is
 * dropped and the command finishes with its usual exit status instead of an EPIPE stack trace.
 */
import type { Writable } from 'node:stream';
import { terminalSafe } from '../../shared/terminal-text';

export interface Output {
  readonly json: boolean;
  /** Prints one line of human output (suppressed in --json mode); newlines in it are escaped. */
  line(text?: string): void;
  /** Prints the machine result (only in --json mode). */
  result(value: unknown): void;
  /** Tells how things stand (stderr, human mode only): not an error, nothing failed. */
  note(text: string): void;
  /** Updates the progress line on a TTY; ignored elsewhere. */
  progress(text: string, fraction?: number): void;
  /** Clears the progress line. */
  endProgress(): void;
  /** Reports a failure on stderr as `encore: TEXT`, then each of `more` on its own line. */
  error(text: string, more?: string[]): void;
  /** Prints text we wrote ourselves (help), several lines, to stdout in any mode. */
  raw(text: string): void;
  /** True once the reader of stdout has gone away. */
  readonly closed: boolean;
}

type Stream = Writable & { isTTY?: boolean; columns?: number };

/** Swallows EPIPE-like errors on a stream (the reader left); anything else is still thrown. */
function watchClose(stream: Stream, onClose: () => void): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED' || err.code === 'EBADF') {
      onClose();
      return;
    }
    throw err;
  });
}

export function createOutput(
  json: boolean,
  stdout: Stream = process.stdout,
  stderr: Stream = process.stderr,
): Output {
  const tty = Boolean(stderr.isTTY) && !json;
  let shown = false;
  let lastDraw = 0;
  let outClosed = false;
  let errClosed = false;
  watchClose(stdout, () => (outClosed = true));
  watchClose(stderr, () => (errClosed = true));
  const write = (text: string): void => {
    if (!outClosed && !stdout.destroyed) stdout.write(text);
  };
  const writeErr = (text: string): void => {
    if (!errClosed && !stderr.destroyed) stderr.write(text);
  };
  const out: Output = {
    json,
    get closed() {
      return outClosed;
    },
    line(text = '') {
      if (json) return;
      if (shown) out.endProgress();
      write(`${terminalSafe(text)}\n`);
    },
    result(value) {
      if (json) write(`${JSON.stringify(value, null, 2)}\n`);
    },
    note(text) {
      if (json) return;
      if (shown) out.endProgress();
      writeErr(`${terminalSafe(text)}\n`);
    },
    raw(text) {
      write(text.endsWith('\n') ? text : `${text}\n`);
    },
    progress(text, fraction) {
      if (!tty) return;
      const now = Date.now();
      // Redrawing more often than 10 times a second only costs time.
      if (now - lastDraw < 100) return;
      lastDraw = now;
      const width = Math.max(20, (stderr.columns ?? 80) - 2);
      let bar = '';
      if (fraction !== undefined) {
        const cells = 20;
        const filled = Math.round(Math.min(1, Math.max(0, fraction)) * cells);
        bar = `[${'#'.repeat(filled)}${'-'.repeat(cells - filled)}] `;
      }
      writeErr(`\r\x1b[K${terminalSafe(bar + text).slice(0, width)}`);
      shown = true;
    },
    endProgress() {
      if (tty && shown) writeErr('\r\x1b[K');
      shown = false;
    },
    error(text, more = []) {
      if (shown) out.endProgress();
      writeErr(`encore: ${terminalSafe(text)}\n`);
      for (const line of more) writeErr(`${terminalSafe(line)}\n`);
    },
  };
  return out;
}
