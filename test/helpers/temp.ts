/** Temporary folders for tests, removed after the test file finishes. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

// Registered once, when a test file first imports this module (each file has its own copy), so
// folders made inside a test or a beforeAll are removed too — an afterAll registered from inside
// a running test would be ignored.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh empty folder, deleted when the current test file is done. */
export function tempDir(prefix = 'encore-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
