/**
 * Cold start: while the recommender has learned nothing yet, the Up Next panel asks for a few
 * artists the person loves. Each pick likes up to three of that artist's songs, which seeds the
 * taste model with a real signal; the panel goes away once the model has events.
 */
import { useEffect, useMemo, useState } from 'react';
import { useApp, useLibrary } from '../context';
import { artistsOf } from '../lib/library';
import { sendFeedback } from '../lib/feedback';
import { COLD_START_CONTEXT } from '../../../shared/recommend';

// Enough choice to find a favourite without a wall of names.
const SHOWN = 16;
const LIKES_PER_ARTIST = 3;

export function ColdStart(): React.JSX.Element | null {
  const { t, bridge } = useApp();
  const { tracks } = useLibrary();
  const [events, setEvents] = useState<number | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [done, setDone] = useState(false);

  useEffect(() => {
    const load = (): void =>
      void bridge.invoke('recs.taste', {}).then(
        (taste) => setEvents(taste.events),
        () => setEvents(null),
      );
    load();
    return bridge.on('upnext.changed', load);
  }, [bridge]);

  const top = useMemo(
    () =>
      artistsOf(tracks)
        .filter((a) => a.name)
        .sort((a, b) => b.tracks.length - a.tracks.length)
        .slice(0, SHOWN),
    [tracks],
  );

  if (done || (events !== 0 && picked.size === 0)) return null;
  if (top.length === 0) return null;
  const pick = (name: string): void => {
    const artist = top.find((a) => a.name === name);
    if (!artist || picked.has(name)) return;
    setPicked((p) => new Set(p).add(name));
    for (const tr of artist.tracks.slice(0, LIKES_PER_ARTIST)) {
      void sendFeedback(bridge, tr.id, 'like', 'library', { context: COLD_START_CONTEXT });
    }
  };
  return (
    <section className="cold-start" aria-labelledby="cold-h">
      <h3 id="cold-h">{t('coldStartTitle')}</h3>
      <p className="muted">{t('coldStartHint')}</p>
      <ul className="chips">
        {top.map((a) => (
          <li key={a.name}>
            <button
              type="button"
              className="chip"
              aria-pressed={picked.has(a.name)}
              onClick={() => pick(a.name)}
            >
              {a.name}
            </button>
          </li>
        ))}
      </ul>
      {picked.size > 0 ? (
        <button type="button" className="link done" onClick={() => setDone(true)}>
          {t('coldStartDone')}
        </button>
      ) : null}
    </section>
  );
}
