/**
 * Picks the bridge: the Electron preload's `window.encore` when the app runs in Electron, the
 * HTTP bridge when the page was served by `encore serve`.
 */
import type { Bridge } from '../../../shared/bridge';
import type { PreloadApi } from '../../../preload/api';
import { ElectronBridge } from './electron';
import { HttpBridge } from './http';

declare global {
  interface Window {
    /** Set by the Electron preload; its type is the preload's own object (src/preload/api.ts). */
    encore?: PreloadApi;
  }
}

export function pickBridge(): Bridge {
  return window.encore ? new ElectronBridge(window.encore) : new HttpBridge(window.location.origin);
}
