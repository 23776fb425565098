/**
 * The app's remembered state: the player (queue, current track, position, modes) and the settings,
 * stored as JSON by key. Values read back are merged over the defaults, so a setting added later
 * gets its default and a damaged value never stops the app from starting.
 */
import type { Database } from './database';
import {
  defaultSettings,
  emptyPlayerState,
  type PlayerState,
  type Settings,
} from '../../shared/app-state';

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
    return { ...emptyPlayerState, ...(await this.read<Partial<PlayerState>>('player')) };
  }

  async savePlayer(state: PlayerState): Promise<void> {
    await this.write('player', state);
  }

  async settings(): Promise<Settings> {
    return { ...defaultSettings, ...(await this.read<Partial<Settings>>('settings')) };
  }

  /** Applies a partial change and returns the full settings. */
  async updateSettings(patch: Partial<Settings>): Promise<Settings> {
    const next = { ...(await this.settings()), ...patch };
    await this.write('settings', next);
    return next;
  }

  async windowBounds(): Promise<WindowBounds | null> {
    return (await this.read<WindowBounds>('window')) ?? null;
  }

  async saveWindowBounds(bounds: WindowBounds): Promise<void> {
    await this.write('window', bounds);
  }

  private async read<T>(key: Key): Promise<T | undefined> {
    const row = await this.db.reader.get<{ value: string }>(
      'SELECT value FROM app_state WHERE key = ?',
      [key],
    );
    if (!row) return undefined;
    try {
      const value = JSON.parse(row.value) as unknown;
      return value && typeof value === 'object' ? (value as T) : undefined;
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
