/**
 * Engine events: what the engine announces, keyed by name with their payloads. The engine's event
 * bus is typed by this map, and the same events flow main → renderer (IPC or WebSocket).
 * Each domain adds its events here.
 */
import type { ScanProgress, ScanSummary, LibraryChange } from './library';

export interface EngineEvents {
  /** Up Next may have changed (feedback, settings, taste edit); sessionId '*' = every session. */
  'upnext.changed': { sessionId: string; cause: string };
  'scan.progress': ScanProgress;
  'scan.finished': ScanSummary;
  'library.changed': LibraryChange;
}

export type EngineEventName = keyof EngineEvents;
