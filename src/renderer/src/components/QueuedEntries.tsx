/**
 * The person's own part of Up Next: the queue entries after the current track, in play order,
 * each labelled with where it came from ("From <album>", "Queued by you"), with Remove. Only the
 * next few are listed here; the Queue view shows them all.
 */
import type { QueueSource } from '../../../shared/app-state';
import type { FeedbackSource } from '../../../shared/recommend';
import type { Translate } from '../i18n/strings';
import { useApp, useLibrary, usePlayer } from '../context';
import { Cover } from './Cover';
import { Icon } from './Icon';
import { onItemActionKeys } from '../lib/item-actions';
import { originAt } from '../player/origins';

// Enough to see what comes in the next hour without pushing the suggestions out of the panel.
const SHOWN = 12;

/** The label saying where a queue entry came from. */
export function originLabel(
  t: Translate,
  origin: FeedbackSource,
  source: QueueSource | null,
): string {
  if (origin === 'queue') return t('queuedByYou');
  if (origin === 'upnext') return t('suggested');
  return source ? t('fromSource', { name: source.label }) : t('queuedByYou');
}

export function QueuedEntries(): React.JSX.Element | null {
  const { t, player, library, navigate } = useApp();
  useLibrary();
  const queue = usePlayer((s) => s.queue);
  const origins = usePlayer((s) => s.origins);
  const index = usePlayer((s) => s.index);
  const source = usePlayer((s) => s.source);
  const start = index + 1;
  const rest = queue.length - start;
  if (rest <= 0) return null;
  const shown = queue.slice(start, start + SHOWN);

  return (
    <>
      <h3 className="upnext-section">{t('queue')}</h3>
      <ol className="suggestions" aria-label={t('queue')}>
        {shown.map((id, k) => {
          const at = start + k;
          const tr = library.get(id);
          const title = tr?.title || t('untitled');
          const origin = originAt({ queue, origins, source }, at);
          return (
            <li
              key={`${at}-${id}`}
              className="upnext-entry"
              data-track-id={id}
              onKeyDown={onItemActionKeys}
            >
              <button
                type="button"
                className="suggestion-play"
                onClick={() => player.jump(at)}
                aria-label={`${t('play')} ${title}`}
              >
                <Cover hash={tr?.coverHash ?? null} size={40} label={tr?.album ?? title} />
                <span className="suggestion-text">
                  <span className="s-title">{title}</span>
                  <span className="muted s-artist">{tr?.artist || t('unknownArtist')}</span>
                  <span className="badge">{originLabel(t, origin, source)}</span>
                </span>
              </button>
              <span className="feedback">
                <button
                  type="button"
                  className="icon"
                  tabIndex={-1}
                  aria-label={t('removeFromQueue', { title })}
                  title={t('removeFromQueue', { title })}
                  onClick={() => player.remove(at)}
                >
                  <Icon name="close" size={16} />
                </button>
              </span>
            </li>
          );
        })}
      </ol>
      {rest > SHOWN ? (
        <button type="button" className="link" onClick={() => navigate('queue')}>
          {t('moreQueued', { n: rest - SHOWN })}
        </button>
      ) : null}
    </>
  );
}
