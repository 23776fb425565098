/**
 * Watches the library roots while the app runs and reports, debounced, which folders changed, so
 * the library rescans just those. A folder that vanished is reported as its nearest existing
 * parent inside the root, so the rescan sees the deletion rather than an unreadable folder.
 */
import { existsSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Root } from '../store/roots';
import { createLogger } from '../log';
import { isAudioPath, isLyricsSidecarName, isFolderImageName } from './formats';

const log = createLogger('watcher');

/** Quiet time before a burst of changes (a copy of an album) becomes one rescan. */
const DEBOUNCE_MS = 1500;

export class LibraryWatcher {
  private watcher: FSWatcher | null = null;
  private roots: Root[] = [];
  private readonly changed = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly onChange: (folders: string[]) => void) {}

  setRoots(roots: Root[]): void {
    this.roots = roots;
    void this.watcher?.close();
    this.watcher = null;
    if (roots.length === 0) return;
    const watcher = watch(
      roots.map((r) => r.path),
      {
        ignoreInitial: true,
        ignored: (path: string) =>
          path.split(sep).some((part) => part.startsWith('.') && part.length > 1),
        // Rename/copy bursts settle before we read half-written files.
        awaitWriteFinish: { stabilityThreshold: 500, pollInterval: 100 },
      },
    );
    watcher.on('all', (event, path) => {
      const relevant =
        event === 'addDir' ||
        event === 'unlinkDir' ||
        isAudioPath(path) ||
        isLyricsSidecarName(path) ||
        isFolderImageName(path.split(sep).pop() ?? '');
      if (relevant) this.note(path);
    });
    // Too many folders for the OS's watch limit, or a root that vanished: keep playing, log why.
    watcher.on('error', (err) =>
      log.warn('watching the library failed; changes will be seen at the next scan', err),
    );
    this.watcher = watcher;
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.watcher?.close();
    this.watcher = null;
  }

  private note(path: string): void {
    const root = this.roots.find((r) => path.startsWith(r.path + sep) || path === r.path);
    if (!root) return;
    let folder = dirname(path);
    while (folder.length > root.path.length && !existsSync(folder)) folder = dirname(folder);
    this.changed.add(folder.length < root.path.length ? root.path : folder);
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flush(), DEBOUNCE_MS);
  }

  private flush(): void {
    this.timer = null;
    const folders = [...this.changed].sort();
    this.changed.clear();
    // A folder inside another changed folder is covered by the outer one's rescan.
    const outer = folders.filter((f, i) => !folders.slice(0, i).some((o) => f.startsWith(o + sep)));
    if (outer.length > 0) this.onChange(outer);
  }
}
