/**
 * How a person picks a folder to add: the native dialog in the desktop app, the engine's folder
 * browser in a web browser, a typed path (`~` is the home folder) in both, and a folder dropped
 * onto the drop area — the desktop app learns its path; a browser cannot, so it says so and
 * opens the folder browser.
 */
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../context';
import { FolderBrowser } from './FolderBrowser';

export function FolderChooser({
  onAdd,
  disabled = false,
}: {
  /** Adds the folder (and scans it); a rejection is shown as the error. */
  onAdd: (path: string) => Promise<void>;
  disabled?: boolean;
}): React.JSX.Element {
  const { t, bridge } = useApp();
  const [path, setPath] = useState('');
  const [browsing, setBrowsing] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const add = async (folder: string): Promise<void> => {
    setError(null);
    setNote(null);
    try {
      await onAdd(folder);
      setPath('');
    } catch (err) {
      setError((err as Error).message);
    }
  };
  const choose = async (): Promise<void> => {
    if (!bridge.shell) return setBrowsing(true);
    const picked = await bridge.shell.invoke('shell.chooseFolder');
    if (picked) await add(picked);
  };
  const dropped = (file: File | undefined): void => {
    if (disabled || !file) return;
    if (bridge.shell) void add(bridge.shell.pathForFile(file));
    else {
      setNote(t('dropNeedsBrowser'));
      setBrowsing(true);
    }
  };
  const drop = (e: React.DragEvent): void => {
    e.preventDefault();
    dropped(e.dataTransfer.files[0]);
  };
  // A folder dropped anywhere on the window while this chooser is shown counts too (the drop
  // area's own handler has already taken the drops that land on it).
  const latest = useRef(dropped);
  useEffect(() => {
    latest.current = dropped;
  });
  useEffect(() => {
    const over = (e: DragEvent): void => e.preventDefault();
    const onDrop = (e: DragEvent): void => {
      if (e.defaultPrevented) return;
      e.preventDefault();
      latest.current(e.dataTransfer?.files[0]);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  return (
    <div
      className="folder-chooser"
      data-testid="folder-drop"
      onDragOver={(e) => e.preventDefault()}
      onDrop={drop}
    >
      <p className="row">
        <button type="button" className="primary" disabled={disabled} onClick={() => void choose()}>
          {bridge.shell ? t('chooseFolder') : t('browseFolders')}
        </button>
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) void add(path.trim());
        }}
      >
        <label>
          {t('folderPath')}{' '}
          <input
            type="text"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            spellCheck={false}
            placeholder="~/Music"
          />
        </label>
        <button type="submit" disabled={disabled}>
          {t('addFolder')}
        </button>
      </form>
      <p className="muted">{t('dropFolder')}</p>
      {note ? <p role="status">{note}</p> : null}
      {error ? <p role="alert">{t('errorPrefix', { message: error })}</p> : null}
      {browsing ? (
        <FolderBrowser
          onChoose={(folder) => {
            setBrowsing(false);
            void add(folder);
          }}
          onCancel={() => setBrowsing(false)}
        />
      ) : null}
    </div>
  );
}
