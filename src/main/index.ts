/**
 * The Electron shell: the only file that knows Electron. Placeholder window until the app issue
 * lands; the engine is built by createEngine exactly as the CLI builds it.
 */
import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createEngine } from './engine';

async function start(): Promise<void> {
  await app.whenReady();
  const engine = await createEngine({ dataDir: app.getPath('userData') });
  const win = new BrowserWindow({
    width: 1200,
    height: 800,
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  await win.loadFile(join(import.meta.dirname, '../renderer/index.html'));
  app.on('window-all-closed', () => {
    void engine.close().finally(() => app.quit());
  });
}

void start();
