/**
 * The actions menu of one track (right click on any track row, or its "…" button): Play next, Add
 * to queue, Start radio, Like, Not this, Add to a playlist or to a new one (named in the menu,
 * then shown), Go to album, Go to artist, and Show file in folder (the desktop app) or Copy file
 * path (the browser, which cannot open a file manager). A real menu for the keyboard: it takes
 * the focus, arrows move, Escape or Tab closes it and the focus goes back.
 */
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useApp, usePlaylists, type TrackMenuRequest } from '../context';
import { PlaylistNameForm } from './PlaylistNameForm';
import { albumKeyOf } from '../lib/library';
import { sendFeedback } from '../lib/feedback';
import { useOpinion } from '../lib/opinion';
import { startRadio } from '../player/radio';

export interface TrackMenuProps {
  request: TrackMenuRequest;
  onClose: () => void;
}

interface Item {
  key: string;
  text: string;
  run: () => void | Promise<unknown>;
  pressed?: boolean;
  /** The item changes the menu (asks for a name) instead of closing it. */
  keepOpen?: boolean;
}

// Browsing: the person acted on a track from a list, not on something queued for them.
const fromBrowsing = (): 'library' => 'library';

export function TrackMenu({ request, onClose }: TrackMenuProps): React.JSX.Element | null {
  const { t, bridge, player, library, goTo, playlists } = useApp();
  const lists = usePlaylists();
  const ref = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState({ x: request.x, y: request.y });
  const [naming, setNaming] = useState(false);
  const { trackId } = request;
  const track = library.get(trackId);
  const { opinion, toggleLike, toggleDislike } = useOpinion(trackId, fromBrowsing);

  const close = (): void => {
    onClose();
    request.returnFocus?.focus();
  };

  // Kept inside the window: a menu opened near the bottom or the right edge opens upwards/left.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const box = el.getBoundingClientRect();
    setAt({
      x: Math.max(0, Math.min(request.x, window.innerWidth - box.width - 4)),
      y: Math.max(0, Math.min(request.y, window.innerHeight - box.height - 4)),
    });
    if (!naming) el.querySelector<HTMLElement>('[role^="menuitem"]')?.focus();
  }, [request, naming]);

  useEffect(() => {
    const outside = (e: MouseEvent): void => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [onClose]);

  if (!track) return null;
  const title = track.title || t('untitled');
  const queue = (next: boolean): void => {
    player.enqueue([trackId], 'queue', next);
    void sendFeedback(bridge, trackId, 'queue', 'library', { context: next ? 'next' : 'end' });
  };
  const items: Item[] = [
    { key: 'playNext', text: t('playNext'), run: () => queue(true) },
    { key: 'addToQueue', text: t('addToQueue'), run: () => queue(false) },
    {
      key: 'startRadio',
      text: t('startRadio'),
      run: () =>
        startRadio(bridge, player, { kind: 'track', trackId }, t('radioFor', { name: title })),
    },
    { key: 'like', text: t('like'), run: toggleLike, pressed: opinion.liked },
    { key: 'notThis', text: t('notThis'), run: toggleDislike, pressed: opinion.disliked },
    ...lists.map((p) => ({
      key: `playlist-${p.id}`,
      text: t('addToPlaylist', { name: p.name }),
      run: () =>
        playlists.change((b) => b.invoke('playlists.add', { id: p.id, trackIds: [trackId] })),
    })),
    { key: 'newPlaylist', text: t('addToNewPlaylist'), run: () => setNaming(true), keepOpen: true },
    {
      key: 'goToAlbum',
      text: t('goToAlbum'),
      run: () => goTo({ kind: 'album', key: albumKeyOf(track) }),
    },
    {
      key: 'goToArtist',
      text: t('goToArtist'),
      run: () => goTo({ kind: 'artist', name: track.artist }),
    },
    bridge.shell
      ? {
          key: 'showInFolder',
          text: t('showInFolder'),
          run: () => bridge.shell?.invoke('shell.showTrackInFolder', { id: trackId }),
        }
      : {
          key: 'copyPath',
          text: t('copyPath'),
          run: async () => {
            const full = await bridge.invoke('library.track', { id: trackId });
            if (full) await navigator.clipboard.writeText(full.path);
          },
        },
  ];

  const createWith = async (name: string): Promise<void> => {
    const made = await playlists.change((b) =>
      b.invoke('playlists.create', { name, trackIds: [trackId] }),
    );
    goTo({ kind: 'playlist', id: made.id });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLElement);
    const move = (to: number): void => buttons[(to + buttons.length) % buttons.length]?.focus();
    if (e.key === 'ArrowDown') move(i + 1);
    else if (e.key === 'ArrowUp') move(i - 1);
    else if (e.key === 'Home') move(0);
    else if (e.key === 'End') move(buttons.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') close();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  if (naming) {
    return (
      <div
        ref={ref}
        className="menu"
        role="dialog"
        aria-label={t('addToNewPlaylist')}
        style={{ left: at.x, top: at.y }}
      >
        <PlaylistNameForm
          submitLabel={t('createPlaylist')}
          initial={title}
          autoFocus
          onSubmit={(name) => {
            onClose();
            void createWith(name).catch((err: unknown) => console.warn('new playlist failed', err));
          }}
          onCancel={close}
        />
      </div>
    );
  }

  return (
    <div
      ref={ref}
      className="menu"
      role="menu"
      aria-label={t('trackActions', { title })}
      style={{ left: at.x, top: at.y }}
      onKeyDown={onKeyDown}
    >
      {items.map((item) => (
        <button
          key={item.key}
          type="button"
          role={item.pressed === undefined ? 'menuitem' : 'menuitemcheckbox'}
          aria-checked={item.pressed}
          tabIndex={-1}
          onClick={() => {
            if (!item.keepOpen) close();
            void Promise.resolve(item.run()).catch((err: unknown) =>
              console.warn('track action failed', err),
            );
          }}
        >
          {item.pressed ? '✓ ' : ''}
          {item.text}
        </button>
      ))}
    </div>
  );
}
