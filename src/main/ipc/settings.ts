/**
 * Settings changes: stored in the app state, then handed to the services they steer — offline
 * mode to the meaning stage, adventurousness, auto-DJ and excluded folders to the recommender.
 */
import type { Settings } from '../../shared/app-state';
import type { RecommendSettings } from '../../shared/recommend';
import type { Engine } from '../engine';

export async function updateSettings(engine: Engine, patch: Partial<Settings>): Promise<Settings> {
  const next = await engine.store.appState.updateSettings(patch);
  if (patch.offline !== undefined) await engine.meaning.configure({ offline: patch.offline });
  if (patch.analysisEnabled !== undefined) await engine.analysis.setEnabled(patch.analysisEnabled);
  const recs: Partial<RecommendSettings> = {};
  if (patch.adventurousness !== undefined) recs.adventurousness = patch.adventurousness;
  if (patch.autoDj !== undefined) recs.autoDj = patch.autoDj;
  if (patch.excludedFolders !== undefined) recs.excludedFolders = patch.excludedFolders;
  if (Object.keys(recs).length > 0) await engine.recommend.updateSettings(recs);
  return next;
}
