/**
 * Background work in the header: scan progress (bar, counts, time left, then the scan's summary),
 * the music analysis (songs done of all, time left), a model download, and a warning when the
 * library was opened read-only on a full disk.
 */
import { useEffect, useState } from 'react';
import type { ScanProgress, ScanSummary } from '../../../shared/library';
import type { AnalysisProgress } from '../../../shared/analysis';
import type { ModelProgress } from '../../../shared/meaning';
import { useApp } from '../context';

function Bar({
  label,
  fraction,
  text,
}: {
  label: string;
  fraction: number;
  text: string;
}): React.JSX.Element {
  return (
    <span className="job">
      <span>{label}</span>
      <progress max={1} value={fraction} aria-label={label} />
      <span className="muted">{text}</span>
    </span>
  );
}

export function ScanStatus(): React.JSX.Element | null {
  const { t, bridge, library, info } = useApp();
  const [scan, setScan] = useState<ScanProgress | null>(null);
  const [summary, setSummary] = useState<ScanSummary | null>(null);
  const [analysis, setAnalysis] = useState<AnalysisProgress | null>(null);
  const [model, setModel] = useState<ModelProgress | null>(null);

  useEffect(() => {
    const offs = [
      bridge.on('scan.progress', (p) => {
        setScan(p);
        setSummary(null);
      }),
      bridge.on('scan.finished', (s) => {
        setScan(null);
        setSummary(s);
        library.reloadSoon();
      }),
      bridge.on('library.changed', () => library.reloadSoon()),
      bridge.on('analysis.progress', setAnalysis),
      bridge.on('model.progress', (m) => setModel(m.state === 'downloading' ? m : null)),
    ];
    return () => offs.forEach((off) => off());
  }, [bridge, library]);

  const eta = (s: number | null): string =>
    s !== null ? ` · ${t('scanEta', { s: Math.ceil(s) })}` : '';
  const jobs: React.JSX.Element[] = [];
  if (info.readOnly) {
    jobs.push(
      <span key="read-only" className="warning" title={info.readOnly}>
        {t('diskFullReadOnly')}
      </span>,
    );
  }
  if (scan) {
    jobs.push(
      <Bar
        key="scan"
        label={t('scanning')}
        fraction={scan.seen ? scan.done / scan.seen : 0}
        text={t('scanProgress', { done: scan.done, seen: scan.seen }) + eta(scan.etaS)}
      />,
    );
  } else if (summary) {
    jobs.push(
      <span key="summary" className="muted">
        {t('scanDone', {
          added: summary.added,
          updated: summary.updated,
          removed: summary.removed,
          errors: summary.errors,
        })}
      </span>,
    );
  }
  if (analysis?.state === 'running' && analysis.total > 0) {
    jobs.push(
      <Bar
        key="analysis"
        label={t('analysing')}
        fraction={analysis.done / analysis.total}
        text={
          t('analysisProgress', { done: analysis.done, total: analysis.total }) + eta(analysis.etaS)
        }
      />,
    );
  }
  if (model && model.total > 0) {
    jobs.push(
      <Bar
        key="model"
        label={t('modelDownload')}
        fraction={model.loaded / model.total}
        text={`${Math.round((model.loaded / model.total) * 100)} %`}
      />,
    );
  }
  if (jobs.length === 0) return null;
  return (
    <div className="scan" role="status" aria-live="polite">
      {jobs}
    </div>
  );
}
