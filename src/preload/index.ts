/**
 * The preload bridge (sandboxed, context-isolated): exposes `window.encore`, a narrow transport
 * for the contract — calls and messages go only to the contract's two channels (the main process
 * validates the method name and the payload), events come from one channel. No ipcRenderer, no
 * Node, no generic send reaches the page. The object itself is built in ./api.ts.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { ipcChannels } from '../shared/bridge';
import { createPreloadApi, type EventFrame } from './api';

const { api, deliver } = createPreloadApi({
  invoke: (frame) => ipcRenderer.invoke(ipcChannels.invoke, frame),
  send: (frame) => ipcRenderer.send(ipcChannels.send, frame),
  pathForFile: (file) => webUtils.getPathForFile(file),
});

ipcRenderer.on(ipcChannels.event, (_e: IpcRendererEvent, frame: EventFrame) => deliver(frame));

contextBridge.exposeInMainWorld('encore', api);
