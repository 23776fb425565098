/**
 * Like and Not this for the track that is playing (player bar, now-playing view): pressed when the
 * store says so, pressed again to take it back. Not this also moves on to the next track, as a
 * "never mind this one" does in every player.
 */
import { useApp, usePlayer } from '../context';
import { useOpinion } from '../lib/opinion';
import { Icon } from './Icon';

export function PlayingOpinion({ size = 20 }: { size?: number }): React.JSX.Element | null {
  const { t, player } = useApp();
  const currentId = usePlayer((s) => s.currentId);
  const { opinion, toggleLike, toggleDislike } = useOpinion(currentId, player.currentOrigin);
  if (currentId === null) return null;
  const likeLabel = opinion.liked ? t('unlike') : t('like');
  const notThisLabel = opinion.disliked ? t('undislike') : t('notThis');
  return (
    <span className="opinion">
      <button
        type="button"
        className={`icon ${opinion.liked ? 'on' : ''}`}
        aria-label={t('like')}
        aria-pressed={opinion.liked}
        title={likeLabel}
        onClick={() => void toggleLike()}
      >
        <Icon name="like" size={size} />
      </button>
      <button
        type="button"
        className={`icon ${opinion.disliked ? 'on' : ''}`}
        aria-label={t('notThis')}
        aria-pressed={opinion.disliked}
        title={notThisLabel}
        onClick={() => {
          const rejecting = !opinion.disliked;
          void toggleDislike();
          if (rejecting) player.next();
        }}
      >
        <Icon name="notThis" size={size} />
      </button>
    </span>
  );
}
