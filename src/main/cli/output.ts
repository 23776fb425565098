/**
 * CLI output: human text by default, JSON with --json, and a one-line progress bar on a TTY
 * (stderr, so it never mixes with what a pipe reads).
 */
export interface Output {
  readonly json: boolean;
  /** Prints a line of human output (suppressed in --json mode). */
  line(text?: string): void;
  /** Prints the machine result (only in --json mode). */
  result(value: unknown): void;
  /** Updates the progress line on a TTY; ignored elsewhere. */
  progress(text: string, fraction?: number): void;
  /** Clears the progress line. */
  endProgress(): void;
  error(text: string): void;
}

export function createOutput(
  json: boolean,
  stdout = process.stdout,
  stderr = process.stderr,
): Output {
  const tty = Boolean(stderr.isTTY) && !json;
  let shown = false;
  let lastDraw = 0;
  return {
    json,
    line(text = '') {
      if (json) return;
      if (shown) this.endProgress();
      stdout.write(`${text}\n`);
    },
    result(value) {
      if (json) stdout.write(`${JSON.stringify(value, null, 2)}\n`);
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
      stderr.write(`\r\x1b[K${(bar + text).slice(0, width)}`);
      shown = true;
    },
    endProgress() {
      if (tty && shown) stderr.write('\r\x1b[K');
      shown = false;
    },
    error(text) {
      if (shown) this.endProgress();
      stderr.write(`encore: ${text}\n`);
    },
  };
}
