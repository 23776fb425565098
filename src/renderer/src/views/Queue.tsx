/**
 * The play queue: where it came from, the current track, reorder (drag, or move up/down), remove,
 * clear, and save it as a playlist.
 */
import { useApp, usePlayer } from '../context';
import { OrderedTracks } from '../components/OrderedTracks';
import { PlaylistNameForm } from '../components/PlaylistNameForm';

export function Queue(): React.JSX.Element {
  const { t, player, playlists, goTo } = useApp();
  const queue = usePlayer((s) => s.queue);
  const index = usePlayer((s) => s.index);
  const source = usePlayer((s) => s.source);
  const save = async (name: string): Promise<void> => {
    const made = await playlists.change((b) =>
      b.invoke('playlists.create', { name, trackIds: player.snapshot().queue }),
    );
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
        <PlaylistNameForm submitLabel={t('saveAsPlaylist')} onSubmit={(n) => void save(n)} />
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
