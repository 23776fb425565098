/**
 * The player bar: cover, title and artist, Previous / Play-Pause / Next, the seek bar, volume,
 * shuffle and repeat. Every control has an accessible name.
 */
import { useApp, useLibrary, usePlayer } from '../context';
import { albumKeyOf, formatTime } from '../lib/library';
import { Cover } from './Cover';
import { Icon } from './Icon';
import { PlayingOpinion } from './PlayingOpinion';

export function PlayerBar(): React.JSX.Element {
  const { t, player, library, goTo, navigate } = useApp();
  useLibrary();
  const currentId = usePlayer((s) => s.currentId);
  const playing = usePlayer((s) => s.playing);
  const position = usePlayer((s) => s.positionS);
  const duration = usePlayer((s) => s.durationS);
  const volume = usePlayer((s) => s.volume);
  const muted = usePlayer((s) => s.muted);
  const shuffle = usePlayer((s) => s.shuffle);
  const repeat = usePlayer((s) => s.repeat);
  const error = usePlayer((s) => s.error);
  const track = currentId === null ? undefined : library.get(currentId);
  const repeatLabel =
    repeat === 'off' ? t('repeatOff') : repeat === 'all' ? t('repeatAll') : t('repeatOne');

  return (
    <section className="playerbar" aria-label={t('player')}>
      <div className="now" aria-label={t('nowPlaying')} aria-live="polite">
        <button
          type="button"
          className="plain np-open"
          aria-label={t('openNowPlaying')}
          title={t('openNowPlaying')}
          onClick={() => navigate('nowPlaying')}
        >
          <Cover hash={track?.coverHash ?? null} size={48} label={track?.album ?? ''} />
        </button>
        <div className="now-text">
          <div className="now-title">
            {track ? (
              <button
                type="button"
                className="plain"
                title={t('goToAlbum')}
                onClick={() => goTo({ kind: 'album', key: albumKeyOf(track) })}
              >
                {track.title || t('untitled')}
              </button>
            ) : (
              t('nothingPlaying')
            )}
          </div>
          <div className="muted now-artist">
            {track ? (
              <button
                type="button"
                className="plain"
                title={t('goToArtist')}
                onClick={() => goTo({ kind: 'artist', name: track.artist })}
              >
                {track.artist || t('unknownArtist')}
              </button>
            ) : null}
          </div>
          {error ? <div className="error">{error}</div> : null}
        </div>
        <PlayingOpinion />
      </div>
      <div className="transport">
        <div className="buttons">
          <button
            type="button"
            className={`icon ${shuffle ? 'on' : ''}`}
            aria-label={t('shuffle')}
            title={t('shuffle')}
            aria-pressed={shuffle}
            onClick={() => player.toggleShuffle()}
          >
            <Icon name="shuffle" />
          </button>
          <button
            type="button"
            className="icon"
            aria-label={t('previous')}
            title={t('previous')}
            onClick={() => player.previous()}
          >
            <Icon name="previous" />
          </button>
          <button
            type="button"
            className="icon big"
            aria-label={playing ? t('pause') : t('play')}
            title={playing ? t('pause') : t('play')}
            onClick={() => player.toggle()}
          >
            <Icon name={playing ? 'pause' : 'play'} size={28} />
          </button>
          <button
            type="button"
            className="icon"
            aria-label={t('next')}
            title={t('next')}
            onClick={() => player.next()}
          >
            <Icon name="next" />
          </button>
          <button
            type="button"
            className={`icon ${repeat !== 'off' ? 'on' : ''}`}
            aria-label={repeatLabel}
            title={repeatLabel}
            aria-pressed={repeat !== 'off'}
            onClick={() => player.cycleRepeat()}
          >
            <Icon name={repeat === 'one' ? 'repeatOne' : 'repeat'} />
          </button>
        </div>
        <div className="seek">
          <span className="time">{formatTime(position)}</span>
          <input
            type="range"
            aria-label={t('seek')}
            aria-valuetext={`${formatTime(position)} / ${formatTime(duration)}`}
            min={0}
            max={duration || 0}
            step={0.1}
            value={Math.min(position, duration || 0)}
            disabled={!duration}
            onChange={(e) => player.seek(Number(e.target.value))}
          />
          <span className="time">{formatTime(duration)}</span>
        </div>
      </div>
      <div className="volume">
        <button
          type="button"
          className="icon"
          aria-label={muted ? t('unmute') : t('mute')}
          title={muted ? t('unmute') : t('mute')}
          onClick={() => player.toggleMute()}
        >
          <Icon name={muted || volume === 0 ? 'mute' : 'volume'} />
        </button>
        <input
          type="range"
          aria-label={t('volume')}
          aria-valuetext={t('volumePercent', { n: Math.round((muted ? 0 : volume) * 100) })}
          title={t('volumePercent', { n: Math.round((muted ? 0 : volume) * 100) })}
          min={0}
          max={1}
          step={0.01}
          value={muted ? 0 : volume}
          onChange={(e) => player.setVolume(Number(e.target.value))}
        />
      </div>
    </section>
  );
}
