/**
 * One playlist: play it (or shuffle it), rename, reorder (drag, or move up/down), remove songs,
 * export it as M3U8 (absolute or relative paths), delete it. After an M3U8 import it says how many
 * songs came in and lists the entries that are not in the library.
 */
import { useCallback, useEffect, useState } from 'react';
import type { Playlist as PlaylistData } from '../../../shared/playlists';
import { useApp, usePlaylists } from '../context';
import { ListActions } from '../components/ListActions';
import { OrderedTracks } from '../components/OrderedTracks';
import { PlaylistNameForm } from '../components/PlaylistNameForm';
import type { ImportReport } from '../lib/playlists';

export function Playlist({ id }: { id: number }): React.JSX.Element {
  const { t, bridge, player, playlists, navigate } = useApp();
  const [list, setList] = useState<PlaylistData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [paths, setPaths] = useState<'relative' | 'absolute'>('relative');
  const [report] = useState<ImportReport | null>(() => playlists.takeReport(id));
  // Loaded again after every playlist change, also those made elsewhere (a track menu's "Add to").
  const changed = usePlaylists();

  useEffect(() => {
    let live = true;
    bridge.invoke('playlists.get', { id }).then(
      (p) => live && setList(p),
      (err: Error) => live && setError(err.message),
    );
    return () => {
      live = false;
    };
  }, [bridge, id, changed]);

  /** An edit through the engine; the playlist it answers with is shown. */
  const edit = useCallback(
    (work: () => Promise<PlaylistData>) =>
      void playlists.change(work).then(setList, (err: Error) => setError(err.message)),
    [playlists],
  );

  if (error) return <p className="error">{t('errorPrefix', { message: error })}</p>;
  if (!list) return <p className="empty">{t('loading')}</p>;
  const source = { kind: 'playlist', label: list.name } as const;

  const exportFile = async (): Promise<void> => {
    const { name, text } = await bridge.invoke('playlists.exportM3u8', { id, paths });
    const url = URL.createObjectURL(new Blob([text], { type: 'audio/x-mpegurl' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name}.m3u8`;
    a.click();
    URL.revokeObjectURL(url);
  };

  return (
    <section className="view" aria-labelledby="playlist-h">
      <div className="view-head">
        {renaming === null ? (
          <h1 id="playlist-h">{list.name}</h1>
        ) : (
          <PlaylistNameForm
            submitLabel={t('renamePlaylist')}
            initial={renaming}
            autoFocus
            onSubmit={(name) => {
              setRenaming(null);
              edit(() => bridge.invoke('playlists.rename', { id, name }));
            }}
            onCancel={() => setRenaming(null)}
          />
        )}
        <span className="muted">{t('tracksCount', { n: list.trackIds.length })}</span>
        <ListActions ids={list.trackIds} source={source} />
        {renaming === null ? (
          <button type="button" onClick={() => setRenaming(list.name)}>
            {t('renamePlaylist')}
          </button>
        ) : null}
      </div>
      <div className="view-head">
        <label>
          {t('exportPaths')}{' '}
          <select
            value={paths}
            onChange={(e) => setPaths(e.target.value === 'absolute' ? 'absolute' : 'relative')}
          >
            <option value="relative">{t('exportRelative')}</option>
            <option value="absolute">{t('exportAbsolute')}</option>
          </select>
        </label>
        <button type="button" onClick={() => void exportFile()}>
          {t('exportM3u8')}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() =>
            void playlists
              .change(() => bridge.invoke('playlists.delete', { id }))
              .then(
                () => navigate('songs'),
                (err: Error) => setError(err.message),
              )
          }
        >
          {t('deletePlaylist')}
        </button>
      </div>
      {report ? (
        <div className="notice" role="status">
          <p>{t('imported', { n: report.imported, file: report.file })}</p>
          {report.notFound.length ? (
            <>
              <p>{t('notInLibrary', { n: report.notFound.length })}</p>
              <ul className="not-found">
                {report.notFound.map((entry, i) => (
                  <li key={i}>{entry}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      {list.trackIds.length === 0 ? <p className="empty">{t('storedPlaylistEmpty')}</p> : null}
      <OrderedTracks
        ids={list.trackIds}
        label={list.name}
        onPlay={(i) => player.playQueue(list.trackIds, i, source)}
        onMove={(from, to) => edit(() => bridge.invoke('playlists.move', { id, from, to }))}
        onRemove={(i) => edit(() => bridge.invoke('playlists.remove', { id, positions: [i] }))}
        removeLabel={(title) => t('removeFromPlaylist', { title })}
      />
    </section>
  );
}
