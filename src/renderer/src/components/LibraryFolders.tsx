/**
 * The library folders in Settings: the list with each folder's state, adding one (chooser,
 * browser, typed path, drop; then it is scanned), "Scan now", and removing one — after a
 * confirmation that says how many songs and how much listening history it concerns — with an
 * Undo for a while (the engine keeps the removed folder's tracks and history; adding it back
 * restores them with their ids).
 */
import { useEffect, useState } from 'react';
import type { LibraryRoot } from '../../../shared/contract';
import type { RootUsage } from '../../../shared/library';
import { useApp } from '../context';
import { Icon } from './Icon';
import { FolderChooser } from './FolderChooser';

/** How long the Undo button stays after a removal (adding the folder again works for 30 days). */
const UNDO_MS = 15_000;

export function LibraryFolders({ onChanged }: { onChanged: () => void }): React.JSX.Element {
  const { t, bridge, library } = useApp();
  const [roots, setRoots] = useState<LibraryRoot[]>([]);
  const [confirm, setConfirm] = useState<{ path: string; usage: RootUsage } | null>(null);
  const [removed, setRemoved] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void bridge.invoke('library.roots', {}).then(setRoots);
  }, [bridge]);
  useEffect(() => {
    if (!removed) return;
    const timer = setTimeout(() => setRemoved(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [removed]);

  const run = async (work: () => Promise<void>): Promise<void> => {
    setError(null);
    try {
      await work();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const addAndScan = async (path: string): Promise<void> => {
    const next = await bridge.invoke('library.addRoot', { path });
    setRoots(next);
    const added = next.find((r) => !roots.some((o) => o.path === r.path));
    await bridge.invoke('library.scan', added ? { roots: [added.path] } : {});
    setRoots(await bridge.invoke('library.roots', {}));
    await library.load();
    onChanged();
  };
  const askRemove = (path: string): Promise<void> =>
    run(async () =>
      setConfirm({ path, usage: await bridge.invoke('library.rootUsage', { path }) }),
    );
  const remove = (path: string): Promise<void> =>
    run(async () => {
      setConfirm(null);
      setRoots(await bridge.invoke('library.removeRoot', { path }));
      setRemoved(path);
      // The views refresh at once, not at the next scan.
      await library.load();
      onChanged();
    });
  const undo = (path: string): Promise<void> =>
    run(async () => {
      setRemoved(null);
      await addAndScan(path);
    });
  const scan = (): Promise<void> =>
    run(async () => {
      await bridge.invoke('library.scan', {});
      await library.load();
      setRoots(await bridge.invoke('library.roots', {}));
      onChanged();
    });

  return (
    <fieldset>
      <legend>{t('libraryFolders')}</legend>
      <ul className="roots">
        {roots.map((r) => (
          <li key={r.path}>
            <span className="path">{r.path}</span> <span className="muted">{r.status}</span>{' '}
            <button
              type="button"
              className="icon"
              aria-label={t('removeFolder', { path: r.path })}
              onClick={() => void askRemove(r.path)}
            >
              <Icon name="close" size={16} />
            </button>
          </li>
        ))}
      </ul>
      {confirm ? (
        <div className="confirm" role="alertdialog" aria-labelledby="rm-h" aria-describedby="rm-d">
          <h2 id="rm-h">{t('removeFolderTitle', { path: confirm.path })}</h2>
          <p id="rm-d">
            {t('removeFolderConfirm', {
              tracks: confirm.usage.tracks,
              events: confirm.usage.events,
            })}
          </p>
          <p className="row">
            <button type="button" className="danger" onClick={() => void remove(confirm.path)}>
              {t('removeFolderYes')}
            </button>
            <button type="button" onClick={() => setConfirm(null)}>
              {t('cancel')}
            </button>
          </p>
        </div>
      ) : null}
      {removed ? (
        <p className="row undo" role="status">
          {t('folderRemoved', { path: removed })}
          <button type="button" onClick={() => void undo(removed)}>
            {t('undo')}
          </button>
        </p>
      ) : null}
      <FolderChooser onAdd={(path) => addAndScan(path)} />
      <p className="row">
        <button type="button" onClick={() => void scan()}>
          {t('scanNow')}
        </button>
      </p>
      {error ? <p role="alert">{t('errorPrefix', { message: error })}</p> : null}
    </fieldset>
  );
}
