/**
 * "Start radio": the queue becomes Encore's station from a seed (a track, an artist, a mood or a
 * vibe; an album starts from its first track). When the station's tracks run out the auto-DJ
 * keeps going from Up Next, so the radio does not stop.
 */
import type { Bridge } from '../../../shared/bridge';
import type { StationSeed } from '../../../shared/recommend';
import type { Player } from './player';

// A couple of hours of music: enough to feel continuous; the auto-DJ carries on after it.
const STATION_LENGTH = 40;

/** Replaces the queue with the station from `seed` and plays it; resolves with its length. */
export async function startRadio(
  bridge: Bridge,
  player: Player,
  seed: StationSeed,
  label: string,
): Promise<number> {
  const station = await bridge.invoke('recs.station', { seed, count: STATION_LENGTH });
  // The seed track leads its own radio, as every player's "song radio" does.
  const ids = [
    ...new Set([
      ...(seed.kind === 'track' ? [seed.trackId] : []),
      ...station.items.map((i) => i.trackId),
    ]),
  ];
  if (ids.length) player.playQueue(ids, 0, { kind: 'station', label });
  return ids.length;
}
