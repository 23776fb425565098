/**
 * The composition root: builds the engine — store, event bus, library (scanner, watcher), and the
 * later stages — from one configuration. The CLI, the tests, the Electron shell and the browser
 * host all call createEngine, so they all run the same code.
 */
import { engineConfig, type EngineConfig } from './config';
import { EventBus } from './events';
import { Store } from './store/index';
import { Library } from './library/library';
import { Meaning } from './embedding/meaning';
import { Analyser } from './analysis/analyser';
import { Recommender } from './recommend/recommender';
import { meaningSource } from './recommend/meaning-source';

export interface Engine {
  readonly config: EngineConfig;
  readonly events: EventBus;
  readonly store: Store;
  readonly library: Library;
  /** Text embeddings of descriptors and lyrics: vibe search, moods, styles. */
  readonly meaning: Meaning;
  /** Background audio analysis: features and sound vectors of every track. */
  readonly analysis: Analyser;
  /** Up Next, feedback, taste, stations, mood playlists, journeys. */
  readonly recommend: Recommender;
  /** Stops background work and closes the database. */
  close(): Promise<void>;
}

export async function createEngine(partial: Partial<EngineConfig> = {}): Promise<Engine> {
  const config = engineConfig(partial);
  const events = new EventBus();
  const store = await Store.open(config.dataDir);
  const library = new Library({ config, store, events });
  const meaning = new Meaning({ dataDir: config.dataDir, store, events, auto: true });
  const analysis = new Analyser({ store, events, workers: config.workers });
  const recommend = new Recommender({ store, events, meaning: meaningSource(meaning) });
  return {
    config,
    events,
    store,
    library,
    meaning,
    analysis,
    recommend,
    async close() {
      await library.close();
      await meaning.close();
      await analysis.close();
      await recommend.close();
      await store.close();
    },
  };
}
