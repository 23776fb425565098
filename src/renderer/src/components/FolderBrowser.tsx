/**
 * The folder browser of the browser host (a web page cannot open a native dialog or learn a
 * path): the engine lists the home folder, mounted volumes and one folder's subfolders
 * (library.browseFolders); the person walks down and adds the folder shown.
 */
import { useEffect, useState } from 'react';
import type { FolderListing } from '../../../shared/library';
import { useApp } from '../context';

export function FolderBrowser({
  onChoose,
  onCancel,
}: {
  onChoose: (path: string) => void;
  onCancel: () => void;
}): React.JSX.Element {
  const { t, bridge } = useApp();
  const [listing, setListing] = useState<FolderListing | null>(null);
  const [error, setError] = useState<string | null>(null);

  const open = (path?: string): void => {
    setError(null);
    bridge
      .invoke('library.browseFolders', path ? { path } : {})
      .then(setListing, (err: Error) => setError(err.message));
  };
  useEffect(() => {
    // The first listing: the home folder (setState only in the reply's callbacks).
    let live = true;
    bridge.invoke('library.browseFolders', {}).then(
      (l) => live && setListing(l),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [bridge]);

  return (
    <div className="folder-browser" role="dialog" aria-modal="true" aria-labelledby="fb-h">
      <h2 id="fb-h">{t('folderBrowserTitle')}</h2>
      {listing ? (
        <>
          <nav className="row" aria-label={t('folderPlaces')}>
            {listing.places.map((p) => (
              <button type="button" key={p.path} onClick={() => open(p.path)}>
                {p.kind === 'home' ? t('folderHome') : p.label}
              </button>
            ))}
          </nav>
          <p className="row">
            <button
              type="button"
              disabled={listing.parent === null}
              onClick={() => listing.parent && open(listing.parent)}
            >
              {t('folderUp')}
            </button>
            <span className="path">{listing.path}</span>
          </p>
          {listing.folders.length === 0 ? <p className="muted">{t('folderEmpty')}</p> : null}
          <ul className="folders">
            {listing.folders.map((f) => (
              <li key={f.path}>
                <button type="button" className="folder" onClick={() => open(f.path)}>
                  {f.name}
                </button>
              </li>
            ))}
          </ul>
          {listing.truncated ? (
            <p className="muted">{t('folderTruncated', { n: listing.folders.length })}</p>
          ) : null}
        </>
      ) : null}
      {error ? <p role="alert">{t('errorPrefix', { message: error })}</p> : null}
      <p className="row">
        <button
          type="button"
          className="primary"
          disabled={!listing}
          onClick={() => listing && onChoose(listing.path)}
        >
          {t('addThisFolder', { path: listing?.path ?? '' })}
        </button>
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </p>
    </div>
  );
}
