#!/usr/bin/env node
/**
 * `npm start`: opens Encore as a desktop app from a fresh clone. electron-vite preview cannot:
 * Electron 45 fetches its binary only on first require('electron'), and electron-vite reads
 * node_modules/electron/path.txt without ever triggering that ("Electron uninstall").
 *
 * 1. The Electron binary: if missing, downloaded through Electron's own path (@electron/get, with
 *    the arguments node_modules/electron/install.js uses, so ELECTRON_MIRROR, electron_config_cache,
 *    the bundled checksums and electron_use_remote_checksums all apply), with a one-line progress
 *    display; then Electron's install.js unpacks it from the cache and writes path.txt.
 * 2. The build: `electron-vite build` when out/ is missing or older than the sources.
 * 3. Electron with the project folder, as electron-vite preview launches it (package.json "main"
 *    names out/main/index.js; the folder, not the file, so the app keeps its name and data folder),
 *    on Linux with glibc with Encore's malloc settings in its environment (bin/malloc-settings.js).
 *
 * Every failure ends in one sentence saying what failed and what to do, and a non-zero exit.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { missingMallocSettings } from '../bin/malloc-settings.js';

const root = resolve(import.meta.dirname, '..');
const serveHint = 'run `npx encore serve` to open Encore in your browser';

class StartError extends Error {}

/** The installed electron package: its folder and version. */
function electronPackage() {
  try {
    const file = createRequire(join(root, 'package.json')).resolve('electron/package.json');
    return { dir: dirname(file), version: JSON.parse(readFileSync(file, 'utf8')).version };
  } catch {
    throw new StartError('Encore could not find the electron package; run `npm install` first.');
  }
}

// The platform and arch install.js downloads for (the same environment variables).
const platform =
  process.env.ELECTRON_INSTALL_PLATFORM || process.env.npm_config_platform || process.platform;
const arch = process.env.ELECTRON_INSTALL_ARCH || process.env.npm_config_arch || process.arch;

/** The executable's path inside dist/, as install.js writes it to path.txt. */
function platformPath() {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/** The Electron executable if it is installed (the check install.js makes), else null. */
function installedBinary(electron) {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const exe = join(override, platformPath());
    if (existsSync(exe)) return exe;
    throw new StartError(
      `Encore found no Electron at ELECTRON_OVERRIDE_DIST_PATH (${exe}); fix or unset it, or ${serveHint}.`,
    );
  }
  const read = (file) => {
    try {
      return readFileSync(join(electron.dir, file), 'utf8');
    } catch {
      return null;
    }
  };
  if (read('dist/version')?.trim().replace(/^v/, '') !== electron.version) return null;
  if (read('path.txt') !== platformPath()) return null;
  const exe = join(electron.dir, 'dist', platformPath());
  return existsSync(exe) ? exe : null;
}

/** One line, rewritten in place on a terminal; elsewhere only the start and the end. */
function progressLine(label) {
  const tty = process.stderr.isTTY;
  let shown = -1;
  process.stderr.write(tty ? label : `${label}…\n`);
  return {
    update({ transferred, total }) {
      if (!tty) return;
      const percent = total ? Math.floor((transferred / total) * 100) : -1;
      if (percent === shown) return;
      shown = percent;
      const mb = (n) => (n / 1e6).toFixed(0);
      const text = total ? `${percent}% of ${mb(total)} MB` : `${mb(transferred)} MB`;
      process.stderr.write(`\r${label}: ${text}\x1b[K`);
    },
    done(text) {
      process.stderr.write(tty ? `\r${label}: ${text}\x1b[K\n` : `${label}: ${text}\n`);
    },
    /** On a terminal the line is cleared, so the sentence that follows is all that is left. */
    abandon() {
      if (tty) process.stderr.write('\r\x1b[K');
    },
  };
}

const networkErrors = {
  ENOTFOUND: 'the server name could not be resolved',
  EAI_AGAIN: 'the server name could not be resolved',
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
};

/** Why a download failed, in a few words (the network error, the HTTP status, the checksum). */
function downloadReason(err) {
  const code = err?.cause?.code ?? err?.code;
  if (typeof code === 'string') return `${networkErrors[code] ?? 'network error'}: ${code}`;
  if (err?.name === 'HTTPError' && err.response)
    return `the server answered ${err.response.status}`;
  if (/checksum/i.test(err?.name ?? '') || /checksum/i.test(err?.message ?? ''))
    return 'the download did not match its checksum';
  const message = String(err?.cause?.message ?? err?.message ?? err);
  return message.split('\n')[0];
}

