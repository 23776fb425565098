/**
 * The bridge: the one interface through which the renderer reaches the engine. Two
 * implementations, chosen at start-up: the Electron preload (IPC) and the browser host (HTTP +
 * WebSocket). Both are typed by the contract, so the compiler keeps them honest. Type-only: the
 * sandboxed preload imports it without pulling zod in.
 */
import type { TrackId } from './library';
import type {
  CallError,
  EventName,
  EventPayload,
  MessageArgs,
  MessageName,
  MethodArgs,
  MethodName,
  MethodResult,
  ShellMethodArgs,
  ShellMethodName,
  ShellMethodResult,
} from './contract';

export interface Bridge {
  readonly kind: 'electron' | 'http';
  /** Calls a contract method; rejects with a BridgeError carrying the engine's error code. */
  invoke<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>;
  /** Fire-and-forget message (no reply). */
  send<S extends MessageName>(message: S, args: MessageArgs<S>): void;
  /** Subscribes to an engine event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** The URL the audio element plays a track from (by id, never by path). */
  mediaUrl(trackId: TrackId): string;
  /** The URL of a cover image in the cover cache, by content hash. */
  coverUrl(hash: string): string;
  /** The desktop app's own abilities (native folder chooser, dropped folders' paths); absent in
   * the browser, which can do neither. */
  readonly shell?: ShellBridge;
}

/** What only the desktop app can do for the renderer. */
export interface ShellBridge {
  /** Calls a shell-only method; `args` may be left out by methods that take none. */
  invoke<M extends ShellMethodName>(
    method: M,
    args?: ShellMethodArgs<M>,
  ): Promise<ShellMethodResult<M>>;
  /** The file system path of a file or folder dropped onto the window. */
  pathForFile(file: File): string;
}

/** A failed call, with the contract's error code ('invalid-payload', 'not-found', ...). */
export class BridgeError extends Error {
  readonly code: CallError['code'];

  constructor(error: CallError) {
    super(error.message);
    this.name = 'BridgeError';
    this.code = error.code;
  }
}

/** The IPC channels of the Electron bridge (the preload and the shell use exactly these). */
export const ipcChannels = {
  invoke: 'encore:invoke',
  send: 'encore:send',
  event: 'encore:event',
} as const;

/** The custom schemes of the desktop app: the renderer's files and the media (audio, covers). */
export const schemes = {
  app: 'encore-app',
  media: 'encore-media',
} as const;
