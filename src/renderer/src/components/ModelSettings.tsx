/**
 * The language-model part of Settings, for people: which model Encore uses (or that it matches
 * words instead, in words, not as an engine error), what the model adds, how big the download is,
 * a Download button with a progress bar and a clear result. Choosing another model of the list is
 * a menu; typing a Hugging Face id sits under "Advanced".
 */
import { useEffect, useState } from 'react';
import type { MeaningStatus, ModelProgress } from '../../../shared/meaning';
import { MODEL_CATALOG, type ModelInfo } from '../../../shared/model-catalog';
import { explainError } from '../../../shared/error-sentences';
import { useApp } from '../context';

type Result = { ok: true; text: string } | { ok: false; text: string } | null;

/** Bytes in the unit that shows them best: "0.4 MB" would hide a small model's progress. */
const amount = (bytes: number): string =>
  bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${Math.round(bytes / 1e3)} kB`;

/** A sentence shown on its own starts with a capital (the shared sentences are lower-case). */
const asLine = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

export function ModelSettings(): React.JSX.Element {
  const { t, locale, bridge, settings, updateSettings } = useApp();
  const [status, setStatus] = useState<MeaningStatus | null>(null);
  const [customId, setCustomId] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ModelProgress | null>(null);
  const [result, setResult] = useState<Result>(null);

  useEffect(() => {
    const load = (): void =>
      void bridge.invoke('meaning.status', {}).then(setStatus, () => setStatus(null));
    load();
    const offs = [
      bridge.on('meaning.status', setStatus),
      bridge.on('model.progress', (p) => setProgress(p.state === 'downloading' ? p : null)),
    ];
    return () => offs.forEach((off) => off());
  }, [bridge]);

  const wanted = status?.wanted ?? '';
  const info: ModelInfo | undefined = MODEL_CATALOG.find((m) => m.id === wanted);
  const describe = (m: ModelInfo): string =>
    t('modelOption', { name: m.name, languages: m.languages, size: m.sizeMB });

  const run = async (work: () => Promise<MeaningStatus>, download: boolean): Promise<void> => {
    setBusy(true);
    setResult(null);
    try {
      const next = await work();
      setStatus(next);
      if (download)
        setResult(
          next.semantic
            ? { ok: true, text: t('modelInstalled', { name: info?.name ?? next.wanted }) }
            : { ok: false, text: asLine(explainError(next.reason, locale).sentence) },
        );
    } catch (err) {
      setResult({ ok: false, text: asLine(explainError(err, locale).sentence) });
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };
  const choose = (id: string): void =>
    void run(() => bridge.invoke('meaning.setModel', { model: id }), false);

  return (
    <fieldset className="model-settings">
      <legend>{t('models')}</legend>
      {status ? (
        <p role="status" data-testid="model-state">
          {status.semantic
            ? t('modelReady', { name: info?.name ?? status.model.id })
            : asLine(explainError(status.reason, locale).sentence)}
        </p>
      ) : null}
      <p className="muted">{t('modelWhatItAdds')}</p>
      <label className="block">
        {t('modelWhich')}{' '}
        <select value={info ? wanted : ''} disabled={busy} onChange={(e) => choose(e.target.value)}>
          {info ? null : <option value="">{wanted}</option>}
          {MODEL_CATALOG.map((m) => (
            <option key={m.id} value={m.id}>
              {describe(m)}
            </option>
          ))}
        </select>
      </label>
      <div className="row">
        <button
          type="button"
          disabled={busy || settings.offline || status?.semantic === true}
          onClick={() => void run(() => bridge.invoke('meaning.download', {}), true)}
        >
          {info ? t('modelDownloadSize', { size: info.sizeMB }) : t('modelDownloadNow')}
        </button>
        {settings.offline ? <span className="muted">{t('modelOfflineHint')}</span> : null}
      </div>
      {progress ? (
        <div className="model-progress">
          <progress
            aria-label={t('modelDownload')}
            max={progress.total || 1}
            value={progress.loaded}
          />{' '}
          <span data-testid="model-progress-text">
            {t('modelProgress', {
              loaded: amount(progress.loaded),
              total: amount(progress.total),
            })}
          </span>
        </div>
      ) : null}
      {result ? (
        <p role={result.ok ? 'status' : 'alert'} data-testid="model-result">
          {result.text}
        </p>
      ) : null}
      <label className="block">
        <input
          type="checkbox"
          checked={settings.offline}
          onChange={(e) => updateSettings({ offline: e.target.checked })}
        />{' '}
        {t('offline')}
      </label>
      <details>
        <summary>{t('advanced')}</summary>
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (customId.trim()) choose(customId.trim());
          }}
        >
          <label>
            {t('modelChoice')}{' '}
            <input
              type="text"
              value={customId}
              placeholder={wanted}
              onChange={(e) => setCustomId(e.target.value)}
              spellCheck={false}
              size={44}
            />
          </label>
          <button type="submit" disabled={busy}>
            {t('modelUse')}
          </button>
        </form>
      </details>
    </fieldset>
  );
}
