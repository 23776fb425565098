/** Scan progress in the header: a bar with counts and the time left, then the scan's summary. */
import { useEffect, useState } from 'react';
import type { ScanProgress, ScanSummary } from '../../../shared/library';
import { useApp } from '../context';

export function ScanStatus(): React.JSX.Element | null {
  const { t, bridge, library } = useApp();
  const [progress, setProgress] = useState<ScanProgress | null>(null);
  const [summary, setSummary] = useState<ScanSummary | null>(null);

  useEffect(() => {
    const offs = [
      bridge.on('scan.progress', (p) => {
        setProgress(p);
        setSummary(null);
      }),
      bridge.on('scan.finished', (s) => {
        setProgress(null);
        setSummary(s);
        library.reloadSoon();
      }),
      bridge.on('library.changed', () => library.reloadSoon()),
    ];
    return () => offs.forEach((off) => off());
  }, [bridge, library]);

  if (progress) {
    const fraction = progress.seen ? progress.done / progress.seen : 0;
    return (
      <div className="scan" role="status" aria-live="polite">
        <span>{t('scanning')}</span>
        <progress max={1} value={fraction} aria-label={t('scanning')} />
        <span className="muted">
          {t('scanProgress', { done: progress.done, seen: progress.seen })}
          {progress.etaS !== null ? ` · ${t('scanEta', { s: Math.ceil(progress.etaS) })}` : ''}
        </span>
      </div>
    );
  }
  if (summary) {
    return (
      <div className="scan" role="status" aria-live="polite">
        <span className="muted">
          {t('scanDone', {
            added: summary.added,
            updated: summary.updated,
            removed: summary.removed,
            errors: summary.errors,
          })}
        </span>
      </div>
    );
  }
  return null;
}
