/**
 * The engine's typed event bus: stages announce what they did (scanned, analysed, embedded,
 * up next changed) and others listen, so modules never call each other in circles.
 */
import { EventEmitter } from 'node:events';
import type { EngineEvents, EngineEventName } from '../shared/events';

export type Listener<K extends EngineEventName> = (payload: EngineEvents[K]) => void;
export type AnyListener = <K extends EngineEventName>(name: K, payload: EngineEvents[K]) => void;

export class EventBus {
  private readonly emitter = new EventEmitter();
  private readonly anyListeners = new Set<AnyListener>();

  constructor() {
    // The UI bridge, the CLI and several stages may all listen to progress events.
    this.emitter.setMaxListeners(50);
  }

  emit<K extends EngineEventName>(name: K, payload: EngineEvents[K]): void {
    this.emitter.emit(name, payload);
    for (const listener of this.anyListeners) listener(name, payload);
  }

  /** Subscribes; returns the function that unsubscribes. */
  on<K extends EngineEventName>(name: K, listener: Listener<K>): () => void {
    this.emitter.on(name, listener);
    return () => this.emitter.off(name, listener);
  }

  /** Subscribes to every event (the bridges forward all of them); returns the unsubscribe. */
  onAny(listener: AnyListener): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }
}
