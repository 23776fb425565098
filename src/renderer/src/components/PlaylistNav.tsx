/**
 * The playlists in the navigation: each one opens its page; New playlist (a name, then Create)
 * and Import M3U8 (a file chosen from disk, read in the page and matched to the library by the
 * engine).
 */
import { useRef, useState } from 'react';
import { useApp, usePlaylists } from '../context';
import { PlaylistNameForm } from './PlaylistNameForm';

export function PlaylistNav({ openId }: { openId: number | null }): React.JSX.Element {
  const { t, playlists, goTo } = useApp();
  const list = usePlaylists();
  const [naming, setNaming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const create = async (name: string): Promise<void> => {
    const made = await playlists.change((b) => b.invoke('playlists.create', { name }));
    setNaming(false);
    goTo({ kind: 'playlist', id: made.id });
  };
  const importFile = async (file: File): Promise<void> => {
    setError(null);
    try {
      goTo({ kind: 'playlist', id: await playlists.importFile(file.name, await file.text()) });
    } catch (err) {
      setError((err as Error).message);
    }
  };

  return (
    <section className="playlist-nav" aria-labelledby="playlists-h">
      <h2 id="playlists-h">{t('playlists')}</h2>
      <ul>
        {list.map((p) => (
          <li key={p.id}>
            <button
              type="button"
              aria-current={p.id === openId ? 'page' : undefined}
              onClick={() => goTo({ kind: 'playlist', id: p.id })}
            >
              <span className="pl-name">{p.name}</span>
              <span className="muted pl-count">{p.trackCount}</span>
            </button>
          </li>
        ))}
      </ul>
      {naming ? (
        <PlaylistNameForm
          submitLabel={t('createPlaylist')}
          autoFocus
          onSubmit={(name) => void create(name).catch((err: Error) => setError(err.message))}
          onCancel={() => setNaming(false)}
        />
      ) : (
        <button type="button" className="link" onClick={() => setNaming(true)}>
          + {t('newPlaylist')}
        </button>
      )}
      <button type="button" className="link" onClick={() => fileRef.current?.click()}>
        {t('importM3u8')}
      </button>
      <input
        ref={fileRef}
        type="file"
        accept=".m3u8,.m3u,audio/x-mpegurl"
        aria-label={t('importM3u8')}
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
      {error ? <p className="error">{t('errorPrefix', { message: error })}</p> : null}
    </section>
  );
}
