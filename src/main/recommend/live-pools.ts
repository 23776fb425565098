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
