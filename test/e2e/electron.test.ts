// The same scenario in the desktop app, through Playwright's Electron launcher: first run, scan,
// library, play with the media protocol, synced lyrics. Needs the Electron binary, which is
// downloaded from outside the package registry; without it the suite is skipped and says why.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { describeOrSkip } from '../helpers/skip';
import { tempDir } from '../helpers/temp';
import { screenshotPath } from './support';

const repo = resolve(import.meta.dirname, '../..');

/**
 * The installed Electron binary, found as Electron's own index.js finds it (path.txt under dist/,
 * or under ELECTRON_OVERRIDE_DIST_PATH), without require('electron'): that starts a download when
 * the binary is missing.
 */
function electronBinary(): string | null {
  try {
    const pkg = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(pkg, 'path.txt');
    const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : null;
    const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
    const exe = override ? join(override, name ?? 'electron') : name && join(pkg, 'dist', name);
    return exe && existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const looked = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? 'node_modules/electron/dist';
const run = describeOrSkip(
  binary
    ? null
    : `no Electron binary in ${looked} (it is downloaded from GitHub, not the package ` +
        'registry); with network access, `npm start` fetches it',
);

run('the desktop app (Electron)', () => {
  let app: ElectronApplication;
  let page: Page;
  const library = join(tempDir('encore-electron-lib-'), 'Music');

  beforeAll(async () => {
    cpSync(resolve(repo, 'test/fixtures/library'), library, { recursive: true });
    // The app runs the built out/; build it under the shared lock (other builds use out/ too).
    execFileSync('flock', ['/tmp/encore-build.lock', 'npm', 'run', 'build'], {
      cwd: repo,
      stdio: 'ignore',
    });
    app = await electron.launch({
      executablePath: binary as string,
      args: [join(repo, 'out/main/index.js')],
      env: { ...process.env, ENCORE_DATA_DIR: tempDir('encore-electron-data-') },
    });
    page = await app.firstWindow();
  }, 300_000);

  afterAll(async () => {
    await app?.close();
  });

  it('scans from the first-run screen, plays through the media protocol and shows lyrics', async () => {
    await page.getByRole('heading', { name: 'Your library is empty.' }).waitFor();
    await page.getByLabel('Folder path').fill(library);
    await page.getByRole('button', { name: 'Add folder' }).click();
    await page.getByRole('gridcell', { name: 'Polar Night' }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: screenshotPath('electron-01-library') });
    await page.getByRole('gridcell', { name: 'Polar Night' }).dblclick();
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    expect(page.url()).toMatch(/^encore-app:\/\/encore\//);
    await page.getByRole('navigation').getByRole('button', { name: 'Lyrics' }).click();
    await page.getByText('Polar night, no morning').waitFor();
    await page.screenshot({ path: screenshotPath('electron-02-lyrics') });
  });

  it('keeps Node out of the page', async () => {
    expect(await page.evaluate('typeof require')).toBe('undefined');
    expect(await page.evaluate('typeof process')).toBe('undefined');
    expect(await page.evaluate('typeof window.encore.invoke')).toBe('function');
  });
});
