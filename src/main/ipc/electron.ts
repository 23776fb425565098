/**
 * The Electron transport of the contract: the only main-process file that touches ipcMain. One
 * invoke channel and one send channel, each checking that the sender is the top frame of our own
 * app page before the payload is validated and dispatched; engine events go to every window.
 */
import { BrowserWindow, dialog, ipcMain, shell, type WebFrameMain } from 'electron';
import { ipcChannels, schemes } from '../../shared/bridge';
import type { AppCommand } from '../../shared/contract';
import type { Engine } from '../engine';
import { createLogger } from '../log';
import { deliver, dispatch, type ShellHandlers } from './dispatch';
import { createHandlers, createMessageHandlers, type HostInfo } from './handlers';

const log = createLogger('ipc');

/** True for the top frame of a page loaded from the app scheme (not an iframe, not the web). */
export function trustedFrame(frame: WebFrameMain | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    return new URL(frame.url).protocol === `${schemes.app}:`;
  } catch {
    return false;
  }
}

/**
 * The shell-only methods: native dialogs and the file manager, which only the desktop app can
 * open. A file is shown by track id, never by a path from the page: only library files.
 */
export function createShellHandlers(engine: Engine): ShellHandlers {
  return {
    'shell.chooseFolder': async () => {
      const options = { properties: ['openDirectory' as const] };
      const win = BrowserWindow.getFocusedWindow();
      const picked = win
        ? await dialog.showOpenDialog(win, options)
        : await dialog.showOpenDialog(options);
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
    'shell.showTrackInFolder': async ({ id }) => {
      const track = await engine.store.tracks.get(id);
      if (!track) return false;
      shell.showItemInFolder(track.path);
      return true;
    },
  };
}

/**
 * Registers the contract's handlers, and the shell-only ones (native dialogs) that only this
 * transport offers; returns the function that removes them.
 */
export function registerIpc(
  engine: Engine,
  info: HostInfo,
  shell: ShellHandlers = createShellHandlers(engine),
): () => void {
  const handlers = createHandlers(engine, info);
  const messageHandlers = createMessageHandlers(engine);
  ipcMain.handle(
    ipcChannels.invoke,
    async (event, request: { method?: unknown; args?: unknown } | undefined) => {
      if (!trustedFrame(event.senderFrame)) {
        log.warn('call from an untrusted frame refused');
        return { ok: false, error: { code: 'failed', message: 'untrusted sender' } };
      }
      return dispatch(handlers, request?.method, request?.args, shell);
    },
  );
  ipcMain.on(
    ipcChannels.send,
    (event, request: { message?: unknown; args?: unknown } | undefined) => {
      if (!trustedFrame(event.senderFrame))
        return log.warn('message from an untrusted frame refused');
      void deliver(messageHandlers, request?.message, request?.args);
    },
  );
  const off = engine.events.onAny((name, payload) => broadcast(name, payload));
  return () => {
    off();
    ipcMain.removeHandler(ipcChannels.invoke);
    ipcMain.removeAllListeners(ipcChannels.send);
  };
}

function broadcast(event: string, payload: unknown): void {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed()) win.webContents.send(ipcChannels.event, { event, payload });
  }
}

/** Sends a menu command to the renderer. */
export function sendCommand(win: BrowserWindow, command: AppCommand): void {
  win.webContents.send(ipcChannels.event, { event: 'app.command', payload: { command } });
}
