// The Electron shell (src/main/index.ts) without the Electron binary: the shell is bundled with a
// stand-in `electron` module that records what it registers, then the recorded handlers are
// called for real — the media protocol against the fixture library, the app scheme against a
// renderer folder, IPC from a trusted and an untrusted frame — answered by the real engine. The
// binary itself is covered by test/e2e/electron.test.ts where it can be downloaded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleEntries, freshBuildDir } from '../../scripts/lib/bundle.js';
import { ipcChannels, schemes } from '../../src/shared/bridge';
import type { CallReply, TrackSummary } from '../../src/shared/contract';
import type { LibraryStats } from '../../src/shared/library';
import { fixtureLibrary, FIXTURES } from '../helpers/fixtures';
import { shellRecord, type StandInWindow } from './stand-in-electron';

const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<
  string,
  { error?: string; title?: string }
>;
const readable = Object.entries(expected).filter(([, e]) => !e.error);

type Invoke = (event: unknown, request: unknown) => Promise<CallReply<unknown>>;

const trustedEvent = { senderFrame: { url: `${schemes.app}://encore/index.html`, parent: null } };

describe('the Electron shell, wired to a stand-in electron module', () => {
  const shell = shellRecord();
  const buildDir = freshBuildDir('test-shell-');
  const rendererHtml = '<!doctype html><title>Encore stand-in renderer</title>';
  const { base, music } = fixtureLibrary({ prefix: 'encore-shell-lib-' });
  const previousDataDir = process.env.ENCORE_DATA_DIR;
  let win: StandInWindow;

  const invoke = (
    event: unknown,
    method: string,
    args: unknown = {},
  ): Promise<CallReply<unknown>> =>
    (shell.ipcHandlers.get(ipcChannels.invoke) as unknown as Invoke)(event, { method, args });
  const call = async <R>(method: string, args: unknown = {}): Promise<R> => {
    const reply = await invoke(trustedEvent, method, args);
    if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
    return reply.result as R;
  };

  beforeAll(async () => {
    // The shell resolves the renderer and the preload next to its own file: <build>/main/index.js.
    await bundleEntries({ index: 'src/main/index.ts' }, join(buildDir, 'main'), {
      plugins: [
        {
          name: 'electron-stand-in',
          setup(b) {
            b.onResolve({ filter: /^electron$/ }, () => ({
              path: join(import.meta.dirname, 'stand-in-electron.ts'),
            }));
          },
        },
      ],
    });
    mkdirSync(join(buildDir, 'renderer'));
    writeFileSync(join(buildDir, 'renderer/index.html'), rendererHtml);
    writeFileSync(join(buildDir, 'secret.txt'), 'outside the renderer');
    symlinkSync(join(buildDir, 'secret.txt'), join(buildDir, 'renderer/link.txt'));

    process.env.ENCORE_DATA_DIR = join(base, 'data');
    await import(pathToFileURL(join(buildDir, 'main/index.js')).href);
    // Loading the module must register the schemes; only then does the app become ready.
    // (protocol.handle and windows need a ready app: nothing else may happen before it.)
    expect(shell.privileged).toHaveLength(1);
    expect([shell.protocols.size, shell.ipcHandlers.size, shell.windows.length]).toEqual([0, 0, 0]);
    shell.makeReady();
    await shell.shown;
    win = shell.windows[0];
    // Analysis would start worker threads after the scan; this test is about the wiring.
    await call('settings.set', { patch: { analysisEnabled: false } });
  });

  afterAll(async () => {
    // Closing the last window closes the engine, then quits (as on Linux and Windows).
    for (const fn of shell.appListeners.get('window-all-closed') ?? []) (fn as () => void)();
    // (On macOS the shell keeps running with no window, as apps do there.)
    if (process.platform !== 'darwin' && shell.appListeners.has('window-all-closed'))
      await shell.quitted;
    if (previousDataDir === undefined) delete process.env.ENCORE_DATA_DIR;
    else process.env.ENCORE_DATA_DIR = previousDataDir;
    rmSync(buildDir, { recursive: true, force: true });
  });

  it('makes both schemes privileged before the app is ready, and handles both', () => {
    expect(shell.privileged[0].afterReady).toBe(false);
    expect(shell.privileged[0].schemes).toEqual([
      {
        scheme: schemes.app,
        privileges: { standard: true, secure: true, supportFetchAPI: true },
      },
      {
        scheme: schemes.media,
        privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true },
      },
    ]);
    expect([...shell.protocols.keys()].sort()).toEqual([schemes.app, schemes.media].sort());
    expect([...shell.ipcHandlers.keys()]).toEqual([ipcChannels.invoke]);
    expect([...shell.ipcListeners.keys()]).toEqual([ipcChannels.send]);
    expect(shell.exitCode).toBeNull();
  });

  it('opens one hardened window on the app scheme', () => {
    expect(shell.windows).toHaveLength(1);
    expect(win.loadedUrl).toBe(`${schemes.app}://encore/index.html`);
    expect(win.options.webPreferences).toMatchObject({
      preload: join(buildDir, 'preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('blocks navigation away from the app, new windows and permissions but notifications', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
    let openHandler: (() => unknown) | null = null;
    const contents = {
      on: (name: string, fn: (event: { preventDefault(): void }, url: string) => void) =>
        listeners.set(name, fn),
      setWindowOpenHandler: (fn: () => unknown) => (openHandler = fn),
    };
    for (const fn of shell.appListeners.get('web-contents-created') ?? [])
      (fn as (e: unknown, c: unknown) => void)({}, contents);
    const navigate = (url: string): boolean => {
      let prevented = false;
      listeners.get('will-navigate')?.({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    expect(navigate('https://example.com/')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate(`${schemes.app}://encore/index.html`)).toBe(false);
    expect(listeners.has('will-attach-webview')).toBe(true);
    expect((openHandler as unknown as () => unknown)()).toEqual({ action: 'deny' });

    const ask = (permission: string): boolean => {
      let granted: boolean | null = null;
      (shell.permissionRequest as unknown as (...a: unknown[]) => void)(
        {},
        permission,
        (g: boolean) => (granted = g),
      );
      return granted as unknown as boolean;
    };
    expect(ask('geolocation')).toBe(false);
    expect(ask('media')).toBe(false);
    expect(ask('notifications')).toBe(true);
  });

  it('sends menu commands to the window', () => {
    type Item = { label?: string; click?: () => void; submenu?: Item[] };
    const playback = (shell.menu as Item[]).find((m) => m.label === 'Playback');
    const next = playback?.submenu?.find((m) => m.label === 'Next');
    expect(next?.click).toBeTypeOf('function');
    next?.click?.();
    expect(win.sent.at(-1)).toEqual({
      channel: ipcChannels.event,
      payload: { event: 'app.command', payload: { command: 'next' } },
    });
  });

  it('answers IPC from the app frame with the real engine, and refuses other frames', async () => {
    await call('library.addRoot', { path: music });
    await call('library.scan');
    const stats = await call<LibraryStats>('library.stats');
    expect(stats.tracks).toBe(readable.length);
    expect(stats.errors).toBe(Object.keys(expected).length - readable.length);
    expect(stats.roots.map((r) => r.path)).toEqual([music]);
    // Engine events reach the window through the event channel.
    expect(win.sent.some((s) => s.channel === ipcChannels.event)).toBe(true);

    // Bad input: a clear error, nothing lost.
    const bad = await invoke(trustedEvent, 'library.track', { id: 'one' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });

    const web = { senderFrame: { url: 'https://example.com/', parent: null } };
    const iframe = { senderFrame: { url: trustedEvent.senderFrame.url, parent: {} } };
    for (const event of [web, iframe, { senderFrame: null }]) {
      expect(await invoke(event, 'library.stats')).toEqual({
        ok: false,
        error: { code: 'failed', message: 'untrusted sender' },
      });
    }
  });

  it('opens the native folder chooser for the app frame only (shell.chooseFolder)', async () => {
    shell.dialogAnswer = music;
    expect(await call<string | null>('shell.chooseFolder')).toBe(music);
    expect(shell.openDialogs.at(-1)).toEqual({ properties: ['openDirectory'] });
    shell.dialogAnswer = null;
    expect(await call<string | null>('shell.chooseFolder')).toBeNull();
    const opened = shell.openDialogs.length;
    const web = { senderFrame: { url: 'https://example.com/', parent: null } };
    expect(await invoke(web, 'shell.chooseFolder')).toMatchObject({ ok: false });
    expect(shell.openDialogs.length).toBe(opened);
  });

  it('shows a library track in the file manager by its id only (shell.showTrackInFolder)', async () => {
    const tracks = await call<TrackSummary[]>('library.tracks');
    const track = tracks.find((t) => t.title === 'Dry Creek') as TrackSummary;
    const full = await call<{ path: string }>('library.track', { id: track.id });
    expect(await call<boolean>('shell.showTrackInFolder', { id: track.id })).toBe(true);
    expect(shell.shownInFolder).toEqual([full.path]);
    // An unknown track, a path instead of an id, and the web: nothing is shown.
    expect(await call<boolean>('shell.showTrackInFolder', { id: 999_999 })).toBe(false);
    expect(
      await invoke(trustedEvent, 'shell.showTrackInFolder', { path: full.path }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-payload' } });
    const web = { senderFrame: { url: 'https://example.com/', parent: null } };
    expect(await invoke(web, 'shell.showTrackInFolder', { id: track.id })).toMatchObject({
      ok: false,
    });
    expect(shell.shownInFolder).toEqual([full.path]);
  });

  it('streams a track by id with Range requests, and 404s an unknown id', async () => {
    const tracks = await call<TrackSummary[]>('library.tracks');
    const [file, entry] = readable.find(([f]) => f.endsWith('01 - Dry Creek.flac')) as [
      string,
      { title: string },
    ];
    const track = tracks.find((t) => t.title === entry.title) as TrackSummary;
    const bytes = readFileSync(join(music, file));
    const media = shell.protocols.get(schemes.media) as (r: Request) => Promise<Response>;

    const ranged = await media(
      new Request(`${schemes.media}://track/${track.id}`, { headers: { Range: 'bytes=100-1099' } }),
    );
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 100-1099/${bytes.length}`);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(100, 1100))).toBe(true);

    const whole = await media(new Request(`${schemes.media}://track/${track.id}`));
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);

    expect((await media(new Request(`${schemes.media}://track/999999`))).status).toBe(404);
    expect((await media(new Request(`${schemes.media}://elsewhere/${track.id}`))).status).toBe(404);
  });

  it('serves the renderer from the app scheme and nothing outside its folder', async () => {
    const appFiles = shell.protocols.get(schemes.app) as (r: Request) => Promise<Response>;
    const page = await appFiles(new Request(`${schemes.app}://encore/index.html`));
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(rendererHtml);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");

    for (const path of ['/..%2Fsecret.txt', '/%2e%2e%2fsecret.txt', '/link.txt', '/missing.js']) {
      const refused = await appFiles(new Request(`${schemes.app}://encore${path}`));
      expect(refused.status, path).toBe(404);
      expect(await refused.text(), path).not.toContain('outside the renderer');
    }
  });

  it('uses the data folder it was given', () => {
    expect(readFileSync(join(base, 'data', 'encore.db')).length).toBeGreaterThan(0);
  });
});
