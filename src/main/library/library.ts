/**
 * The library service: the roots the person chose, scanning them (incremental, cancellable),
 * watching them while the app runs, and the queries the views and the CLI make.
 */
import type { EngineConfig } from '../config';
import type { EventBus } from '../events';
import type { Store } from '../store/index';

export interface LibraryDeps {
  config: EngineConfig;
  store: Store;
  events: EventBus;
}

export class Library {
  constructor(private readonly deps: LibraryDeps) {}

  async close(): Promise<void> {
    void this.deps;
  }
}
