/**
 * The Up Next panel, always visible: the recommender's next suggestions with their reasons and
 * Like / Skip / Not this, which are recorded as feedback; the list is fetched again whenever the
 * engine says Up Next changed (after feedback) and when the track changes.
 */
import { useCallback, useEffect, useState } from 'react';
import type { UpNextItem } from '../../../shared/recommend';
import { useApp, usePlayer } from '../context';
import { sendFeedback, sessionId } from '../lib/feedback';
import { SuggestionList } from './SuggestionList';
import { ColdStart } from './ColdStart';

// Eight fit the panel at 800 px without scrolling and leave choice after a few skips.
const COUNT = 8;

export function UpNext(): React.JSX.Element {
  const { t, bridge, player } = useApp();
  const currentId = usePlayer((s) => s.currentId);
  const [items, setItems] = useState<UpNextItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const fetchItems = useCallback((): Promise<UpNextItem[]> => {
    const { queue, index } = player.snapshot();
    return bridge.invoke('recs.upNext', {
      sessionId,
      currentTrackId: currentId ?? undefined,
      count: COUNT,
      queued: queue.slice(index + 1, index + 1 + 500),
    });
  }, [bridge, player, currentId]);

  useEffect(() => {
    let live = true;
    const refresh = (): void =>
      void fetchItems().then(
        (next) => {
          if (!live) return;
          setItems(next);
          setError(null);
        },
        (err: Error) => live && setError(err.message),
      );
    refresh();
    const offs = [
      bridge.on('upnext.changed', (e) => {
        if (e.sessionId === sessionId || e.sessionId === '*') refresh();
      }),
      bridge.on('library.changed', refresh),
    ];
    return () => {
      live = false;
      offs.forEach((off) => off());
    };
  }, [bridge, fetchItems]);

  const feedback = (item: UpNextItem, kind: 'like' | 'skip' | 'dislike'): void => {
    // Take it off the list at once; the engine's upnext.changed brings the new list.
    if (kind !== 'like')
      setItems((list) => list?.filter((x) => x.trackId !== item.trackId) ?? null);
    void sendFeedback(bridge, item.trackId, kind, 'upnext', { positionS: 0, context: 'upnext' });
  };

  const play = (i: number): void => {
    const item = items?.[i];
    if (!item) return;
    player.enqueue([item.trackId], 'upnext', true);
    player.jump(player.snapshot().index + 1);
  };

  return (
    <aside className="upnext" aria-labelledby="upnext-h">
      <h2 id="upnext-h">{t('upNext')}</h2>
      <ColdStart />
      {error ? <p className="error">{t('errorPrefix', { message: error })}</p> : null}
      {items === null && !error ? <p className="empty">{t('loading')}</p> : null}
      {items && items.length === 0 ? <p className="empty">{t('upNextEmpty')}</p> : null}
      {items && items.length > 0 ? (
        <SuggestionList items={items} label={t('upNext')} onPlay={play} onFeedback={feedback} />
      ) : null}
    </aside>
  );
}
