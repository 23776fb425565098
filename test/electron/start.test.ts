// `npm start` (scripts/start.js) on a fresh copy of the project with no Electron binary: it fetches
// a stand-in release from a local mirror (a 127.0.0.1 server with its own SHASUMS256.txt) through
// Electron's own download path, unpacks it with Electron's install.js, and launches it with the
// project folder; with the mirror unreachable it ends in one sentence. The real binary cannot be
// downloaded here, and this is what the launcher does with it.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { describeOrSkip } from '../helpers/skip';
import { tempDir } from '../helpers/temp';
import { executablePath, standInRelease, type LaunchRecord } from './stand-in-archive';
import { MALLOC_SETTINGS, usesGlibc } from '../../bin/malloc-settings.js';

const repo = resolve(import.meta.dirname, '../..');
const realElectron = dirname(
  createRequire(join(repo, 'package.json')).resolve('electron/package.json'),
);
const version = readPackage(realElectron).version as string;

/** The folder of a package electron's installer loads (found from its entry file upwards). */
function packageDir(name: string): string {
  let dir = dirname(createRequire(join(realElectron, 'install.js')).resolve(name));
  while (!existsSync(join(dir, 'package.json')) || readPackage(dir).name !== name) {
    if (dirname(dir) === dir) throw new Error(`no package folder for ${name}`);
    dir = dirname(dir);
  }
  return realpathSync(dir);
}

function readPackage(dir: string): { name?: string; version?: string; main?: string } {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    name?: string;
    version?: string;
    main?: string;
  };
}

/**
 * A fresh copy of what `npm start` needs: package.json, the launcher, a built out/ (stand-in
 * files: the stand-in Electron never reads them), and node_modules with its own copy of the
 * electron package (no binary) and links to the two packages its installer loads.
 */
function freshProject(): string {
  const dir = realpathSync(tempDir('encore-start-'));
  copyFileSync(join(repo, 'package.json'), join(dir, 'package.json'));
  mkdirSync(join(dir, 'scripts'));
  copyFileSync(join(repo, 'scripts/start.js'), join(dir, 'scripts/start.js'));
  mkdirSync(join(dir, 'bin'));
  copyFileSync(join(repo, 'bin/malloc-settings.js'), join(dir, 'bin/malloc-settings.js'));
  for (const file of ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), '// built\n');
  }
  const electron = join(dir, 'node_modules/electron');
  cpSync(realElectron, electron, {
    recursive: true,
    filter: (src) => !/[/\\](dist|node_modules|path\.txt|electron\.d\.ts)$/.test(src),
  });
  for (const name of ['@electron/get', '@electron-internal/extract-zip']) {
    mkdirSync(dirname(join(dir, 'node_modules', name)), { recursive: true });
    symlinkSync(packageDir(name), join(dir, 'node_modules', name), 'dir');
  }
  return dir;
}

/** The environment of a user with no Electron settings, pointed at `mirror`. */
function startEnv(mirror: string, cache: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^(npm_|electron_|force_no_cache|MALLOC_)/i.test(key)) env[key] = value;
  return {
    ...env,
    ELECTRON_MIRROR: mirror,
    electron_config_cache: cache,
    // The stand-in's checksum is in the mirror's SHASUMS256.txt, not in electron's checksums.json.
    electron_use_remote_checksums: '1',
    // Set by a shell that runs Electron as Node; the launcher must not pass it on.
    ELECTRON_RUN_AS_NODE: '1',
    ENCORE_START_TEST: 'passed through',
  };
}

function runStart(
  project: string,
  env: NodeJS.ProcessEnv,
  args: string[] = [],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(project, 'scripts/start.js'), ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** A mirror laid out as GitHub releases are: <base>/v<version>/<file>. */
function serveMirror(files: Record<string, Buffer | string>, requests: string[]): Promise<Server> {
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const body = files[req.url ?? ''];
    if (body === undefined) return res.writeHead(404).end('not found');
    res.writeHead(200, { 'Content-Length': Buffer.byteLength(body) }).end(body);
  });
  return new Promise((ready) => server.listen(0, '127.0.0.1', () => ready(server)));
}

