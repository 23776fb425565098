/** Argument helpers every CLI command shares: whole-number options, naming a track, durations. */
import type { Engine } from '../engine';
import type { Track } from '../../shared/library';
import { UsageError, type CommandContext } from './command';

/** Seconds as m:ss ("--:--" when unknown). */
export const formatDuration = (s: number | null): string =>
  s === null ? '--:--' : `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

/**
 * The whole-number option `--NAME`: `fallback` when absent (undefined when no fallback is given),
 * a UsageError unless it is a whole number from 1 to `max`.
 */
export function wholeNumberOption(
  ctx: CommandContext,
  name: string,
  fallback: number,
  max?: number,
): number;
export function wholeNumberOption(ctx: CommandContext, name: string): number | undefined;
export function wholeNumberOption(
  ctx: CommandContext,
  name: string,
  fallback?: number,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const raw = ctx.values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0 || n > max) {
    const range =
      max === Number.MAX_SAFE_INTEGER
        ? 'a positive whole number'
        : `a whole number from 1 to ${max}`;
    throw new UsageError(`--${name} must be ${range}, not "${String(raw)}"`);
  }
  return n;
}

/** A track named by its id or by words from its title, artist or album (the best match). */
export async function resolveTrack(engine: Engine, spec: string | undefined): Promise<Track> {
  const words = spec?.trim();
  if (!words)
    throw new UsageError(
      'name a track: its id (see `encore tracks`) or words from its title or artist',
    );
  if (/^\d+$/.test(words)) {
    const byId = await engine.store.tracks.get(Number(words));
    if (!byId) throw new UsageError(`no track with id ${words}`);
    return byId;
  }
  const [hit] = await engine.store.tracks.search(words, 1);
  if (!hit) throw new UsageError(`no track matches "${words}"`);
  return hit;
}
