/** Runs the built `encore` CLI as a subprocess, the way a person runs it. */
import { spawnSync } from 'node:child_process';
import { workerFile } from '../../src/main/workers/worker-file';

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/** `encore ARGS` with `env` added to the environment (ENCORE_DATA_DIR at least). */
export function runEncore(
  env: Record<string, string>,
  args: string[],
  timeoutMs = 300_000,
): CliRun {
  const r = spawnSync(process.execPath, [workerFile('cli'), ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
