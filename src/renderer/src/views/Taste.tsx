/**
 * The taste page: what the recommender learned (likes, dislikes, sounds), from how many events,
 * with a Forget button for each line. Read from the engine every time it opens.
 */
import { useEffect, useState } from 'react';
import type { Taste as TasteData, TasteEntry } from '../../../shared/recommend';
import { useApp } from '../context';

export function Taste(): React.JSX.Element {
  const { t, bridge } = useApp();
  const [taste, setTaste] = useState<TasteData | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = (): void =>
      void bridge.invoke('recs.taste', {}).then(setTaste, (err: Error) => setError(err.message));
    load();
    return bridge.on('upnext.changed', load);
  }, [bridge]);

  const forget = (e: TasteEntry): void =>
    void bridge.invoke('recs.forget', { facet: e.facet, name: e.name }).then(setTaste);

  const list = (entries: TasteEntry[], label: string): React.JSX.Element => (
    <section aria-label={label}>
      <h2>{label}</h2>
      <ul className="taste-list">
        {entries.map((e) => (
          <li key={`${e.facet}:${e.name}`}>
            <span className="muted facet">{e.facet}</span> <span>{e.name}</span>{' '}
            <meter min={-3} max={3} value={e.weight} aria-label={e.name} />{' '}
            <button type="button" className="link" onClick={() => forget(e)}>
              {t('forget', { name: e.name })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );

  return (
    <section className="view taste" aria-labelledby="taste-h">
      <h1 id="taste-h">{t('taste')}</h1>
      {error ? <p role="alert">{t('errorPrefix', { message: error })}</p> : null}
      {!taste && !error ? <p className="empty">{t('loading')}</p> : null}
      {taste ? (
        <>
          <p className="muted">
            {t('tasteEvents', { n: taste.events })}{' '}
            {taste.features.length
              ? t('tasteFeatures', { features: taste.features.join(', ') })
              : ''}
          </p>
          {taste.likes.length === 0 && taste.dislikes.length === 0 ? (
            <p className="empty">{t('tasteEmpty')}</p>
          ) : null}
          {taste.likes.length ? list(taste.likes, t('tasteLikes')) : null}
          {taste.dislikes.length ? list(taste.dislikes, t('tasteDislikes')) : null}
          {taste.sounds.length ? (
            <section aria-label={t('soundsYouLike')}>
              <h2>{t('soundsYouLike')}</h2>
              <ul className="taste-list">
                {taste.sounds.map((s) => (
                  <li key={s.trackId}>
                    {s.title} <span className="muted">{s.artist}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
