/**
 * The app's remembered state: the player (queue, current track, position, modes) and the settings,
 * stored as JSON by key. Values read back are checked field by field against the contract's
 * schemas and merged over the defaults, so a setting added later gets its default and a damaged or
 * out-of-range field (an older version's, a hand edit) gets its default too, while every valid
 * field is kept and the app always starts.
 */
import type { z } from 'zod';
import type { Database } from './database';
import {
  defaultSettings,
  emptyPlayerState,
  type PlayerState,
  type Settings,
} from '../../shared/app-state';
import { playerStateSchema, settingsSchema } from '../../shared/payload-schemas';

type Key = 'player' | 'settings' | 'window';

/** Window bounds of the desktop app, in screen pixels. */
export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

export class AppStateRepository {
  constructor(private readonly db: Database) {}

  async player(): Promise<PlayerState> {
    return validFields(playerStateSchema, emptyPlayerState, await this.read('player'));
  }

  async savePlayer(state: PlayerState): Promise<void> {
    await this.write('player', state);
  }

  async settings(): Promise<Settings> {
    return validFields(settingsSchema, defaultSettings, await this.read('settings'));
  }

  /** Applies a partial change and returns the full settings. */
  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    const next = { ...(await this.settings()), ...patch };
    await this.write('settings', next);
    return next;
  }

  async windowBounds(): Promise<WindowBounds | null> {
    const b = await this.read('window');
    const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
    return b && finite(b.x) && finite(b.y) && finite(b.width) && finite(b.height)
      ? { x: b.x, y: b.y, width: b.width, height: b.height, maximized: b.maximized === true }
      : null;
  }

  async saveWindowBounds(bounds: WindowBounds): Promise<void> {
    await this.write('window', bounds);
  }

  private async read(key: Key): Promise<Record<string, unknown> | undefined> {
    const row = await this.db.reader.get<{ value: string }>(
      'SELECT value FROM app_state WHERE key = ?',
      [key],
    );
    if (!row) return undefined;
    try {
      const value = JSON.parse(row.value) as unknown;
      return value && typeof value === 'object' && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
    } catch {
      return undefined;
    }
  }

  private async write(key: Key, value: unknown): Promise<void> {
    await this.db.transaction((tx) =>
      tx.run(
        `INSERT INTO app_state (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        [key, JSON.stringify(value), Date.now()],
      ),
    );
  }
}

/** `defaults` with each stored field that passes its schema; unknown fields are dropped. */
function validFields<T extends object>(
  schema: { shape: Record<string, z.ZodType> },
  defaults: T,
  stored: Record<string, unknown> | undefined,
): T {
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  if (!stored) return out as T;
  for (const [key, field] of Object.entries(schema.shape)) {
    if (!(key in stored)) continue;
    const parsed = field.safeParse(stored[key]);
    if (parsed.success) out[key] = parsed.data;
  }
  return out as T;
}