const baseUrl = (server: Server): string =>
  `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

const run = describeOrSkip(
  process.platform === 'win32' ? 'the stand-in Electron is a script, not an .exe' : null,
);

run('npm start on a fresh copy without the Electron binary', () => {
  const work = tempDir('encore-start-work-');
  const record = join(work, 'launch.json');
  const release = standInRelease(version, record);
  const requests: string[] = [];
  let server: Server;

  beforeAll(async () => {
    server = await serveMirror(
      {
        [`/v${version}/${release.fileName}`]: release.zip,
        [`/v${version}/SHASUMS256.txt`]: release.shasums,
      },
      requests,
    );
  });
  afterAll(() => new Promise<void>((done) => server?.close(() => done())));

  it('downloads the binary from the mirror, unpacks it and launches it with the app', async () => {
    const project = freshProject();
    const env = startEnv(baseUrl(server), join(work, 'cache'));
    const first = await runStart(project, env, ['--from-test']);
    expect(first.stderr).not.toMatch(/\n\s+at /);
    expect(first.code).toBe(0);
    expect(first.stderr).toContain(`Downloading Electron ${version}`);
    expect(requests).toContain(`/v${version}/${release.fileName}`);
    expect(requests).toContain(`/v${version}/SHASUMS256.txt`);

    // Unpacked where Electron itself looks for it.
    const electron = join(project, 'node_modules/electron');
    expect(readFileSync(join(electron, 'path.txt'), 'utf8')).toBe(executablePath());
    expect(existsSync(join(electron, 'dist', executablePath()))).toBe(true);

    // Launched with the project folder, whose package.json names the built main file.
    const launched = JSON.parse(readFileSync(record, 'utf8')) as LaunchRecord;
    expect(launched.argv).toEqual([project, '--from-test']);
    const main = readPackage(project).main as string;
    expect(main).toBe('out/main/index.js');
    expect(existsSync(join(launched.argv[0], main))).toBe(true);
    expect(launched.env.ENCORE_START_TEST).toBe('passed through');
    expect(launched.env.ELECTRON_RUN_AS_NODE).toBeUndefined();
    // On Linux with glibc, Electron starts with Encore's malloc settings (glibc reads them at start).
    for (const [key, value] of Object.entries(MALLOC_SETTINGS))
      expect(launched.env[key]).toBe(usesGlibc() ? value : undefined);

    // The second start uses the installed binary: no download, straight to the window.
    const before = requests.length;
    writeFileSync(record, '');
    const second = await runStart(project, env);
    expect(second.code).toBe(0);
    expect(requests.length).toBe(before);
    expect(second.stderr).not.toContain('Downloading');
    expect((JSON.parse(readFileSync(record, 'utf8')) as LaunchRecord).argv).toEqual([project]);
  });

  it('rebuilds when a source is newer than out/, and never launches a stale build', async () => {
    const project = freshProject();
    mkdirSync(join(project, 'src/main'), { recursive: true });
    writeFileSync(join(project, 'src/main/index.ts'), '// changed after the build\n');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(project, 'src/main/index.ts'), later, later);
    const staleRecord = join(work, 'stale.json');
    const stale = standInRelease(version, staleRecord);
    const staleMirror = await serveMirror(
      {
        [`/v${version}/${stale.fileName}`]: stale.zip,
        [`/v${version}/SHASUMS256.txt`]: stale.shasums,
      },
      [],
    );
    try {
      // This copy has no electron-vite to build with: the launcher must say so, not launch.
      const result = await runStart(project, startEnv(baseUrl(staleMirror), join(work, 'c-stale')));
      expect(result.code).not.toBe(0);
      expect(result.stderr).toContain('Rebuilding Encore (sources changed)');
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stderr.trim().split('\n').at(-1)).toBe(
        'Encore could not find electron-vite; run `npm install` first.',
      );
      expect(existsSync(staleRecord)).toBe(false);
    } finally {
      await new Promise<void>((done) => staleMirror.close(() => done()));
    }
  });

  it('ends in one clear sentence when the mirror is unreachable', async () => {
    const closed = createServer();
    await new Promise<void>((ready) => closed.listen(0, '127.0.0.1', () => ready()));
    const url = baseUrl(closed);
    await new Promise<void>((done) => closed.close(() => done()));
    const project = freshProject();
    const offlineRecord = join(work, 'offline.json');
    const result = await runStart(project, startEnv(url, join(work, 'cache-offline')));
    expect(result.code).not.toBe(0);
    expect(result.stderr).not.toMatch(/\n\s+at |Error:/);
    const lines = result.stderr.trim().split('\n');
    expect(lines.at(-1)).toMatch(
      new RegExp(
        `^Encore could not download Electron ${version.replace(/\./g, '\\.')} from ` +
          `127\\.0\\.0\\.1:\\d+ \\(the connection was refused: ECONNREFUSED\\); ` +
          'check your connection .*, or run `npx encore serve` to open Encore in your browser\\.$',
      ),
    );
    expect(existsSync(join(project, 'node_modules/electron/path.txt'))).toBe(false);
    expect(existsSync(offlineRecord)).toBe(false);
  });

  it('refuses an archive that does not match the mirror checksum', async () => {
    const project = freshProject();
    const wrong = standInRelease(version, join(work, 'tampered.json'));
    const tamperedRequests: string[] = [];
    const tampered = await serveMirror(
      {
        [`/v${version}/${wrong.fileName}`]: Buffer.concat([wrong.zip, Buffer.from('x')]),
        [`/v${version}/SHASUMS256.txt`]: wrong.shasums,
      },
      tamperedRequests,
    );
    try {
      const result = await runStart(
        project,
        startEnv(baseUrl(tampered), join(work, 'cache-tampered')),
      );
      expect(result.code).not.toBe(0);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stderr.trim().split('\n').at(-1)).toMatch(
        /^Encore could not download Electron .* \(the download did not match its checksum\); /,
      );
      expect(existsSync(join(work, 'tampered.json'))).toBe(false);
      expect(existsSync(join(project, 'node_modules/electron/path.txt'))).toBe(false);
    } finally {
      await new Promise<void>((done) => tampered.close(() => done()));
    }
  });
});
