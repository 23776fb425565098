/**
 * A git revision's tempo estimator, for the benchmarks that compare against it (bench:tempo,
 * bench:onsets): that revision's src/main/analysis/features/tempo.ts, written into
 * node_modules/.cache/NAME with its import of fft.ts pointed at this checkout's (unchanged since).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes the baseline's tempo.ts for `ref` of the checkout at `root`; returns its path. */
export function tempoBaselineFile(root, ref, name) {
  const cache = join(root, 'node_modules/.cache', name);
  mkdirSync(cache, { recursive: true });
  const source = spawnSync('git', ['show', `${ref}:src/main/analysis/features/tempo.ts`], {
    cwd: root,
    encoding: 'utf8',
  });
  if (source.status !== 0) throw new Error(`git show ${ref}: ${source.stderr}`);
  const file = join(cache, 'tempo-baseline.ts');
  writeFileSync(
    file,
    source.stdout.replace("from './fft'", `from '${join(root, 'src/main/analysis/features/fft')}'`),
  );
  return file;
}
