/**
 * What the Electron preload exposes as `window.encore`, built over the IPC it is given: the raw
 * transport of the contract (calls answer with the contract's reply envelope, since errors lose
 * their class crossing the context bridge). No Electron import here, so the renderer can take
 * its `window.encore` type from this code (PreloadApi below) instead of a hand-written twin.
 */
import { schemes } from '../shared/bridge';
import type { TrackId } from '../shared/library';
import type {
  CallReply,
  EventName,
  MessageName,
  MethodName,
  ShellMethodName,
} from '../shared/contract';

/** The few Electron calls the API needs, handed in by src/preload/index.ts. */
export interface PreloadIpc {
  /** Sends a call on the invoke channel; resolves with the main process's reply. */
  invoke(frame: { method: string; args: unknown }): Promise<unknown>;
  /** Sends a message on the send channel. */
  send(frame: { message: string; args: unknown }): void;
  /** The file system path of a dropped file (Electron's webUtils). */
  pathForFile(file: File): string;
}

type Listener = (payload: unknown) => void;

/** An event as the main process sends it on the event channel. */
export interface EventFrame {
  event: string;
  payload: unknown;
}

/** The object the page gets, typed by inference: PreloadApi is derived from it. */
function buildApi(ipc: PreloadIpc, listeners: Map<string, Set<Listener>>) {
  return {
    invoke: (method: MethodName | ShellMethodName, args: unknown): Promise<CallReply<unknown>> =>
      ipc.invoke({ method, args }) as Promise<CallReply<unknown>>,
    send: (message: MessageName, args: unknown): void => ipc.send({ message, args }),
    /** Subscribes to an engine event; returns the function that unsubscribes. */
    on: (event: EventName, listener: Listener): (() => void) => {
      const set = listeners.get(event) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(event, set);
      return () => void set.delete(listener);
    },
    mediaUrl: (trackId: TrackId): string => `${schemes.media}://track/${Number(trackId)}`,
    coverUrl: (hash: string): string => `${schemes.media}://cover/${encodeURIComponent(hash)}`,
    // A dropped folder's path: Electron hands it to the preload only (File.path is gone).
    pathForFile: (file: File): string => ipc.pathForFile(file),
  };
}

/** The renderer's `window.encore`: exactly what the preload builds. */
export type PreloadApi = ReturnType<typeof buildApi>;

/**
 * The `window.encore` object, and the function that hands each frame of the event channel to
 * that event's subscribers.
 */
export function createPreloadApi(ipc: PreloadIpc): {
  api: PreloadApi;
  deliver: (frame: EventFrame) => void;
} {
  const listeners = new Map<string, Set<Listener>>();
  const deliver = (frame: EventFrame): void => {
    for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
  };
  return { api: buildApi(ipc, listeners), deliver };
}
