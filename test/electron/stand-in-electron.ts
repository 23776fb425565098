/**
 * A stand-in for the `electron` module, bundled into the shell (src/main/index.ts) in place of the
 * real one for the shell wiring test: it records what the shell registers (privileged schemes,
 * protocol handlers, IPC handlers, windows and their options, the menu, app and session hooks)
 * and lets the test decide when the app is ready. The Electron binary cannot run here; everything
 * behind these calls (the engine, the media responder, the app-file server) is real.
 *
 * The record lives on globalThis, so the test reads the same one the bundled copy writes.
 */
type Handler = (...args: never[]) => unknown;

export interface ShellRecord {
  ready: boolean;
  /** Each registerSchemesAsPrivileged call, with whether the app was ready at the time. */
  privileged: { schemes: unknown[]; afterReady: boolean }[];
  protocols: Map<string, (request: Request) => Response | Promise<Response>>;
  ipcHandlers: Map<string, Handler>;
  ipcListeners: Map<string, Handler>;
  appListeners: Map<string, Handler[]>;
  windows: StandInWindow[];
  /** The template given to Menu.buildFromTemplate, once set as the application menu. */
  menu: unknown[] | null;
  permissionRequest: Handler | null;
  permissionCheck: Handler | null;
  /** Options of each dialog.showOpenDialog call, and the folder the stand-in "chooses". */
  openDialogs: unknown[];
  dialogAnswer: string | null;
  /** The paths given to shell.showItemInFolder, in order. */
  shownInFolder: string[];
  quit: number;
  /** Resolves at the first app.quit(). */
  quitted: Promise<void>;
  markQuit: () => void;
  exitCode: number | null;
  /** Resolves the app's whenReady(). */
  makeReady: () => void;
  whenReady: Promise<void>;
  /** Resolves when the first window has loaded its URL and the menu is set. */
  shown: Promise<void>;
  markShown: () => void;
}

const key = Symbol.for('encore.test.electron-stand-in');
type Global = typeof globalThis & { [key]?: ShellRecord };

export function shellRecord(): ShellRecord {
  const g = globalThis as Global;
  if (!g[key]) {
    let resolveReady = (): void => {};
    let resolveShown = (): void => {};
    let resolveQuit = (): void => {};
    const record: ShellRecord = {
      ready: false,
      privileged: [],
      protocols: new Map(),
      ipcHandlers: new Map(),
      ipcListeners: new Map(),
      appListeners: new Map(),
      windows: [],
      menu: null,
      permissionRequest: null,
      permissionCheck: null,
      openDialogs: [],
      dialogAnswer: null,
      shownInFolder: [],
      quit: 0,
      quitted: new Promise<void>((r) => (resolveQuit = r)),
      markQuit: () => resolveQuit(),
      exitCode: null,
      makeReady: () => {
        record.ready = true;
        resolveReady();
      },
      whenReady: new Promise<void>((r) => (resolveReady = r)),
      shown: new Promise<void>((r) => (resolveShown = r)),
      markShown: () => resolveShown(),
    };
    g[key] = record;
  }
  return g[key];
}

function checkShown(): void {
  const r = shellRecord();
  if (r.menu && r.windows.some((w) => w.loadedUrl)) r.markShown();
}

export class StandInWindow {
  static getAllWindows(): StandInWindow[] {
    return shellRecord().windows.filter((w) => !w.destroyed);
  }

  /** The app has one window; a headless stand-in counts it as focused. */
  static getFocusedWindow(): StandInWindow | null {
    return StandInWindow.getAllWindows()[0] ?? null;
  }

  readonly options: Record<string, unknown>;
  loadedUrl: string | null = null;
  destroyed = false;
  readonly listeners = new Map<string, Handler[]>();
  readonly sent: { channel: string; payload: unknown }[] = [];
  readonly webContents = {
    send: (channel: string, payload: unknown): void => {
      this.sent.push({ channel, payload });
    },
  };

  constructor(options: Record<string, unknown>) {
    this.options = options;
    shellRecord().windows.push(this);
  }

  on(event: string, fn: Handler): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
    return this;
  }

  once(event: string, fn: Handler): this {
    return this.on(event, fn);
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    queueMicrotask(checkShown);
  }

  maximize(): void {}
  isMaximized(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { x: 0, y: 0, width: Number(this.options.width), height: Number(this.options.height) };
  }
  restore(): void {}
  focus(): void {}
  show(): void {}
}

export const BrowserWindow = StandInWindow;

export const app = {
  requestSingleInstanceLock: (): boolean => true,
  whenReady: (): Promise<void> => shellRecord().whenReady,
  isReady: (): boolean => shellRecord().ready,
  on(event: string, fn: Handler): void {
    const r = shellRecord();
    r.appListeners.set(event, [...(r.appListeners.get(event) ?? []), fn]);
  },
  quit: (): void => {
    shellRecord().quit++;
    shellRecord().markQuit();
  },
  exit: (code = 0): void => {
    shellRecord().exitCode = code;
  },
  getVersion: (): string => '0.0.0-stand-in',
  getLocale: (): string => 'en-US',
  getPreferredSystemLanguages: (): string[] => ['en-US'],
  getPath: (name: string): string => {
    // No user folders here: the shell must cope (it falls back to its own music-folder guess).
    throw new Error(`stand-in: no path for ${name}`);
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    const r = shellRecord();
    r.privileged.push({ schemes, afterReady: r.ready });
  },
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    shellRecord().protocols.set(scheme, handler);
  },
};

export const ipcMain = {
  handle(channel: string, fn: Handler): void {
    shellRecord().ipcHandlers.set(channel, fn);
  },
  on(channel: string, fn: Handler): void {
    shellRecord().ipcListeners.set(channel, fn);
  },
  removeHandler(channel: string): void {
    shellRecord().ipcHandlers.delete(channel);
  },
  removeAllListeners(channel: string): void {
    shellRecord().ipcListeners.delete(channel);
  },
};

export const Menu = {
  buildFromTemplate: (template: unknown[]): { template: unknown[] } => ({ template }),
  setApplicationMenu(menu: { template: unknown[] } | null): void {
    shellRecord().menu = menu?.template ?? null;
    checkShown();
  },
};

export const screen = {
  getDisplayMatching: (): {
    workArea: { x: number; y: number; width: number; height: number };
  } => ({
    workArea: { x: 0, y: 0, width: 1920, height: 1080 },
  }),
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(fn: Handler): void {
      shellRecord().permissionRequest = fn;
    },
    setPermissionCheckHandler(fn: Handler): void {
      shellRecord().permissionCheck = fn;
    },
  },
};

export const dialog = {
  async showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    const record = shellRecord();
    record.openDialogs.push(args[args.length - 1]);
    const answer = record.dialogAnswer;
    return answer === null
      ? { canceled: true, filePaths: [] }
      : { canceled: false, filePaths: [answer] };
  },
};

export const shell = {
  showItemInFolder(path: string): void {
    shellRecord().shownInFolder.push(path);
  },
};
