/**
 * The app's frame: header (search, scan progress), main navigation, the current view, the Up Next
 * panel (always visible) and the player bar; keyboard shortcuts and the OS media controls.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Bridge } from '../../shared/bridge';
import type { AppInfo } from '../../shared/contract';
import type { Settings as SettingsData } from '../../shared/app-state';
import {
  AppContext,
  type AppServices,
  type NavTarget,
  type TrackMenuRequest,
  type ViewName,
} from './context';
import { resolveLocale, translator, type StringKey } from './i18n/strings';
import type { Player } from './player/player';
import type { Suggestions } from './player/suggestions';
import type { LibraryModel } from './lib/library';
import type { PlaylistsModel } from './lib/playlists';
import { useShortcuts } from './lib/shortcuts';
import { useMediaSession } from './lib/media-session';
import { PlayerBar } from './components/PlayerBar';
import { ScanStatus } from './components/ScanStatus';
import { UpNext } from './components/UpNext';
import { TrackMenu } from './components/TrackMenu';
import { Songs } from './views/Songs';
import { Albums } from './views/Albums';
import { Artists } from './views/Artists';
import { Lyrics } from './views/Lyrics';
import { Queue } from './views/Queue';
import { Settings } from './views/Settings';
import { Moods } from './views/Moods';
import { MoodMap } from './views/MoodMap';
import { Taste } from './views/Taste';
import { Playlist } from './views/Playlist';
import { NowPlaying } from './views/NowPlaying';
import { PlaylistNav } from './components/PlaylistNav';
import { sendFeedback } from './lib/feedback';

// The window width under which the layout folds Up Next and drops the year and # columns.
const NARROW_PX = 1000;

const nav: { view: ViewName; label: StringKey }[] = [
  { view: 'nowPlaying', label: 'nowPlaying' },
  { view: 'songs', label: 'songs' },
  { view: 'albums', label: 'albums' },
  { view: 'artists', label: 'artists' },
  { view: 'moods', label: 'moods' },
  { view: 'map', label: 'moodMap' },
  { view: 'taste', label: 'taste' },
  { view: 'lyrics', label: 'lyrics' },
  { view: 'queue', label: 'queue' },
  { view: 'settings', label: 'settings' },
];

export interface AppProps {
  bridge: Bridge;
  player: Player;
  suggestions: Suggestions;
  library: LibraryModel;
  playlists: PlaylistsModel;
  info: AppInfo;
  initialSettings: SettingsData;
}

export function App({
  bridge,
  player,
  suggestions,
  library,
  playlists,
  info,
  initialSettings,
}: AppProps): React.JSX.Element {
  const [settings, setSettings] = useState(initialSettings);
  const [view, setView] = useState<ViewName>('songs');
  // The album or artist to open; `n` remounts the view so it opens even when it shows already.
  const [target, setTarget] = useState<(NavTarget & { n: number }) | null>(null);
  const [menu, setMenu] = useState<TrackMenuRequest | null>(null);
  // Below 1000 px the song list needs the room: Up Next starts folded there (one click opens it).
  const [upNextOpen, setUpNextOpen] = useState(() => window.innerWidth >= NARROW_PX);
  const closeMenu = useCallback(() => setMenu(null), []);
  const [query, setQuery] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const locale = resolveLocale(settings.language, info.osLanguage || navigator.language);

  useEffect(() => {
    document.documentElement.lang = locale;
    player.setNormalisation(settings.normalisation);
    player.setCrossfade(settings.crossfadeS);
  }, [locale, player, settings.normalisation, settings.crossfadeS]);

  const services = useMemo<AppServices>(
    () => ({
      bridge,
      player,
      suggestions,
      library,
      playlists,
      info,
      settings,
      locale,
      t: translator(locale),
      navigate: (v) => {
        setTarget(null);
        setView(v);
      },
      goTo: (to) => {
        setTarget((was) => ({ ...to, n: (was?.n ?? 0) + 1 }));
        setView(to.kind === 'album' ? 'albums' : to.kind === 'artist' ? 'artists' : 'playlist');
      },
      openTrackMenu: setMenu,
      updateSettings: (patch) => {
        setSettings((s) => ({ ...s, ...patch }));
        void bridge.invoke('settings.set', { patch }).then(setSettings);
      },
    }),
    [bridge, player, suggestions, library, playlists, info, settings, locale],
  );
  const { t } = services;

  useEffect(() => {
    player.setPlayEventHandler((e) =>
      sendFeedback(bridge, e.trackId, e.kind, e.source, {
        positionS: e.positionS,
        durationS: e.durationS || undefined,
      }),
    );
    return () => player.setPlayEventHandler(null);
  }, [bridge, player]);

  useEffect(() => {
    // Auto-DJ: when the queue runs out, continue with the suggestion the Up Next panel shows first.
    suggestions.setEnabled(settings.autoDj);
    player.setQueueEndHandler(
      settings.autoDj
        ? async () => {
            const first = await suggestions.first();
            return first ? [first.trackId] : [];
          }
        : null,
    );
  }, [player, suggestions, settings.autoDj]);

  const focusSearch = useCallback((): void => {
    setView('songs');
    searchRef.current?.focus();
    searchRef.current?.select();
  }, []);
  useShortcuts(player, focusSearch);

  useEffect(
    () =>
      // Commands from the desktop app's menu.
      bridge.on('app.command', ({ command }) => {
        if (command === 'toggle') player.toggle();
        else if (command === 'next') player.next();
        else if (command === 'previous') player.previous();
        else if (command === 'search') focusSearch();
        else setView(command);
      }),
    [bridge, player, focusSearch],
  );
  useMediaSession(services);

  return (
    <AppContext.Provider value={services}>
      <div className={`app ${upNextOpen ? '' : 'upnext-folded'}`}>
        <a className="skip-link" href="#content">
          {t('skipLink')}
        </a>
        <header className="top">
          <span className="brand">{t('appName')}</span>
          <form role="search" aria-label={t('search')} onSubmit={(e) => e.preventDefault()}>
            <input
              ref={searchRef}
              type="search"
              aria-label={t('search')}
              placeholder={t('searchPlaceholder')}
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setView('songs');
              }}
            />
          </form>
          <ScanStatus />
        </header>
        <nav className="side" aria-label={t('mainNav')}>
          <ul>
            {nav.map((n) => (
              <li key={n.view}>
                <button
                  type="button"
                  aria-current={view === n.view ? 'page' : undefined}
                  onClick={() => services.navigate(n.view)}
                >
                  {t(n.label)}
                </button>
              </li>
            ))}
          </ul>
          <PlaylistNav
            openId={view === 'playlist' && target?.kind === 'playlist' ? target.id : null}
          />
        </nav>
        <main id="content" className="content" tabIndex={-1}>
          <View view={view} query={query} target={target} />
        </main>
        <UpNext open={upNextOpen} onToggle={() => setUpNextOpen((o) => !o)} />
        <PlayerBar />
        {menu ? <TrackMenu request={menu} onClose={closeMenu} /> : null}
      </div>
    </AppContext.Provider>
  );
}

function View({
  view,
  query,
  target,
}: {
  view: ViewName;
  query: string;
  target: (NavTarget & { n: number }) | null;
}): React.JSX.Element {
  switch (view) {
    case 'songs':
      return <Songs query={query} />;
    case 'albums':
      return <Albums key={target?.n} openKey={target?.kind === 'album' ? target.key : undefined} />;
    case 'artists':
      return (
        <Artists key={target?.n} openName={target?.kind === 'artist' ? target.name : undefined} />
      );
    case 'lyrics':
      return <Lyrics />;
    case 'queue':
      return <Queue />;
    case 'settings':
      return <Settings />;
    case 'moods':
      return <Moods />;
    case 'map':
      return <MoodMap />;
    case 'taste':
      return <Taste />;
    case 'nowPlaying':
      return <NowPlaying />;
    case 'playlist':
      return target?.kind === 'playlist' ? (
        <Playlist key={target.id} id={target.id} />
      ) : (
        <Songs query={query} />
      );
  }
}
