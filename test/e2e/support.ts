/**
 * End-to-end support: builds the renderer once per source version into a temp folder (never
 * out/, which other builds use), starts the browser host on a real engine, and launches the
 * system Chromium through playwright-core — all three at once with startBrowserHost().
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { EngineConfig } from '../../src/main/config';
import { createEngine, type Engine } from '../../src/main/engine';
import { startHost, type RunningHost } from '../../src/main/host/server';
import { describeOrSkip } from '../helpers/skip';

/** The repository root: the nearest folder above this file holding src/renderer (also when bundled). */
function findRepo(): string {
  let dir = import.meta.dirname;
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'src/renderer/index.html'))) return dir;
    dir = resolve(dir, '..');
  }
  return resolve(import.meta.dirname, '../..');
}
const repo = findRepo();
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** A hash of everything the renderer build reads: rebuild only when it changes. */
function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of [
    ...filesUnder(join(repo, 'src/renderer')),
    ...filesUnder(join(repo, 'src/shared')),
  ].sort()) {
    hash.update(file).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

/** Builds src/renderer with Vite into /tmp/encore-e2e-renderer-<hash> (reused while unchanged). */
export async function buildRenderer(): Promise<string> {
  const outDir = join(tmpdir(), `encore-e2e-renderer-prod-${sourceHash()}`);
  if (existsSync(join(outDir, 'index.html'))) return outDir;
  const { build } = await import('vite');
  const react = (await import('@vitejs/plugin-react')).default;
  const staging = `${outDir}.${process.pid}`;
  // A production build (React's production runtime) even under vitest, whose NODE_ENV is 'test'.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  await build({
    mode: 'production',
    root: join(repo, 'src/renderer'),
    configFile: false,
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir: staging, emptyOutDir: true, sourcemap: false },
  }).finally(() => {
    process.env.NODE_ENV = env;
  });
  mkdirSync(outDir, { recursive: true });
  rmSync(outDir, { recursive: true, force: true });
  renameSync(staging, outDir);
  return outDir;
}

export function chromiumAvailable(): boolean {
  return existsSync(chromiumPath) && statSync(chromiumPath).isFile();
}

/** `describe` for a browser suite: skipped, saying why, where the system Chromium is missing. */
export const describeWithChromium = describeOrSkip(
  chromiumAvailable() ? null : `no Chromium at ${chromiumPath} (apt-get install chromium)`,
);

/** The system Chromium, headless, with a fresh profile (`profileDir`) and no background traffic. */
export async function launchChromium(profileDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

/** Where screenshots go: test-results/ at the repository root. */
export function screenshotPath(name: string): string {
  const dir = join(repo, 'test-results');
  mkdirSync(dir, { recursive: true });
  return join(dir, `${name}.png`);
}

export interface BrowserHostOptions {
  /** Names the temp folders (encore-NAME-data-…, encore-NAME-profile-…). */
  name: string;
  /** Engine settings beyond its data folder and one analysis worker (e.g. background: false). */
  engine?: Partial<EngineConfig>;
  /** A music folder to add and scan before the page opens. */
  library?: string;
  /** Runs on the engine before the host starts (e.g. pointing it at a stand-in model hub). */
  prepare?: (engine: Engine) => Promise<void>;
}

/** A real engine behind `encore serve`'s host, and a Chromium page (not yet navigated). */
export interface BrowserHost {
  engine: Engine;
  host: RunningHost;
  browser: BrowserContext;
  page: Page;
  /** Uncaught errors of the page, in order. */
  pageErrors: string[];
  /** Closes the browser, the host and the engine, and removes the temp folders. */
  close: () => Promise<void>;
}

/** Builds the renderer, opens an engine, starts the browser host on it and opens a page. */
export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const dirs = ['data', 'profile'].map((kind) =>
    mkdtempSync(join(tmpdir(), `encore-${opts.name}-${kind}-`)),
  );
  const [dataDir, profileDir] = dirs as [string, string];
  const rendererDir = await buildRenderer();
  const engine = await createEngine({ workers: 1, ...opts.engine, dataDir });
  if (opts.library) {
    await engine.library.addRoot(opts.library);
    await engine.library.scan();
  }
  await opts.prepare?.(engine);
  const host = await startHost({
    engine,
    rendererDir,
    info: { version: 'e2e', platform: process.platform, osLanguage: 'en-US', musicFolder: null },
  });
  const browser = await launchChromium(profileDir);
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  return {
    engine,
    host,
    browser,
    page,
    pageErrors,
    close: async () => {
      await browser.close();
      await host.close();
      await engine.close();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}
