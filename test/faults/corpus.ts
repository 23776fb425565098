/**
 * Shared helpers of the fault tests: the fixture sources, an RSS sampler, and the check that every
 * file on disk ended up as a track or as a recorded error.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Engine } from '../../src/main/engine';
import { isAudioPath } from '../../src/main/library/formats';

export const FIXTURES = resolve(__dirname, '../fixtures/library');

/** Audio files under `dir` (recursively), by the same extension rule the scanner uses. */
export function audioFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    const s = statSync(full);
    if (s.isDirectory()) return audioFiles(full);
    return s.isFile() && isAudioPath(full) ? [full] : [];
  });
}

/** The fixture library's readable audio (the Broken/ folder is broken already). */
export function fixtureSources(): string[] {
  return audioFiles(FIXTURES)
    .filter((p) => !p.includes('/Broken/'))
    .sort();
}

/** Samples the process RSS every `everyMs` until stopped; returns the peak in MB. */
export function rssSampler(everyMs = 50): { stop(): number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage.rss()) / 1024 / 1024;
    },
  };
}

/** Paths of `expected` the library has neither as a track nor as an error. */
export async function unaccounted(engine: Engine, expected: string[]): Promise<string[]> {
  const tracks = (await engine.store.tracks.list()).map((t) => t.path);
  const errors = (await engine.store.tracks.errors(1_000_000)).map((e) => e.path);
  const known = new Set([...tracks, ...errors]);
  return expected.filter((p) => !known.has(p));
}
