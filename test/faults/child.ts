/**
 * Builds and runs fault-child.ts as a separate Node process (test/helpers/node-script.ts; workers
 * come from the test build in ENCORE_BUILD_DIR).
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { resolve } from 'node:path';
import { nodeScript } from '../helpers/node-script';

export interface ChildRun {
  child: ChildProcess;
  /** Lines printed so far. */
  lines: string[];
  stderr(): string;
  /** Resolves when a printed line matches. */
  waitFor(pattern: RegExp): Promise<string>;
  /** Resolves with the exit code and signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the child in `mode`; its lines are collected as they come. */
export async function runChild(
  args: string[],
  options: Pick<SpawnOptions, 'uid' | 'gid' | 'env'> & {
    /** RLIMIT_FSIZE for the child, in KiB (`ulimit -f`): no file it writes may grow past it. */
    fileSizeLimitKb?: number;
  } = {},
): Promise<ChildRun> {
  const { fileSizeLimitKb, ...spawnOptions } = options;
  const command = [
    process.execPath,
    await nodeScript(resolve(__dirname, 'fault-child.ts')),
    ...args,
  ];
  const [file, ...argv] =
    fileSizeLimitKb === undefined
      ? command
      : ['/bin/sh', '-c', `ulimit -f ${fileSizeLimitKb} && exec "$@"`, 'sh', ...command];
  const child = spawn(file, argv, {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...spawnOptions,
    env: { ...process.env, ENCORE_LOG: 'error', ...options.env },
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let buffer = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout?.on('data', (d: Buffer) => {
    buffer += d.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((x) => x.pattern.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.on('exit', (code, signal) => res({ code, signal })),
  );
  return {
    child,
    lines,
    stderr: () => stderr,
    exited,
    waitFor(pattern) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise((res, rej) => {
        waiters.push({ pattern, resolve: res });
        void exited.then(({ code, signal }) =>
          rej(
            new Error(`child exited (${code ?? signal}) before ${pattern}: ${stderr.slice(-2000)}`),
          ),
        );
      });
    },
  };
}
