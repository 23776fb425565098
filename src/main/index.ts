/**
 * The Electron shell — the one file (with ipc/electron.ts) that knows Electron. Single instance;
 * one hardened window (context isolation, sandbox, no Node, strict CSP, no navigation, no new
 * windows, no permissions) whose bounds are remembered; the renderer from the encore-app:
 * scheme (not file://); audio and covers from encore-media: by track id through the shared,
 * Range-aware media responder. The engine is built by createEngine exactly as the CLI builds it.
 */
import {
  app,
  BrowserWindow,
  Menu,
  protocol,
  screen,
  session,
  type MenuItemConstructorOptions,
} from 'electron';
import { join } from 'node:path';
import { createEngine, type Engine } from './engine';
import { createLogger } from './log';
import { schemes } from '../shared/bridge';
import { registerIpc, sendCommand } from './ipc/electron';
import { MediaResponder, toWebResponse } from './media/responder';
import { serveAppFile } from './host/app-files';
import { musicFolder } from './host/host-info';
import type { WindowBounds } from './store/app-state';

const log = createLogger('shell');
const rendererDir = join(import.meta.dirname, '../renderer');
const appUrl = `${schemes.app}://encore/index.html`;

// Before ready: the renderer's scheme is a secure standard origin; the media scheme may stream
// (seeking in audio) and be fetched. Neither bypasses the CSP.
protocol.registerSchemesAsPrivileged([
  { scheme: schemes.app, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  {
    scheme: schemes.media,
    privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true },
  },
]);

function registerProtocols(engine: Engine): void {
  const media = new MediaResponder(engine.store, engine.config.dataDir);
  protocol.handle(schemes.media, async (request) => {
    const url = new URL(request.url);
    const req = { method: request.method, range: request.headers.get('range') };
    const id = url.pathname.slice(1);
    const reply =
      url.host === 'track'
        ? await media.track(req, id)
        : url.host === 'cover'
          ? await media.cover(req, id)
          : null;
    return reply ? toWebResponse(reply) : new Response('not found', { status: 404 });
  });
  protocol.handle(schemes.app, (request) =>
    serveAppFile(rendererDir, new URL(request.url).pathname),
  );
}

/** Blocks navigation away from the app, new windows, webviews and every permission request. */
function harden(): void {
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!url.startsWith(`${schemes.app}://encore/`)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(permission === 'notifications'),
  );
  session.defaultSession.setPermissionCheckHandler(
    (_wc, permission) => permission === 'notifications',
  );
}

/** Saved bounds, if they still fit on a connected display. */
function visibleBounds(saved: WindowBounds | null): WindowBounds | null {
  if (!saved) return null;
  const area = screen.getDisplayMatching(saved).workArea;
  const fits = saved.x >= area.x - 50 && saved.y >= area.y - 50 && saved.width <= area.width + 100;
  return fits ? saved : null;
}

async function createWindow(engine: Engine): Promise<BrowserWindow> {
  const saved = visibleBounds(await engine.store.appState.windowBounds());
  const win = new BrowserWindow({
    width: saved?.width ?? 1280,
    height: saved?.height ?? 820,
    x: saved?.x,
    y: saved?.y,
    minWidth: 900,
    minHeight: 560,
    show: false,
    backgroundColor: '#15161a',
    title: 'Encore',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  let timer: NodeJS.Timeout | undefined;
  const remember = (): void => {
    clearTimeout(timer);
    // Moves and resizes come in bursts; save once they settle.
    timer = setTimeout(() => {
      if (win.isDestroyed()) return;
      const b = win.getNormalBounds();
      void engine.store.appState.saveWindowBounds({ ...b, maximized: win.isMaximized() });
    }, 500);
  };
  win.on('resize', remember);
  win.on('move', remember);
  win.on('close', () => {
    clearTimeout(timer);
    void engine.store.appState.saveWindowBounds({
      ...win.getNormalBounds(),
      maximized: win.isMaximized(),
    });
  });
  await win.loadURL(appUrl);
  return win;
}

function buildMenu(getWindow: () => BrowserWindow | null): void {
  const command = (c: Parameters<typeof sendCommand>[1]) => (): void => {
    const win = getWindow();
    if (win) sendCommand(win, c);
  };
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'Playback',
      submenu: [
        // Space is handled by the page (a menu accelerator would steal it from text fields).
        { label: 'Play / Pause', click: command('toggle') },
        { label: 'Next', accelerator: 'CmdOrCtrl+Right', click: command('next') },
        { label: 'Previous', accelerator: 'CmdOrCtrl+Left', click: command('previous') },
        { type: 'separator' },
        { label: 'Search', accelerator: 'CmdOrCtrl+F', click: command('search') },
        { label: 'Queue', accelerator: 'CmdOrCtrl+U', click: command('queue') },
        { label: 'Lyrics', accelerator: 'CmdOrCtrl+L', click: command('lyrics') },
        { label: 'Settings', accelerator: 'CmdOrCtrl+,', click: command('settings') },
      ],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  harden();
  // ENCORE_DATA_DIR: a portable install, or a test's own folder.
  const engine = await createEngine({
    dataDir: process.env.ENCORE_DATA_DIR || app.getPath('userData'),
  });
  registerProtocols(engine);
  registerIpc(engine, {
    version: app.getVersion(),
    platform: process.platform,
    osLanguage: app.getPreferredSystemLanguages()[0] ?? app.getLocale(),
    musicFolder: safeMusicFolder(),
  });
  let win: BrowserWindow | null = await createWindow(engine);
  buildMenu(() => win);
  void engine.library.watch().catch((err: unknown) => log.warn('library watch failed', err));
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  app.on('activate', () => {
    if (!win) void createWindow(engine).then((w) => (win = w));
  });
  app.on('window-all-closed', () => {
    win = null;
    if (process.platform !== 'darwin') void engine.close().finally(() => app.quit());
  });
}

function safeMusicFolder(): string | null {
  try {
    return app.getPath('music');
  } catch {
    return musicFolder();
  }
}

start().catch((err: unknown) => {
  log.error('Encore failed to start', err);
  app.exit(1);
});
