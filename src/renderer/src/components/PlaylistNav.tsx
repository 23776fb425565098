/**
 * The playlists in the navigation: each one opens its page; New playlist (a name, then Create)
 * and Import M3U8 (a file chosen from disk, read in the page and matched to the library by the
 * engine).
 */
import { useRef, useState } from 'react';
import { useApp, usePlaylists } from '../context';

export function PlaylistNav({ openId }: { openId: number | null }): React.JSX.Element {
  const { t, playlists, goTo } = useApp();
  const list = usePlaylists();
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const create = async (): Promise<void> => {
    const made = await playlists.change((b) => b.invoke('playlists.create', { name: name.trim() }));
    setName('');
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
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (name.trim()) void create().catch((err: Error) => setError(err.message));
          }}
        >
          <input
            type="text"
            aria-label={t('playlistName')}
            placeholder={t('playlistName')}
            value={name}
            autoFocus
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setNaming(false)}
          />
          <button type="submit" disabled={!name.trim()}>
            {t('createPlaylist')}
          </button>
        </form>
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
