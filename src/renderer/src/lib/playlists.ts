/**
 * The playlists the navigation lists, as a small store the views subscribe to: loaded from the
 * engine, and loaded again after every change made through it (create, rename, delete, edits,
 * import), so the navigation's names and counts follow.
 */
import type { Bridge } from '../../../shared/bridge';
import type { PlaylistSummary } from '../../../shared/playlists';

/** What an M3U8 import brought, shown once on the new playlist's page. */
export interface ImportReport {
  file: string;
  imported: number;
  notFound: string[];
}

export class PlaylistsModel {
  private list: PlaylistSummary[] = [];
  private readonly listeners = new Set<() => void>();
  private readonly reports = new Map<number, ImportReport>();
  /** The last change sent: each change waits for the one before (see change()). */
  private pending: Promise<unknown> = Promise.resolve();

  constructor(private readonly bridge: Bridge) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): PlaylistSummary[] => this.list;

  async load(): Promise<void> {
    this.list = await this.bridge.invoke('playlists.list', {});
    for (const listener of this.listeners) listener();
  }

  /** Imports an M3U8 file's text as a new playlist named after the file; resolves with its id. */
  async importFile(file: string, text: string): Promise<number> {
    const name = file.replace(/\.m3u8?$/i, '') || file;
    const { playlist, notFound } = await this.change((b) =>
      b.invoke('playlists.importM3u8', { name, text }),
    );
    this.reports.set(playlist.id, { file, imported: playlist.trackIds.length, notFound });
    return playlist.id;
  }

  /** The import report of playlist `id`, once (null when there is none). */
  takeReport(id: number): ImportReport | null {
    const report = this.reports.get(id) ?? null;
    this.reports.delete(id);
    return report;
  }

  /**
   * Runs a change through the engine, then reloads the list; resolves with the change's result.
   * Changes run one after another, in the order they were made: the engine edits a playlist by
   * reading and rewriting its entries, so two adds in flight at once (two quick "Add to" clicks
   * on a busy machine) would keep only one of them.
   */
  change<T>(work: (bridge: Bridge) => Promise<T>): Promise<T> {
    const run = this.pending.then(async () => {
      const result = await work(this.bridge);
      await this.load();
      return result;
    });
    this.pending = run.catch(() => undefined);
    return run;
  }
}
