/**
 * The empty library: propose the OS Music folder, or let the person choose another one (native
 * dialog, folder browser, typed path, dropped folder). While the first scan runs it shows the
 * progress — files read of found, rate, time left — with the add buttons disabled; the songs
 * replace this view as soon as the first batch is written.
 */
import { useEffect, useState } from 'react';
import type { ScanProgress } from '../../../shared/library';
import { useApp } from '../context';
import { FolderChooser } from '../components/FolderChooser';

export function FirstRun(): React.JSX.Element {
  const { t, info, bridge, library } = useApp();
  const [scan, setScan] = useState<ScanProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const offs = [
      bridge.on('scan.progress', setScan),
      bridge.on('scan.finished', () => setScan(null)),
    ];
    return () => offs.forEach((off) => off());
  }, [bridge]);

  const add = async (folder: string): Promise<void> => {
    setBusy(true);
    try {
      await bridge.invoke('library.addRoot', { path: folder });
      // The scan's progress events start at once; the tracks arrive batch by batch.
      await bridge.invoke('library.scan', {});
      await library.load();
    } finally {
      setBusy(false);
    }
  };
  const scanning = scan !== null || busy;

  return (
    <section className="view first-run" aria-labelledby="first-h">
      <h1 id="first-h">{t('emptyLibrary')}</h1>
      <p>{t('emptyLibraryHint')}</p>
      {scan ? (
        <div className="first-scan" role="status" aria-live="polite">
          <progress max={1} value={scan.seen ? scan.done / scan.seen : 0} />
          <p>
            {t('firstScan', { done: scan.done, seen: scan.seen })}
            {scan.rate > 0 ? ` · ${t('scanRate', { rate: Math.round(scan.rate) })}` : ''}
            {scan.etaS !== null ? ` · ${t('scanEta', { s: Math.ceil(scan.etaS) })}` : ''}
          </p>
          {scan.currentPath ? <p className="muted path">{scan.currentPath}</p> : null}
        </div>
      ) : null}
      {info.musicFolder ? (
        <p>
          <button
            type="button"
            className="primary"
            disabled={scanning}
            onClick={() =>
              void add(info.musicFolder as string).catch((err: Error) => setError(err.message))
            }
          >
            {t('addMusicFolder', { path: info.musicFolder })}
          </button>
        </p>
      ) : null}
      <FolderChooser onAdd={add} disabled={scanning} />
      {error ? <p role="alert">{t('errorPrefix', { message: error })}</p> : null}
    </section>
  );
}
