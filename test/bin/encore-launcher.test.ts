// The `encore` command (bin/encore.js) as a person runs it: on Linux with glibc the process that
// runs the CLI starts with Encore's malloc settings and its V8 option (NODE_OPTIONS) in its
// environment (read from /proc/PID/environ, the environment glibc and Node saw at start; Node
// refuses to start with an option NODE_OPTIONS may not hold), a value already set is kept, and the
// exit code and signals pass through the launcher. A stand-in out/main/cli.js reports what it
// was started with; the last test starts the real `encore serve` through the launcher.
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describeOrSkip } from '../helpers/skip';
import { tempDir } from '../helpers/temp';
import { workerFile } from '../../src/main/workers/worker-file';
import { MALLOC_SETTINGS, usesGlibc } from '../../bin/malloc-settings.js';
import { YOUNG_GENERATION_OPTION } from '../../bin/v8-settings.js';

const repo = resolve(import.meta.dirname, '../..');
const glibc = usesGlibc();

/** What the stand-in CLI writes: its pid and parent, its start environment, its arguments. */
interface CliReport {
  pid: number;
  ppid: number;
  environ: Record<string, string>;
  argv: string[];
}

// The stand-in CLI: reports, then does what its first argument says.
const standInCli = `
import { readFileSync, writeFileSync } from 'node:fs';
const environ = Object.fromEntries(
  readFileSync('/proc/self/environ', 'utf8').split('\\0').filter(Boolean)
    .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
);
const [what, arg] = process.argv.slice(2);
if (what === 'wait') process.once('SIGTERM', () => { writeFileSync(process.env.REPORT + '.term', ''); process.exit(0); });
const report = { pid: process.pid, ppid: process.ppid, environ, argv: process.argv.slice(2) };
writeFileSync(process.env.REPORT, JSON.stringify(report));
process.stdout.write('reported\\n');
if (what === 'exit') process.exit(Number(arg));
if (what === 'signal') process.kill(process.pid, arg);
if (what === 'wait') setInterval(() => {}, 1 << 30);
`;

/** A copy of the launcher with `main` as its out/main (a folder, or a link to a real build). */
function launcherCopy(main: (outMain: string) => void): string {
  const dir = tempDir('encore-launcher-');
  mkdirSync(join(dir, 'bin'));
  for (const file of readdirSync(join(repo, 'bin')))
    copyFileSync(join(repo, 'bin', file), join(dir, 'bin', file));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  mkdirSync(join(dir, 'out'));
  main(join(dir, 'out/main'));
  return dir;
}

const withStandIn = (): string =>
  launcherCopy((outMain) => {
    mkdirSync(outMain);
    writeFileSync(join(outMain, 'cli.js'), standInCli);
  });

/** The environment of a person who set none of the malloc settings. */
function personEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(MALLOC_SETTINGS)) delete env[key];
  delete env.NODE_OPTIONS;
  return { ...env, ...extra };
}

function start(dir: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [join(dir, 'bin/encore.js'), ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function ended(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((done) => child.on('exit', (code, signal) => done({ code, signal })));
}

/** The stand-in's report, once it says it wrote it (or ended). */
async function reported(file: string, child: ChildProcess): Promise<CliReport> {
  await new Promise<void>((done) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('reported\n')) done();
    });
    child.on('exit', () => done());
  });
  return JSON.parse(readFileSync(file, 'utf8')) as CliReport;
}

const expectedSettings = (kept: Record<string, string> = {}): Record<string, string | undefined> =>
  Object.fromEntries(
    Object.entries(MALLOC_SETTINGS).map(([key, value]) => [
      key,
      kept[key] ?? (glibc ? value : undefined),
    ]),
  );

const startSettings = (report: CliReport): Record<string, string | undefined> =>
  Object.fromEntries(Object.keys(MALLOC_SETTINGS).map((key) => [key, report.environ[key]]));

const run = describeOrSkip(
  process.platform === 'linux' ? null : 'the CLI process is inspected through /proc (Linux)',
);

