/**
 * Watches the library roots while the app runs and reports, debounced, which folders changed, so
 * the library rescans just those. A folder that vanished is reported as its nearest existing
 * parent inside the root, so the rescan sees the deletion rather than an unreadable folder.
 * Roots themselves are checked every few seconds: one that vanished (an unplugged drive) or came
 * back (plugged in again, a renamed folder restored, a drive mounted over an empty mount point)
 * is rescanned whole and watched afresh — the OS watches die with the folder they were on.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Root } from '../store/roots';
import { createLogger } from '../log';
import { isAudioPath, isLyricsSidecarName, isFolderImageName } from './formats';

const log = createLogger('watcher');

/** Quiet time before a burst of changes (a copy of an album) becomes one rescan. */
const DEBOUNCE_MS = 1500;
/** How often the roots' presence is checked: one stat per root, so it costs nothing. */
const ROOT_CHECK_MS = 2000;

/** What a root is on disk now: absent, or which folder (device + inode) is at its path. */
function rootIdentity(path: string): string | null {
  try {
    const st = statSync(path);
    return st.isDirectory() ? `${st.dev}:${st.ino}` : null;
  } catch {
    return null;
  }
}

export class LibraryWatcher {
  private watcher: FSWatcher | null = null;
  private roots: Root[] = [];
  private readonly changed = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private readonly identities = new Map<string, string | null>();
  private readonly rootCheck: NodeJS.Timeout;

  /**
   * `onChange` gets the changed folders (debounced); `onRootChange` a root that vanished or came
   * back.
   */
  constructor(
    private readonly onChange: (folders: string[]) => void,
    private readonly onRootChange: (root: string) => void = (root) => onChange([root]),
  ) {
    this.rootCheck = setInterval(() => this.checkRoots(), ROOT_CHECK_MS);
    this.rootCheck.unref();
  }

  setRoots(roots: Root[]): void {
    this.roots = roots;
    this.identities.clear();
    // A root the store knows as missing counts as absent, so finding it now is a return.
    for (const r of roots)
      this.identities.set(r.path, r.status === 'ok' ? rootIdentity(r.path) : null);
    this.rewatch();
  }

  /**
   * A scan found `root` missing or unreadable: the next check that finds it there again rescans
   * it, even when it came back (or was never quite gone) between two checks.
   */
  markUnavailable(root: string): void {
    if (this.identities.has(root)) this.identities.set(root, null);
  }

  /** Roots that vanished or came back since the last check: rescanned, and watched afresh. */
  private checkRoots(): void {
    const changed: string[] = [];
    for (const r of this.roots) {
      const now = rootIdentity(r.path);
      if (now === this.identities.get(r.path)) continue;
      this.identities.set(r.path, now);
      changed.push(r.path);
    }
    if (changed.length === 0) return;
    log.info(`library folders changed on disk: ${changed.join(', ')}`);
    this.rewatch();
    for (const root of changed) this.onRootChange(root);
  }

  private rewatch(): void {
    // An absent root has nothing to watch; the root check notices when it is back.
    const roots = this.roots.filter((r) => existsSync(r.path));
    void this.watcher?.close();
    this.watcher = null;
    if (roots.length === 0) return;
    const watcher = watch(
      roots.map((r) => r.path),
      {
        ignoreInitial: true,
        // The scan follows links inside the library itself (each real folder once); chokidar
        // following them would recurse forever through a link loop and end in ELOOP errors.
        followSymlinks: false,
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
    clearInterval(this.rootCheck);
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
