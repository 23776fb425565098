/**
 * The engine's logger: one line per message on stderr, so stdout stays clean for CLI output
 * (`--json`). Level from ENCORE_LOG (error, warn, info, debug); default warn.
 */
import { terminalSafe } from '../shared/terminal-text';

type Level = 'error' | 'warn' | 'info' | 'debug';
const order: Record<Level, number> = { error: 0, warn: 1, info: 2, debug: 3 };
const threshold = order[(process.env.ENCORE_LOG as Level) ?? 'warn'] ?? order.warn;

function write(level: Level, scope: string, message: string, extra?: unknown): void {
  if (order[level] > threshold) return;
  const tail =
    extra === undefined ? '' : ` ${extra instanceof Error ? extra.message : JSON.stringify(extra)}`;
  // Messages quote file names and tags: escapes in them must not reach a terminal raw.
  process.stderr.write(`${terminalSafe(`[${level}] ${scope}: ${message}${tail}`)}\n`);
}

export interface Logger {
  error(message: string, extra?: unknown): void;
  warn(message: string, extra?: unknown): void;
  info(message: string, extra?: unknown): void;
  debug(message: string, extra?: unknown): void;
}

/** A logger whose lines are prefixed with `scope` (the module's name). */
export function createLogger(scope: string): Logger {
  return {
    error: (m, e) => write('error', scope, m, e),
    warn: (m, e) => write('warn', scope, m, e),
    info: (m, e) => write('info', scope, m, e),
    debug: (m, e) => write('debug', scope, m, e),
  };
}