async function downloadElectron(electron) {
  const require = createRequire(join(electron.dir, 'install.js'));
  const getEntry = require.resolve('@electron/get'); // <package>/dist/index.js
  const { downloadArtifact } = await import(pathToFileURL(getEntry).href);
  // Wrap the default downloader only to know which address failed (a mirror, or GitHub).
  let url = null;
  const fetcher = await import(pathToFileURL(join(dirname(getEntry), 'FetchDownloader.js')).href)
    .then((m) => new m.FetchDownloader())
    .catch(() => null);
  const downloader = fetcher && {
    download: (from, to, options) => {
      url = from;
      return fetcher.download(from, to, options);
    },
  };
  const progress = progressLine(`Downloading Electron ${electron.version} (${platform}-${arch})`);
  try {
    await downloadArtifact({
      version: electron.version,
      artifactName: 'electron',
      platform,
      arch,
      force: process.env.force_no_cache === 'true',
      cacheRoot: process.env.electron_config_cache,
      checksums:
        process.env.electron_use_remote_checksums ||
        process.env.npm_config_electron_use_remote_checksums
          ? undefined
          : JSON.parse(readFileSync(join(electron.dir, 'checksums.json'), 'utf8')),
      downloader: downloader || undefined,
      downloadOptions: { quiet: true, getProgressCallback: (p) => progress.update(p) },
    });
  } catch (err) {
    progress.abandon();
    const from = url ? ` from ${new URL(url).host}` : '';
    throw new StartError(
      `Encore could not download Electron ${electron.version}${from} (${downloadReason(err)}); ` +
        `check your connection (or ELECTRON_MIRROR), or ${serveHint}.`,
    );
  }
  progress.done('done');
  // Electron's own installer unpacks the archive from the cache and writes path.txt.
  const unpack = spawnSync(process.execPath, [join(electron.dir, 'install.js')], {
    cwd: electron.dir,
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  const exe = unpack.status === 0 ? installedBinary(electron) : null;
  if (!exe) {
    const why = (unpack.stderr || '').trim().split('\n')[0] || `exit code ${unpack.status}`;
    throw new StartError(
      `Encore downloaded Electron but could not unpack it into ${electron.dir} (${why}); ` +
        `delete that folder and run \`npm install\` again, or ${serveHint}.`,
    );
  }
  return exe;
}

/** Newest modification time of the files under `path` (0 if it does not exist). */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newest(join(path, name))), 0);
}

/** The built files the window needs; older than any source (or missing) means rebuild. */
function buildIfStale() {
  const outputs = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
  const built = Math.min(...outputs.map((f) => newest(join(root, f)) || -1));
  const sources = ['src', 'electron.vite.config.ts', 'package.json'];
  const changed = Math.max(...sources.map((f) => newest(join(root, f))));
  if (built > 0 && built >= changed) return;
  if (!existsSync(join(root, 'src')))
    throw new StartError('Encore is not built and has no sources here; run `npm run build`.');
  process.stderr.write(built > 0 ? 'Rebuilding Encore (sources changed)…\n' : 'Building Encore…\n');
  let bin;
  try {
    bin = createRequire(join(root, 'package.json')).resolve('electron-vite/bin/electron-vite.js');
  } catch {
    throw new StartError('Encore could not find electron-vite; run `npm install` first.');
  }
  const result = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0)
    throw new StartError('Encore could not be built (see the errors above); fix them and retry.');
}

function launch(exe) {
  // On Linux with glibc, Electron's main process (the engine) runs with Encore's malloc settings.
  const env = { ...process.env, ...missingMallocSettings(process.env) };
  // Inherited from a shell that runs Electron as Node, the window would never open.
  delete env.ELECTRON_RUN_AS_NODE;
  const args = [root, ...process.argv.slice(2)];
  if (process.env.NO_SANDBOX === '1') args.push('--no-sandbox');
  const child = spawn(exe, args, { stdio: 'inherit', env, windowsHide: false });
  child.on('error', (err) => {
    console.error(
      `Encore could not start Electron at ${exe} (${err.code ?? err.message}); ` +
        `delete node_modules/electron and run \`npm install\` again, or ${serveHint}.`,
    );
    process.exit(1);
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

async function main() {
  const electron = electronPackage();
  const exe = installedBinary(electron) ?? (await downloadElectron(electron));
  buildIfStale();
  launch(exe);
}

main().catch((err) => {
  // Anything unforeseen still ends in one sentence, never a stack trace.
  const message =
    err instanceof StartError
      ? err.message
      : `Encore could not start (${String(err?.message ?? err).split('\n')[0]}); ${serveHint}.`;
  console.error(message);
  process.exit(1);
});
