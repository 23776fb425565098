/**
 * The preload bridge (sandboxed, context-isolated): exposes `window.encore`, a narrow transport
 * for the contract — calls and messages go only to the contract's two channels (the main process
 * validates the method name and the payload), events come from one channel. No ipcRenderer, no
 * Node, no generic send reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { ipcChannels, schemes, type PreloadApi } from '../shared/bridge';
import type { CallReply, EventName } from '../shared/contract';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(
  ipcChannels.event,
  (_e: IpcRendererEvent, frame: { event: string; payload: unknown }) => {
    for (const listener of listeners.get(frame.event) ?? []) listener(frame.payload);
  },
);

const api = {
  invoke: (method, args) =>
    ipcRenderer.invoke(ipcChannels.invoke, { method, args }) as Promise<CallReply<unknown>>,
  send: (message, args) => ipcRenderer.send(ipcChannels.send, { message, args }),
  on: (event: EventName, listener: Listener) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    set.add(listener);
    listeners.set(event, set);
    return () => void set.delete(listener);
  },
  mediaUrl: (trackId) => `${schemes.media}://track/${Number(trackId)}`,
  coverUrl: (hash) => `${schemes.media}://cover/${encodeURIComponent(hash)}`,
  // A dropped folder's path: Electron hands it to the preload only (File.path is gone).
  pathForFile: (file) => webUtils.getPathForFile(file),
} satisfies PreloadApi;

contextBridge.exposeInMainWorld('encore', api);
