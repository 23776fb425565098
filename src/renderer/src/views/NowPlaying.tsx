/**
 * The now-playing view: a large cover, title, artist and album (which open the album and the
 * artist), Like / Not this, why this is playing (the suggestion's reason, or where the person
 * queued it from) with the measured tempo, key, energy and mood in words, and the lyrics — synced
 * where the file has timings.
 */
import { useEffect, useState } from 'react';
import type { AudioFeatures } from '../../../shared/analysis';
import { useApp, useLibrary, usePlayer } from '../context';
import { albumKeyOf } from '../lib/library';
import { soundInWords } from '../lib/sound-words';
import { Cover } from '../components/Cover';
import { PlayingOpinion } from '../components/PlayingOpinion';
import { originLabel } from '../components/QueuedEntries';
import { originAt } from '../player/origins';
import { CurrentLyrics } from './Lyrics';
import { reasonText } from '../i18n/reasons';

export function NowPlaying(): React.JSX.Element {
  const { t, bridge, library, suggestions, goTo, locale } = useApp();
  useLibrary();
  const currentId = usePlayer((s) => s.currentId);
  const origin = usePlayer((s) => originAt(s, s.index));
  const source = usePlayer((s) => s.source);
  const [features, setFeatures] = useState<{ id: number; f: AudioFeatures | null } | null>(null);

  useEffect(() => {
    if (currentId === null) return;
    let live = true;
    bridge.invoke('analysis.features', { id: currentId }).then(
      (f) => live && setFeatures({ id: currentId, f }),
      () => live && setFeatures({ id: currentId, f: null }),
    );
    return () => {
      live = false;
    };
  }, [bridge, currentId]);

  const track = currentId === null ? undefined : library.get(currentId);
  if (!track) {
    return (
      <section className="view" aria-labelledby="np-h">
        <h1 id="np-h">{t('nowPlaying')}</h1>
        <p className="empty">{t('lyricsNothing')}</p>
      </section>
    );
  }
  const f = features?.id === track.id ? features.f : null;
  const measured = f && f.status === 'ok' ? soundInWords(t, f) : '';
  const suggested = origin === 'upnext' ? suggestions.reasonFor(track.id) : null;
  const reason = suggested ? reasonText(suggested, locale) : originLabel(t, origin, source);

  return (
    <section className="view now-playing" aria-labelledby="np-h">
      <div className="np-head">
        <Cover hash={track.coverHash} size={240} label={track.album} />
        <div className="np-text">
          <h1 id="np-h">{track.title || t('untitled')}</h1>
          <p>
            <button
              type="button"
              className="link"
              onClick={() => goTo({ kind: 'artist', name: track.artist })}
            >
              {track.artist || t('unknownArtist')}
            </button>
            {' · '}
            <button
              type="button"
              className="link"
              onClick={() => goTo({ kind: 'album', key: albumKeyOf(track) })}
            >
              {track.album || t('unknownAlbum')}
            </button>
          </p>
          <PlayingOpinion size={24} />
          <h2>{t('whyPlaying')}</h2>
          <p className="reason np-reason">{reason}</p>
          <p className="muted">
            {t('measured')}: {measured || t('notAnalysed')}
          </p>
        </div>
      </div>
      <h2>{t('lyrics')}</h2>
      <div className="np-lyrics">
        <CurrentLyrics />
      </div>
    </section>
  );
}
