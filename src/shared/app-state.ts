/**
 * What the app remembers between runs: the player (queue, current track, position, modes) and the
 * person's settings. Both live in the store (table app_state), reached through the contract, so the
 * renderer can always rebuild itself from the store. Their shapes are the contract's schemas
 * (./payload-schemas.ts); this file holds their starting values.
 */
import type { PlayerState, QueueSource, Settings } from './payload-schemas';

export type { PlayerState, QueueSource, Settings };
export type RepeatMode = PlayerState['repeat'];
export type ContinueWith = Settings['continueWith'];

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
