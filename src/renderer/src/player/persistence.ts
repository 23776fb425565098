/**
 * What of the player survives a restart, and how often the position is saved: the queue (with
 * where each entry came from), the current entry, the position and the modes go to the store
 * through the bridge ('player.save'); 'player.state' gives them back at the next start.
 */
import type { PlayerState } from '../../../shared/app-state';
import { fromEntries, queueEntries } from './origins';
import type { PlayerSnapshot } from './snapshot';

// Saving the position more often than every 5 s buys nothing: a resume a few seconds early is fine.
const POSITION_SAVE_MS = 5000;

/** Whether the position is due to be saved again, `lastSaveMs` after the last save (ms clock). */
export function positionSaveDue(nowMs: number, lastSaveMs: number): boolean {
  return nowMs - lastSaveMs > POSITION_SAVE_MS;
}

/**
 * The state to save: the snapshot's queue and modes, and the deck's position in seconds
 * (`currentTimeS`, NaN while the deck knows none) — 0 when there is no current track.
 */
export function savedState(state: PlayerSnapshot, currentTimeS: number): PlayerState {
  const { queue, index, volume, muted, shuffle, repeat, source, playing } = state;
  const positionS = Number.isFinite(currentTimeS) && state.currentId !== null ? currentTimeS : 0;
  const { origins } = fromEntries(queueEntries(state));
  return { queue, origins, index, positionS, volume, muted, shuffle, repeat, source, playing };
}
