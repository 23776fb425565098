/**
 * The pages' event streams (the WebSocket at /api/events): every engine event goes out as one
 * JSON frame to each open stream. This is all the state the host keeps per page, and it goes
 * when the page does: a stream is dropped the moment its socket closes, the host listens to the
 * engine only while some stream is open (no frames are built for nobody), and a stream whose page
 * stopped reading is cut off before its send buffer grows without bound (the page reconnects).
 */
import type { WebSocket } from 'ws';
import type { EventBus } from '../events';

/**
 * Bytes a stream may have queued unsent before it is closed: about a minute of a busy scan's
 * progress frames; a page that reads its socket never comes near it.
 */
export const MAX_UNSENT_BYTES = 4 * 1024 * 1024;

/** What the host holds for pages right now (observable for tests and diagnostics). */
export interface StreamState {
  /** Open event streams (pages connected). */
  open: number;
  /** Whether the host is subscribed to the engine's events. */
  subscribed: boolean;
}

export class EventStreams {
  private readonly streams = new Set<WebSocket>();
  private unsubscribe?: () => void;

  constructor(private readonly events: EventBus) {}

  state(): StreamState {
    return { open: this.streams.size, subscribed: this.unsubscribe !== undefined };
  }

  /** Starts sending events to a page's socket until it closes. */
  add(socket: WebSocket): void {
    this.streams.add(socket);
    // The page only listens; anything it sends is ignored.
    socket.on('message', () => undefined);
    socket.on('error', () => socket.terminate());
    socket.once('close', () => this.drop(socket));
    this.unsubscribe ??= this.events.onAny((event, payload) =>
      this.broadcast(JSON.stringify({ event, payload })),
    );
  }

  /** Closes every stream (the host is stopping). */
  close(): void {
    for (const socket of this.streams) socket.terminate();
    this.streams.clear();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private broadcast(frame: string): void {
    for (const socket of this.streams) {
      if (socket.readyState !== socket.OPEN) continue;
      if (socket.bufferedAmount > MAX_UNSENT_BYTES) socket.terminate();
      else socket.send(frame);
    }
  }

  private drop(socket: WebSocket): void {
    this.streams.delete(socket);
    if (this.streams.size > 0) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}
