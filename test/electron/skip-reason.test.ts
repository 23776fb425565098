// A suite that cannot run here must say why in the run's output (CONTRIBUTING): the Electron
// end-to-end suite, in a vitest run of its own where the binary is certainly missing (Electron's
// own ELECTRON_OVERRIDE_DIST_PATH pointed at an empty folder), is reported skipped with the
// reason on stderr and in the suite's name.
import { expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../scripts/lib/bundle.js';
import { tempDir } from '../helpers/temp';

interface JsonReport {
  numPendingTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: { assertionResults: { fullName: string; status: string }[] }[];
}

it('the Electron suite, skipped without the binary, prints why and names why', () => {
  const noBinary = tempDir('encore-no-electron-');
  const report = join(tempDir('encore-skip-report-'), 'report.json');
  const r = spawnSync(
    process.execPath,
    [
      join(repoRoot, 'node_modules/vitest/vitest.mjs'),
      'run',
      'test/e2e/electron.test.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: noBinary, CI: 'true' },
    },
  );
  const output = r.stdout + r.stderr;
  expect(r.status, output).toBe(0);
  // What a person reads in the default output.
  expect(output).toContain(
    `skipped: the desktop app (Electron) — no Electron binary in ${noBinary} (it is downloaded`,
  );
  // And the suite's tests, as a reporter lists them: all skipped, none run, each naming why.
  const json = JSON.parse(readFileSync(report, 'utf8')) as JsonReport;
  const tests = json.testResults.flatMap((f) => f.assertionResults);
  expect(tests.length).toBeGreaterThan(0);
  expect(json.numPassedTests + json.numFailedTests).toBe(0);
  for (const t of tests) {
    expect(t.status).toBe('skipped');
    expect(t.fullName).toMatch(/^the desktop app \(Electron\) \(skipped: no Electron binary in /);
  }
});
