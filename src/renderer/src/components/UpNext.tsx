/**
 * The Up Next panel, always visible: exactly what will play, in order. The current track; then
 * what the person chose (the rest of the list they started, and what they queued), each labelled
 * with where it came from; then, with auto-DJ on, Encore's suggestions with their reasons and
 * Like / Skip / Not this. Next plays the first entry after the current one, and at the end of the
 * queue the auto-DJ plays the first suggestion shown here (both read player/suggestions.ts).
 */
import type { UpNextItem } from '../../../shared/recommend';
import { useApp, useLibrary, usePlayer, useSuggestions } from '../context';
import { sendFeedback } from '../lib/feedback';
import { SuggestionList } from './SuggestionList';
import { ColdStart } from './ColdStart';
import { QueuedEntries } from './QueuedEntries';
import { Cover } from './Cover';
import { Icon } from './Icon';

/** `open`: false shows only the button that opens the panel again (narrow windows). */
export function UpNext({
  open,
  onToggle,
}: {
  open: boolean;
  onToggle: () => void;
}): React.JSX.Element {
  const { t, bridge, player, suggestions, library, settings } = useApp();
  useLibrary();
  const currentId = usePlayer((s) => s.currentId);
  const queued = usePlayer((s) => s.queue.length - s.index - 1);
  const { items, error } = useSuggestions();
  const current = currentId === null ? undefined : library.get(currentId);

  const feedback = (item: UpNextItem, kind: 'like' | 'skip' | 'dislike'): void => {
    // A skipped or rejected suggestion leaves the list at once; the engine's upnext.changed
    // brings the suggestions after it anew. The person's own queue above is never touched.
    if (kind !== 'like') suggestions.drop(item.trackId);
    void sendFeedback(bridge, item.trackId, kind, 'upnext', { positionS: 0, context: 'upnext' });
  };

  const play = (i: number): void => {
    const item = items?.[i];
    if (!item) return;
    // Played after the person's queued songs' position: the rest of their queue stays next.
    player.enqueue([item.trackId], 'upnext', true);
    player.jump(player.snapshot().index + 1);
  };

  const nothing = currentId === null && queued <= 0 && items !== null && items.length === 0;
  const toggle = (
    <button
      type="button"
      className="icon upnext-toggle"
      aria-expanded={open}
      aria-controls="upnext-body"
      aria-label={open ? t('collapseUpNext') : t('expandUpNext')}
      title={open ? t('collapseUpNext') : t('expandUpNext')}
      onClick={onToggle}
    >
      <Icon name={open ? 'next' : 'previous'} size={16} />
    </button>
  );
  if (!open)
    return (
      <aside className="upnext folded" aria-label={t('upNext')}>
        {toggle}
      </aside>
    );
  return (
    <aside className="upnext" aria-labelledby="upnext-h" id="upnext-body">
      <div className="upnext-head">
        <h2 id="upnext-h">{t('upNext')}</h2>
        {toggle}
      </div>
      <ColdStart />
      {current ? (
        <div className="upnext-current" aria-label={t('nowPlaying')} role="group">
          <Cover hash={current.coverHash} size={40} label={current.album} />
          <span className="suggestion-text">
            <span className="badge">{t('nowPlaying')}</span>
            <span className="s-title">{current.title || t('untitled')}</span>
            <span className="muted s-artist">{current.artist || t('unknownArtist')}</span>
          </span>
        </div>
      ) : null}
      <QueuedEntries />
      {error ? <p className="error">{t('errorPrefix', { message: error })}</p> : null}
      {settings.autoDj && items === null && !error ? <p className="empty">{t('loading')}</p> : null}
      {nothing ? <p className="empty">{t('upNextEmpty')}</p> : null}
      {settings.autoDj && items && items.length > 0 ? (
        <>
          <h3 className="upnext-section">{t('suggestions')}</h3>
          <SuggestionList
            items={items}
            label={t('suggestions')}
            badge={t('suggested')}
            onPlay={play}
            onFeedback={feedback}
          />
        </>
      ) : null}
    </aside>
  );
}
