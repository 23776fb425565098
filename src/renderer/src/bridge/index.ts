/**
 * Picks the bridge: the Electron preload's `window.encore` when the app runs in Electron, the
 * HTTP bridge when the page was served by `encore serve`.
 */
import type { Bridge } from '../../../shared/bridge';
import { HttpBridge } from './http';

declare global {
  interface Window {
    /** Set by the Electron preload (src/preload/index.ts). */
    encore?: Bridge;
  }
}

export function pickBridge(): Bridge {
  return window.encore ?? new HttpBridge(window.location.origin);
}
