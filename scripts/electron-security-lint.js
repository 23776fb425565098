#!/usr/bin/env node
/**
 * lint:electron — Electron security linter (electronegativity) over src/, failing on any high or
 * critical finding; lower ones are printed. The tool is fetched from the npm registry with npx at
 * run time rather than kept as a devDependency: it pins an old ESLint/TypeScript tree.
 *
 *   npm run lint:electron
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const VERSION = '1.10.3';
const here = resolve(import.meta.dirname, '..');
const electron = JSON.parse(
  readFileSync(join(here, 'node_modules/electron/package.json'), 'utf8'),
).version;
const dir = mkdtempSync(join(tmpdir(), 'encore-eneg-'));
const csv = join(dir, 'findings.csv');
try {
  const run = spawnSync(
    'npx',
    [
      '--yes',
      `@doyensec/electronegativity@${VERSION}`,
      '-i',
      process.env.ENEG_INPUT ?? join(here, 'src'),
      '-e',
      electron,
      '-r',
      '-v',
      'false',
      '-o',
      csv,
    ],
    { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (run.status !== 0) {
    process.stderr.write(run.stdout + run.stderr);
    process.exit(run.status ?? 1);
  }
  const findings = findingsOf(readFileSync(csv, 'utf8'));
  for (const f of findings)
    console.log(`${f.severity.padEnd(8)} ${f.issue}  ${f.file}:${f.location}`);
  const serious = findings.filter((f) => f.severity === 'HIGH' || f.severity === 'CRITICAL');
  console.log(
    `electronegativity ${VERSION} (Electron ${electron}): ${findings.length} findings, ${serious.length} high or critical`,
  );
  process.exit(serious.length > 0 ? 1 : 0);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The findings in electronegativity's CSV. Its sample and description fields are written without
 * escaping (they may hold commas, quotes and newlines), so each finding is read from the start of
 * its line — the check id, severity, confidence, file and location, which never do.
 */
function findingsOf(text) {
  const line =
    /^([A-Z0-9_]+_CHECK),\s*"?([A-Z]+)"?,\s*"?([A-Z]+)"?,\s*"?([^",]*)"?,\s*"?([^",]*)"?/gm;
  return [...text.matchAll(line)].map(([, issue, severity, confidence, file, location]) => ({
    issue,
    severity,
    confidence,
    file,
    location,
  }));
}
