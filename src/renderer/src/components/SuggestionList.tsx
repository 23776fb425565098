/**
 * A list of suggestions with their reasons (Up Next, a station, a mood playlist): click to play,
 * and optionally Like / Skip / Not this buttons that feed the recommender.
 */
import type { UpNextItem } from '../../../shared/recommend';
import { useApp, useLibrary } from '../context';
import { Cover } from './Cover';
import { Icon, type IconName } from './Icon';
import { reasonText } from '../i18n/reasons';
import { onItemActionKeys } from '../lib/item-actions';

type FeedbackKind = 'like' | 'skip' | 'dislike';

/** The feedback buttons of each suggestion, in order; the arrow keys move between them. */
const FEEDBACK: { kind: FeedbackKind; label: 'like' | 'skip' | 'notThis'; icon: IconName }[] = [
  { kind: 'like', label: 'like', icon: 'like' },
  { kind: 'skip', label: 'skip', icon: 'next' },
  { kind: 'dislike', label: 'notThis', icon: 'notThis' },
];

export interface SuggestionListProps {
  items: readonly UpNextItem[];
  label: string;
  /** A tag shown on every item ("Suggested"), when the list sits among other entries. */
  badge?: string;
  onPlay: (index: number) => void;
  onFeedback?: (item: UpNextItem, kind: FeedbackKind) => void;
}

export function SuggestionList({
  items,
  label,
  badge,
  onPlay,
  onFeedback,
}: SuggestionListProps): React.JSX.Element {
  const { t, library, locale } = useApp();
  useLibrary();
  return (
    <ol className="suggestions" aria-label={label}>
      {items.map((item, i) => {
        const tr = library.get(item.trackId);
        const title = tr?.title || t('untitled');
        return (
          <li
            key={item.trackId}
            className="suggestion"
            data-track-id={item.trackId}
            onKeyDown={onItemActionKeys}
          >
            <button
              type="button"
              className="suggestion-play"
              onClick={() => onPlay(i)}
              aria-label={`${t('play')} ${title}`}
            >
              <Cover hash={tr?.coverHash ?? null} size={40} label={tr?.album ?? title} />
              <span className="suggestion-text">
                <span className="s-title">{title}</span>
                <span className="muted s-artist">{tr?.artist || t('unknownArtist')}</span>
                {badge ? <span className="badge">{badge}</span> : null}
                <span className="reason">{reasonText(item, locale)}</span>
              </span>
            </button>
            {onFeedback ? (
              <span className="feedback">
                {FEEDBACK.map(({ kind, label, icon }) => (
                  <button
                    key={kind}
                    type="button"
                    className="icon"
                    tabIndex={-1}
                    aria-label={t(label)}
                    title={t(label)}
                    onClick={() => onFeedback(item, kind)}
                  >
                    <Icon name={icon} size={16} />
                  </button>
                ))}
              </span>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
