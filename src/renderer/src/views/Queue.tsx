/**
 * The play queue: where it came from, the current track, reorder (drag, or move up/down), remove,
 * clear, and save it as a playlist.
 */
import { useState } from 'react';
import { useApp, usePlayer } from '../context';
import { OrderedTracks } from '../components/OrderedTracks';

export function Queue(): React.JSX.Element {
  const { t, player, playlists, goTo } = useApp();
  const queue = usePlayer((s) => s.queue);
  const index = usePlayer((s) => s.index);
  const source = usePlayer((s) => s.source);
  const [name, setName] = useState('');

  const save = async (): Promise<void> => {
    const made = await playlists.change((b) =>
      b.invoke('playlists.create', { name: name.trim(), trackIds: player.snapshot().queue }),
    );
    setName('');
    goTo({ kind: 'playlist', id: made.id });
  };

  return (
    <section className="view" aria-labelledby="queue-h">
      <div className="view-head">
        <h1 id="queue-h">{t('queue')}</h1>
        {source ? <span className="muted">{source.label}</span> : null}
        <span className="muted">{t('tracksCount', { n: queue.length })}</span>
        {queue.length ? (
          <button type="button" onClick={() => player.clear()}>
            {t('clearQueue')}
          </button>
        ) : null}
      </div>
      {queue.length ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void save();
          }}
        >
          <input
            type="text"
            aria-label={t('playlistName')}
            placeholder={t('playlistName')}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <button type="submit" disabled={!name.trim()}>
            {t('saveAsPlaylist')}
          </button>
        </form>
      ) : null}
      {queue.length === 0 ? <p className="empty">{t('queueEmpty')}</p> : null}
      <OrderedTracks
        ids={queue}
        label={t('queue')}
        current={index}
        onPlay={(i) => player.jump(i)}
        onMove={(from, to) => player.move(from, to)}
        onRemove={(i) => player.remove(i)}
        removeLabel={(title) => t('removeFromQueue', { title })}
      />
    </section>
  );
}
