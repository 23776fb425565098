/**
 * What the browser host tells the UI about this machine when no Electron app is there to ask:
 * the OS language (from the environment) and the OS Music folder (proposed on first run).
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HostInfo } from '../ipc/handlers';

/** The OS language as a BCP 47 tag, e.g. 'zh-CN' from LANG=zh_CN.UTF-8; 'en' when unset. */
export function osLanguage(env: NodeJS.ProcessEnv = process.env): string {
  const raw =
    env.LC_ALL ||
    env.LC_MESSAGES ||
    env.LANG ||
    Intl.DateTimeFormat().resolvedOptions().locale ||
    'en';
  const tag = raw.split('.')[0]?.replace('_', '-') ?? 'en';
  return tag === 'C' || tag === 'POSIX' || tag === '' ? 'en' : tag;
}

/** ~/Music (or the XDG music dir) when it exists. */
export function musicFolder(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.XDG_MUSIC_DIR, join(homedir(), 'Music')].filter((p): p is string =>
    Boolean(p),
  );
  return candidates.find((p) => existsSync(p)) ?? null;
}

export function hostInfo(version: string): HostInfo {
  return {
    version,
    platform: process.platform,
    osLanguage: osLanguage(),
    musicFolder: musicFolder(),
  };
}

/** Encore's version from the nearest package.json named "encore" above this module; '0.0.0' if none. */
export function appVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'encore' && pkg.version) return pkg.version;
    } catch {
      // no package.json here; look one folder up
    }
    dir = dirname(dir);
  }
  return '0.0.0';
}
