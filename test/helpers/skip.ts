/**
 * Suites and tests that cannot run on every machine (no Electron binary, not root, no ffmpeg, no
 * sample corpus …). Where one cannot run it is skipped with the reason in its name, as vitest
 * lists it, and in a line on stderr when its file is collected, so a skip is never read as a pass
 * and always says why (CONTRIBUTING).
 */
import { describe, it, type TestContext } from 'vitest';

type TestBody = () => void | Promise<void>;

/** The skipped name, after printing why. */
function skippedName(name: string, whyNot: string): string {
  console.warn(`skipped: ${name} — ${whyNot}`);
  return `${name} (skipped: ${whyNot})`;
}

/**
 * `describe` where the suite can run (`whyNot` null); else the suite is skipped, its name and a
 * printed line saying why.
 */
export function describeOrSkip(whyNot: string | null): (name: string, body: () => void) => void {
  return (name, body) =>
    whyNot === null ? describe(name, body) : describe.skip(skippedName(name, whyNot), body);
}

/** `it` likewise (`timeoutMs` as for `it`). */
export function itOrSkip(
  whyNot: string | null,
): (name: string, body: TestBody, timeoutMs?: number) => void {
  return (name, body, timeoutMs) =>
    whyNot === null
      ? it(name, body, timeoutMs)
      : it.skip(skippedName(name, whyNot), body, timeoutMs);
}

/** Skips the running test from inside it (a condition known only then), printing why first. */
export function skipSaying(ctx: TestContext, whyNot: string): never {
  console.warn(`skipped: ${ctx.task.name} — ${whyNot}`);
  return ctx.skip(whyNot);
}
