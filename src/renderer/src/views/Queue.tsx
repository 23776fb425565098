/** The play queue: where it came from, the current track, reorder (move up/down) and remove. */
import { useApp, useLibrary, usePlayer } from '../context';
import { formatTime } from '../lib/library';
import { VirtualList } from '../components/VirtualList';
import { Icon } from '../components/Icon';

const ROW = 44;

export function Queue(): React.JSX.Element {
  const { t, player, library } = useApp();
  useLibrary();
  const queue = usePlayer((s) => s.queue);
  const index = usePlayer((s) => s.index);
  const source = usePlayer((s) => s.source);

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
      {queue.length === 0 ? <p className="empty">{t('queueEmpty')}</p> : null}
      <VirtualList
        count={queue.length}
        rowHeight={ROW}
        role="list"
        ariaLabel={t('queue')}
        scrollToIndex={index >= 0 ? index : null}
        renderRow={(i) => {
          const tr = library.get(queue[i] as number);
          const title = tr?.title || t('untitled');
          return (
            <div
              role="listitem"
              className={`queue-row ${i === index ? 'current' : ''}`}
              aria-current={i === index ? 'true' : undefined}
            >
              <button type="button" className="queue-play" onClick={() => player.jump(i)}>
                <span className="q-title">{title}</span>
                <span className="muted">{tr?.artist || t('unknownArtist')}</span>
              </button>
              <span className="muted">{formatTime(tr?.durationS)}</span>
              <button
                type="button"
                className="icon"
                aria-label={t('moveUp', { title })}
                disabled={i === 0}
                onClick={() => player.move(i, i - 1)}
              >
                <Icon name="up" />
              </button>
              <button
                type="button"
                className="icon"
                aria-label={t('moveDown', { title })}
                disabled={i === queue.length - 1}
                onClick={() => player.move(i, i + 1)}
              >
                <Icon name="down" />
              </button>
              <button
                type="button"
                className="icon"
                aria-label={t('removeFromQueue', { title })}
                onClick={() => player.remove(i)}
              >
                <Icon name="close" size={16} />
              </button>
            </div>
          );
        }}
      />
    </section>
  );
}