run('the encore launcher', () => {
  it('starts the CLI with the malloc settings on glibc, with its arguments', async () => {
    const dir = withStandIn();
    const file = join(tempDir(), 'report.json');
    const child = start(dir, ['exit', '0', '--json'], personEnv({ REPORT: file }));
    const [report, exit] = await Promise.all([reported(file, child), ended(child)]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(startSettings(report)).toEqual(expectedSettings());
    expect(report.environ.NODE_OPTIONS).toBe(YOUNG_GENERATION_OPTION);
    expect(report.argv).toEqual(['exit', '0', '--json']);
    // Nothing stays resident where the process can be replaced; else the launcher is the parent.
    if (typeof (process as { execve?: unknown }).execve === 'function')
      expect(report.pid).toBe(child.pid);
    else expect(report.ppid).toBe(child.pid);
  });

  it('keeps a setting the person chose and adds the others', async () => {
    const dir = withStandIn();
    const file = join(tempDir(), 'report.json');
    const child = start(dir, ['exit', '0'], personEnv({ REPORT: file, MALLOC_ARENA_MAX: '4' }));
    const report = await reported(file, child);
    expect(startSettings(report)).toEqual(expectedSettings({ MALLOC_ARENA_MAX: '4' }));
  });

  it("adds the V8 option to the person's NODE_OPTIONS, and keeps their own size", async () => {
    const dir = withStandIn();
    const file = join(tempDir(), 'report.json');
    const added = await reported(
      file,
      start(dir, ['exit', '0'], personEnv({ REPORT: file, NODE_OPTIONS: '--no-warnings' })),
    );
    expect(added.environ.NODE_OPTIONS).toBe(`--no-warnings ${YOUNG_GENERATION_OPTION}`);
    const chosen = '--no-warnings --max-semi-space-size=32';
    const kept = await reported(
      file,
      start(dir, ['exit', '0'], personEnv({ REPORT: file, NODE_OPTIONS: chosen })),
    );
    expect(kept.environ.NODE_OPTIONS).toBe(chosen);
  });

  it("ends with the CLI's exit code, or its signal", async () => {
    const dir = withStandIn();
    const file = join(tempDir(), 'report.json');
    const env = personEnv({ REPORT: file });
    expect(await ended(start(dir, ['exit', '3'], env))).toEqual({ code: 3, signal: null });
    expect(await ended(start(dir, ['signal', 'SIGTERM'], env))).toEqual({
      code: null,
      signal: 'SIGTERM',
    });
  });

  it('passes SIGTERM sent to the launcher on to the CLI', async () => {
    const dir = withStandIn();
    const file = join(tempDir(), 'report.json');
    const child = start(dir, ['wait'], personEnv({ REPORT: file }));
    const exit = ended(child);
    await reported(file, child);
    child.kill('SIGTERM');
    expect(await exit).toEqual({ code: 0, signal: null });
    // The stand-in's own SIGTERM handler ran: the signal reached the CLI, not just the launcher.
    expect(existsSync(`${file}.term`)).toBe(true);
  });
});

/** The pid of the process running the CLI: the launcher, or its one child. */
function cliPid(launcher: number): number {
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return (
          readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] === `${launcher}`
        );
      } catch {
        return false; // the process ended meanwhile
      }
    });
  return children.length === 1 ? Number(children[0]) : launcher;
}

describe('encore serve through the launcher', () => {
  run('the serve process', () => {
    it('runs with the malloc settings and the V8 option in its start environment', async () => {
      const build = dirname(workerFile('cli'));
      const dir = launcherCopy((outMain) => symlinkSync(build, outMain, 'dir'));
      const renderer = tempDir('encore-launcher-renderer-');
      writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Encore</title>');
      const child = start(
        dir,
        ['serve', '--renderer', renderer, '--no-watch'],
        personEnv({ ENCORE_DATA_DIR: tempDir('encore-launcher-data-') }),
      );
      const exit = ended(child);
      await new Promise<void>((ok, fail) => {
        let out = '';
        child.stdout?.on('data', (d: Buffer) => {
          out += d.toString();
          if (/Encore is at http/.test(out)) ok();
        });
        void exit.then(() => fail(new Error(`serve exited early: ${out}`)));
      });
      const environ = readFileSync(`/proc/${cliPid(child.pid as number)}/environ`, 'utf8');
      const seen = Object.fromEntries(
        Object.keys(MALLOC_SETTINGS).map((key) => [
          key,
          new RegExp(`(^|\\0)${key}=([^\\0]*)`).exec(environ)?.[2],
        ]),
      );
      expect(seen).toEqual(expectedSettings());
      expect(/(^|\0)NODE_OPTIONS=([^\0]*)/.exec(environ)?.[2]).toBe(YOUNG_GENERATION_OPTION);
      child.kill('SIGTERM');
      expect(await exit).toEqual({ code: 0, signal: null });
    });
  });
});
