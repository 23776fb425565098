/**
 * The language-model part of Settings: which sentence-embedding model is in use (or that the
 * lexical fallback is, and why), choosing another model, downloading it now, and offline mode.
 */
import { useEffect, useState } from 'react';
import type { MeaningStatus } from '../../../shared/meaning';
import { useApp } from '../context';

export function ModelSettings(): React.JSX.Element {
  const { t, bridge, settings, updateSettings } = useApp();
  const [status, setStatus] = useState<MeaningStatus | null>(null);
  const [model, setModel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = (): void =>
      void bridge.invoke('meaning.status', {}).then(setStatus, () => setStatus(null));
    load();
    return bridge.on('meaning.status', setStatus);
  }, [bridge]);

  const run = async (work: () => Promise<MeaningStatus>): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setStatus(await work());
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <fieldset>
      <legend>{t('models')}</legend>
      {status ? (
        <p className="muted" role="status">
          {status.semantic
            ? t('modelInUse', { model: status.model.id })
            : t('modelFallback', { reason: status.reason })}
        </p>
      ) : null}
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (model.trim())
            void run(() => bridge.invoke('meaning.setModel', { model: model.trim() }));
        }}
      >
        <label>
          {t('modelChoice')}{' '}
          <input
            type="text"
            value={model}
            placeholder={status?.wanted ?? ''}
            onChange={(e) => setModel(e.target.value)}
            spellCheck={false}
            size={44}
          />
        </label>
        <button type="submit" disabled={busy}>
          {t('modelUse')}
        </button>
        <button
          type="button"
          disabled={busy || settings.offline}
          onClick={() => void run(() => bridge.invoke('meaning.download', {}))}
        >
          {t('modelDownloadNow')}
        </button>
      </form>
      <label className="block">
        <input
          type="checkbox"
          checked={settings.offline}
          onChange={(e) => updateSettings({ offline: e.target.checked })}
        />{' '}
        {t('offline')}
      </label>
      {error ? <p role="alert">{t('errorPrefix', { message: error })}</p> : null}
    </fieldset>
  );
}
