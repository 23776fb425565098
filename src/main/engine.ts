/**
 * The composition root: builds the engine — store, event bus, library (scanner, watcher), and the
 * later stages — from one configuration. The CLI, the tests, the Electron shell and the browser
 * host all call createEngine, so they all run the same code.
 */
import { engineConfig, type EngineConfig } from './config';
import { EventBus } from './events';
import { Store } from './store/index';
import { Library } from './library/library';
import { Analyser } from './analysis/analyser';
import { Meaning } from './embedding/meaning';
import { Recommender } from './recommend/recommender';
import { meaningSource } from './recommend/meaning-source';
import type { PlayerState } from '../shared/app-state';
import { Playlists } from './playlists/playlists';

/** Tracks from the current one on that analysis takes first: the next half hour or so. */
const UPCOMING_TO_ANALYSE = 8;

export interface Engine {
  readonly config: EngineConfig;
  readonly events: EventBus;
  readonly store: Store;
  readonly library: Library;
  /** Background audio analysis: features and sound vectors of every track. */
  readonly analysis: Analyser;
  /** Text embeddings of descriptors and lyrics: vibe search, moods, styles. */
  readonly meaning: Meaning;
  /** Up Next, feedback, taste, stations, mood playlists, journeys. */
  readonly recommend: Recommender;
  /** The person's playlists (and M3U8 import/export). */
  readonly playlists: Playlists;
  /**
   * The player's state changed (queue, position, playing): saved for resume after a restart,
   * and background analysis gives way to playback and takes the coming tracks first.
   */
  savePlayer(state: PlayerState): Promise<void>;
  /** The player's state as last saved — the newest one received, even while its write waits
   * behind other work (a reload right after a pause must resume where the person paused). */
  playerState(): Promise<PlayerState>;
  /** Stops background work and closes the database. */
  close(): Promise<void>;
}

export async function createEngine(partial: Partial<EngineConfig> = {}): Promise<Engine> {
  const config = engineConfig(partial);
  const events = new EventBus();
  const store = await Store.open(config.dataDir);
  const library = new Library({ config, store, events });
  const analysis = new Analyser({
    store,
    events,
    workers: config.workers,
    auto: config.background,
  });
  const meaning = new Meaning({ dataDir: config.dataDir, store, events, auto: config.background });
  const recommend = new Recommender({ store, events, meaning: meaningSource(meaning) });
  let latestPlayer: PlayerState | null = null;
  // The person may have turned background analysis off in the app's settings.
  if (!(await store.appState.settings()).analysisEnabled) await analysis.setEnabled(false);
  // Analysis left unfinished by the last run resumes now (embedding resumes by itself, later).
  // Not on a store opened read-only (a full disk): nothing it measured could be saved.
  if (!store.readOnly) void analysis.resumeQueued().catch(() => undefined);
  return {
    config,
    events,
    store,
    library,
    analysis,
    meaning,
    recommend,
    playlists: new Playlists(store),
    async savePlayer(state) {
      latestPlayer = state;
      analysis.setPlaying(state.playing === true);
      if (state.index >= 0) {
        analysis.prioritise(state.queue.slice(state.index, state.index + UPCOMING_TO_ANALYSE));
      }
      await store.appState.savePlayer(state);
    },
    async playerState() {
      return latestPlayer ?? store.appState.player();
    },
    async close() {
      // Every stage gets to stop, and the database is closed, even when one of them fails (a
      // full disk refusing the recommender's last snapshot); the first failure is reported.
      const failures: unknown[] = [];
      for (const stage of [library, analysis, meaning, recommend, store]) {
        await stage.close().catch((err: unknown) => failures.push(err));
      }
      if (failures.length > 0) throw failures[0];
    },
  };
}
