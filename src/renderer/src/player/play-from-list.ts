/**
 * Playing one song picked from a list (double-click or Enter in Songs, search results, an artist's
 * songs): that song, then either Encore's suggestions or the rest of the list in its shown order,
 * as the person chose in the settings. Suggestions are the default: a sorted listing of the whole
 * library is not a play order anyone chose, and Up Next is what Encore is for; "Play all" and
 * albums still play their list. Shuffle all plays the whole list shuffled.
 */
import type { ContinueWith, QueueSource } from '../../../shared/app-state';
import type { TrackId } from '../../../shared/library';
import type { Player } from './player';

export function playFromList(
  player: Player,
  ids: readonly TrackId[],
  index: number,
  source: QueueSource,
  continueWith: ContinueWith,
): void {
  const id = ids[index];
  if (id === undefined) return;
  if (continueWith === 'list') player.playQueue([...ids], index, source);
  else player.playQueue([id], 0, source);
}

/** Shuffle all: shuffle on, and the whole list from a random song of it. */
export function shuffleAll(player: Player, ids: readonly TrackId[], source: QueueSource): void {
  if (!ids.length) return;
  if (!player.snapshot().shuffle) player.toggleShuffle();
  player.playQueue([...ids], Math.floor(Math.random() * ids.length), source);
}
