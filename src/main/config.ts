/**
 * Engine configuration and where Encore keeps its data. The data dir matches Electron's
 * app.getPath('userData') for an app named Encore, so the CLI and the desktop app share one
 * library; ENCORE_DATA_DIR overrides it (tests, portable installs).
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';

export interface EngineConfig {
  /** Folder holding encore.db, the cover cache and model files. */
  dataDir: string;
  /** Worker threads for heavy work; default: cores minus one, at least one. */
  workers: number;
  /** Milliseconds one file's tag parse may take before its worker is killed. */
  parseTimeoutMs: number;
  /**
   * Analyse and embed new tracks in the background after each scan (the app, the browser host).
   * Off for one-shot CLI commands, which run those stages on demand (`encore analyze`, `embed`).
   */
  background: boolean;
}

/** The OS application-data folder for Encore. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ENCORE_DATA_DIR) return env.ENCORE_DATA_DIR;
  switch (process.platform) {
    case 'win32':
      return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Encore');
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', 'Encore');
    default:
      return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Encore');
  }
}

/** Fills the defaults of an engine configuration. */
export function engineConfig(partial: Partial<EngineConfig> = {}): EngineConfig {
  return {
    dataDir: partial.dataDir ?? defaultDataDir(),
    workers: partial.workers ?? (workersFromEnv() || Math.max(1, availableParallelism() - 1)),
    // Tags of a sane file parse in milliseconds; 15 s leaves room for a slow network share.
    parseTimeoutMs: partial.parseTimeoutMs ?? 15_000,
    background: partial.background ?? true,
  };
}

/** ENCORE_WORKERS: a whole number of worker threads (1–64) chosen by the person, else 0. */
function workersFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.ENCORE_WORKERS);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : 0;
}
