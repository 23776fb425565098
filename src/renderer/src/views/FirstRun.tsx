/**
 * The empty library: propose the OS Music folder, or let the person type another folder. While the
 * scan runs, the progress shows in the header.
 */
import { useState } from 'react';
import { useApp } from '../context';

export function FirstRun(): React.JSX.Element {
  const { t, info, bridge, library } = useApp();
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);

  const add = async (folder: string): Promise<void> => {
    setError(null);
    try {
      await bridge.invoke('library.addRoot', { path: folder });
      await bridge.invoke('library.scan', {});
      await library.load();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section className="view first-run" aria-labelledby="first-h">
      <h1 id="first-h">{t('emptyLibrary')}</h1>
      <p>{t('emptyLibraryHint')}</p>
      {info.musicFolder ? (
        <p>
          <button
            type="button"
            className="primary"
            onClick={() => void add(info.musicFolder as string)}
          >
            {t('addMusicFolder', { path: info.musicFolder })}
          </button>
        </p>
      ) : null}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) void add(path.trim());
        }}
      >
        <label>
          {t('folderPath')}
          <input
            type="text"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            spellCheck={false}
          />
        </label>
        <button type="submit">{t('addFolder')}</button>
      </form>
      {error ? <p role="alert">{t('errorPrefix', { message: error })}</p> : null}
    </section>
  );
}
