/**
 * What every view reaches: the bridge, the player, the library model, the settings and the
 * translator, through one React context; plus hooks that subscribe to the player and library
 * snapshots.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Bridge } from '../../shared/bridge';
import type { AppInfo } from '../../shared/contract';
import type { Settings } from '../../shared/app-state';
import type { Player, PlayerSnapshot } from './player/player';
import type { Suggestions, SuggestionsSnapshot } from './player/suggestions';
import type { LibraryModel, LibrarySnapshot } from './lib/library';
import type { PlaylistsModel } from './lib/playlists';
import type { PlaylistSummary } from '../../shared/playlists';
import type { Locale, Translate } from './i18n/strings';

export interface AppServices {
  bridge: Bridge;
  player: Player;
  /** Encore's suggestions after the queue: what the Up Next panel shows and the auto-DJ plays. */
  suggestions: Suggestions;
  library: LibraryModel;
  /** The person's playlists, as the navigation lists them. */
  playlists: PlaylistsModel;
  info: AppInfo;
  settings: Settings;
  updateSettings: (patch: Partial<Settings>) => void;
  locale: Locale;
  t: Translate;
  /** Shows a view (and for 'songs' optionally runs a search). */
  navigate: (view: ViewName) => void;
  /** Opens one album (by albumKeyOf), one artist (by name) or one playlist. */
  goTo: (target: NavTarget) => void;
  /** Opens the actions menu of a track at a point of the window (right click, the "…" button). */
  openTrackMenu: (request: TrackMenuRequest) => void;
}

export type NavTarget =
  | { kind: 'album'; key: string }
  | { kind: 'artist'; name: string }
  | { kind: 'playlist'; id: number };

export interface TrackMenuRequest {
  trackId: number;
  /** Client pixels where the menu opens. */
  x: number;
  y: number;
  /** Gets the focus back when the menu closes. */
  returnFocus: HTMLElement | null;
}

export type ViewName =
  | 'songs'
  | 'albums'
  | 'artists'
  | 'moods'
  | 'map'
  | 'taste'
  | 'lyrics'
  | 'queue'
  | 'settings'
  | 'playlist'
  | 'nowPlaying';

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp outside <AppContext>');
  return app;
}

/** A slice of the player snapshot; re-renders only when the slice changes (compare by ===). */
export function usePlayer<T>(select: (s: PlayerSnapshot) => T): T {
  const { player } = useApp();
  return useSyncExternalStore(player.subscribe, () => select(player.snapshot()));
}

export function useLibrary(): LibrarySnapshot {
  const { library } = useApp();
  return useSyncExternalStore(library.subscribe, library.snapshot);
}

export function useSuggestions(): SuggestionsSnapshot {
  const { suggestions } = useApp();
  return useSyncExternalStore(suggestions.subscribe, suggestions.snapshot);
}

export function usePlaylists(): PlaylistSummary[] {
  const { playlists } = useApp();
  return useSyncExternalStore(playlists.subscribe, playlists.snapshot);
}
