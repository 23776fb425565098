/**
 * Engine events: what the engine announces, keyed by name with their payloads. The engine's event
 * bus is typed by this map, and the same events flow main → renderer (IPC or WebSocket).
 * Each domain adds its events here.
 */
import type { ScanProgress, ScanSummary, LibraryChange, TrackId } from './library';
import type { AnalysisProgress } from './analysis';
import type { EmbeddingProgress, MeaningStatus, ModelProgress } from './meaning';

export interface EngineEvents {
  /** Up Next may have changed (feedback, settings, taste edit); sessionId '*' = every session. */
  'upnext.changed': { sessionId: string; cause: string };
  'scan.progress': ScanProgress;
  'scan.finished': ScanSummary;
  'library.changed': LibraryChange;
  /** Text embedding of new/changed tracks (descriptor and lyrics). */
  'embedding.progress': EmbeddingProgress;
  /** Download of a sentence-embedding model. */
  'model.progress': ModelProgress;
  /** Which embedder is in use changed (semantic model or lexical fallback, and why). */
  'meaning.status': MeaningStatus;
  /** Background audio analysis: done, total, errors, rate, ETA, state. */
  'analysis.progress': AnalysisProgress;
  /** Audio features (and sound vectors) of these tracks were written. */
  'analysis.updated': { trackIds: TrackId[] };
  /** Text vectors of these tracks were written or removed, and mood scores and styles refreshed. */
  'embedding.updated': { trackIds: TrackId[] };
}

export type EngineEventName = keyof EngineEvents;
