/** The album grid (covers, virtualised by rows) and one album's tracks. */
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useApp, useLibrary } from '../context';
import { albumsOf, type Album } from '../lib/library';
import { VirtualList } from '../components/VirtualList';
import { TrackTable } from '../components/TrackTable';
import { ListActions } from '../components/ListActions';
import { Cover } from '../components/Cover';
import { FirstRun } from './FirstRun';

// A 160 px cover plus two lines of text and the gap.
const CARD_W = 180;
const CARD_H = 230;

/** `openKey`: the album to open (albumKeyOf), from "Go to album". */
export function Albums({ openKey }: { openKey?: string }): React.JSX.Element {
  const { t } = useApp();
  const { tracks, loaded } = useLibrary();
  const albums = useMemo(() => albumsOf(tracks), [tracks]);
  const [open, setOpen] = useState<Album | null>(
    () => albums.find((a) => a.key === openKey) ?? null,
  );
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(900);

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    setWidth(el.clientWidth);
    return () => observer.disconnect();
  }, [open]);

  if (!loaded) return <p className="empty">{t('loading')}</p>;
  if (tracks.length === 0) return <FirstRun />;
  if (open) return <AlbumDetail album={open} onBack={() => setOpen(null)} />;
  const perRow = Math.max(1, Math.floor((width - 16) / CARD_W));
  const rows = Math.ceil(albums.length / perRow);
  return (
    <section className="view" aria-labelledby="albums-h" ref={ref}>
      <div className="view-head">
        <h1 id="albums-h">{t('albums')}</h1>
        <span className="muted">{t('albumsCount', { n: albums.length })}</span>
      </div>
      <VirtualList
        count={rows}
        rowHeight={CARD_H}
        overscan={2}
        role="list"
        ariaLabel={t('albums')}
        renderRow={(r) => (
          <div className="album-row">
            {albums.slice(r * perRow, r * perRow + perRow).map((a) => (
              <div role="listitem" key={a.key}>
                <button type="button" className="album-card" onClick={() => setOpen(a)}>
                  <Cover hash={a.coverHash} size={160} label={a.title} />
                  <span className="album-title">{a.title || t('unknownAlbum')}</span>
                  <span className="album-artist muted">{a.artist || t('unknownArtist')}</span>
                </button>
              </div>
            ))}
          </div>
        )}
      />
    </section>
  );
}

function AlbumDetail({ album, onBack }: { album: Album; onBack: () => void }): React.JSX.Element {
  const { t, player } = useApp();
  const first = album.tracks[0];
  const name = album.title || t('unknownAlbum');
  const ids = album.tracks.map((x) => x.id);
  const source = { kind: 'album', label: album.title } as const;
  const play = (i: number): void => player.playQueue(ids, i, source);
  return (
    <section className="view" aria-labelledby="album-h">
      <button type="button" className="link" onClick={onBack}>
        ← {t('backToAlbums')}
      </button>
      <div className="album-head">
        <Cover hash={album.coverHash} size={160} label={album.title} />
        <div>
          <h1 id="album-h">{album.title || t('unknownAlbum')}</h1>
          <p className="muted">
            {album.artist || t('unknownArtist')}
            {album.year ? ` · ${album.year}` : ''} · {t('tracksCount', { n: album.tracks.length })}
          </p>
          <ListActions
            ids={ids}
            source={source}
            playLabel={t('playAlbum', { album: name })}
            radio={first ? { seed: { kind: 'track', trackId: first.id }, name } : undefined}
          />
        </div>
      </div>
      <TrackTable tracks={album.tracks} label={album.title || t('unknownAlbum')} onPlay={play} />
    </section>
  );
}
