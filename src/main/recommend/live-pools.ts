/**
 * What Up Next keeps between calls for one recommender state and its current catalog: the rules
 * mask's static part, the played tracks and artists, and the rows' named-feature taste sums. Each
 * part catches up with the events since its last use by reading only what they changed; a new
 * catalog (library or features changed) starts them over.
 */
import { AllowedRows } from './allowed-rows';
import type { Catalog } from './catalog';
import { PlayedTracks } from './played-tracks';
import type { RecommenderState } from './state';
import { TasteSums } from './taste-sums';

export interface LivePools {
  catalog: Catalog;
  allowed: AllowedRows;
  played: PlayedTracks;
  tasteSums: TasteSums;
}

const pools = new WeakMap<RecommenderState, LivePools>();

/** The pools of `state` for its current catalog. */
export function livePools(state: RecommenderState): LivePools {
  const p = pools.get(state);
  if (p && p.catalog === state.catalog) return p;
  const fresh: LivePools = {
    catalog: state.catalog,
    allowed: new AllowedRows(),
    played: new PlayedTracks(state.catalog),
    tasteSums: new TasteSums(state.catalog),
  };
  pools.set(state, fresh);
  return fresh;
}

/**
 * Builds now what Up Next reads for the state's current catalog — the vector indexes, the taste
 * sums and their bucket lists, the played tracks, the rules mask's static part — instead of in
 * the first Up Next after a load or a catalog rebuild (about a second at 100,000 tracks, once per
 * catalog): the first suggestion then costs what the next ones do.
 */
export function preparePools(state: RecommenderState): void {
  const p = livePools(state);
  state.catalog.prepareScans();
  p.tasteSums.prepare(state.model);
  p.played.update(state.history);
  p.allowed.prepare(state.catalog, state.settings);
}
