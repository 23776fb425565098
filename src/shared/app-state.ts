/**
 * What the app remembers between runs: the player (queue, current track, position, modes) and the
 * person's settings. Both live in the store (table app_state), reached through the contract, so the
 * renderer can always rebuild itself from the store.
 */
import type { TrackId } from './library';
import type { FeedbackSource } from './recommend';

export type RepeatMode = 'off' | 'all' | 'one';

/** Where the current queue came from, shown above the queue ("Album: Kind of Blue"). */
export interface QueueSource {
  kind: 'library' | 'album' | 'artist' | 'search' | 'mood' | 'station' | 'upNext' | 'playlist';
  label: string;
}

export interface PlayerState {
  /** The play order as the person sees it (already shuffled when shuffle is on). */
  queue: TrackId[];
  /**
   * Where each queue entry came from, side by side with queue, for the recommender's feedback: the
   * source it was queued with ('upnext' for the auto-DJ's tracks and Up Next picks). Missing
   * entries (state saved before origins were kept) take the queue source's.
   */
  origins?: FeedbackSource[];
  /** Index into queue of the current track, or -1 when nothing is loaded. */
  index: number;
  /** Seconds into the current track. */
  positionS: number;
  /** 0–1, linear. */
  volume: number;
  muted: boolean;
  shuffle: boolean;
  repeat: RepeatMode;
  source: QueueSource | null;
  /** True while music is coming out (not paused); background analysis gives way meanwhile. */
  playing?: boolean;
}

export type Language = 'system' | 'en' | 'zh-CN';
export type Normalisation = 'off' | 'track' | 'album';
export type ColourBy = 'mood' | 'genre';

export interface Settings {
  language: Language;
  /** Loudness normalisation: measured loudness first, ReplayGain tags as fallback. */
  normalisation: Normalisation;
  /** Seconds of crossfade between tracks, 0–12 (0: gapless hand-over). */
  crossfadeS: number;
  /** When the queue runs out, keep playing Up Next suggestions. */
  autoDj: boolean;
  /** 0–1: how far Up Next may stray from what the person usually plays. */
  adventurousness: number;
  analysisEnabled: boolean;
  /** Never download models; use what is there or the fallbacks. */
  offline: boolean;
  /** Show a system notification when the track changes (desktop app only). */
  notifyOnTrackChange: boolean;
  /** Folders inside library roots that the scanner skips. */
  excludedFolders: string[];
  mapColourBy: ColourBy;
  /**
   * What follows a song picked from a list (Songs, search results, an artist's songs): Encore's
   * suggestions, or the rest of that list in its shown order. Albums, playlists and Play all
   * always continue with their list.
   */
  continueWith: ContinueWith;
}

export type ContinueWith = 'suggestions' | 'list';

export const defaultSettings: Settings = {
  language: 'system',
  normalisation: 'track',
  crossfadeS: 0,
  autoDj: true,
  adventurousness: 0.3,
  analysisEnabled: true,
  offline: false,
  notifyOnTrackChange: false,
  excludedFolders: [],
  mapColourBy: 'mood',
  continueWith: 'suggestions',
};

export const emptyPlayerState: PlayerState = {
  queue: [],
  index: -1,
  positionS: 0,
  volume: 0.8,
  muted: false,
  shuffle: false,
  repeat: 'off',
  source: null,
};
