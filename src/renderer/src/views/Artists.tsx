/** The artist list (virtualised) and one artist's songs. */
import { useMemo, useState } from 'react';
import { useApp, useLibrary } from '../context';
import { artistsOf, type Artist } from '../lib/library';
import { VirtualList } from '../components/VirtualList';
import { TrackTable } from '../components/TrackTable';
import { FirstRun } from './FirstRun';
import { ListActions } from '../components/ListActions';
import { playFromList } from '../player/play-from-list';

const ROW = 40;

/** `openName`: the artist to open, from "Go to artist". */
export function Artists({ openName }: { openName?: string }): React.JSX.Element {
  const { t, player, settings } = useApp();
  const { tracks, loaded } = useLibrary();
  const artists = useMemo(() => artistsOf(tracks), [tracks]);
  const [open, setOpen] = useState<Artist | null>(
    () => artists.find((a) => openName !== undefined && a.name === openName) ?? null,
  );

  if (!loaded) return <p className="empty">{t('loading')}</p>;
  if (tracks.length === 0) return <FirstRun />;
  if (open) {
    const ids = open.tracks.map((x) => x.id);
    const source = { kind: 'artist', label: open.name } as const;
    const play = (i: number): void => playFromList(player, ids, i, source, settings.continueWith);
    return (
      <section className="view" aria-labelledby="artist-h">
        <button type="button" className="link" onClick={() => setOpen(null)}>
          ← {t('backToArtists')}
        </button>
        <div className="view-head">
          <h1 id="artist-h">{open.name || t('unknownArtist')}</h1>
          <span className="muted">
            {t('tracksCount', { n: open.tracks.length })} · {t('albumsCount', { n: open.albums })}
          </span>
          <ListActions
            ids={ids}
            source={source}
            radio={{
              seed: { kind: 'artist', name: open.name },
              name: open.name || t('unknownArtist'),
            }}
          />
        </div>
        <TrackTable tracks={open.tracks} label={open.name} onPlay={play} />
      </section>
    );
  }
  return (
    <section className="view" aria-labelledby="artists-h">
      <div className="view-head">
        <h1 id="artists-h">{t('artists')}</h1>
        <span className="muted">{artists.length}</span>
      </div>
      <VirtualList
        count={artists.length}
        rowHeight={ROW}
        role="list"
        ariaLabel={t('artists')}
        renderRow={(i) => {
          const a = artists[i] as Artist;
          return (
            <div role="listitem" className="artist-item">
              <button type="button" className="artist-row" onClick={() => setOpen(a)}>
                <span>{a.name || t('unknownArtist')}</span>
                <span className="muted">{t('tracksCount', { n: a.tracks.length })}</span>
              </button>
            </div>
          );
        }}
      />
    </section>
  );
}
