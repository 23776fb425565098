/**
 * Meaning: the types the engine's text-embedding stage (models, moods, styles, vibe search) shares
 * with the UI and the CLI.
 */
import type { TrackId } from './library';

/** The two texts embedded per track. */
export type TextKind = 'descriptor' | 'lyrics';

/** Which model made a vector: never compare vectors across different keys. */
export interface ModelKey {
  /** Hub id ("Xenova/paraphrase-multilingual-MiniLM-L12-v2"), "local:<folder>", or "encore-lexical". */
  id: string;
  /** Hub commit, content hash of a local folder, or the lexical algorithm version. */
  revision: string;
}

export type ModelState =
  /** The semantic model is loaded (or ready to load) and used. */
  | 'ready'
  /** Files are being downloaded; `progress` says how far. */
  | 'downloading'
  /** Not on disk and downloading is off or failed: lexical fallback. */
  | 'missing'
  /** Files present but unreadable (half-downloaded, damaged): lexical fallback. */
  | 'corrupt'
  /** Not decided yet (before the first status check). */
  | 'unknown';

export interface MeaningStatus {
  /** The model in use for new vectors (the lexical fallback's key when not semantic). */
  model: ModelKey;
  /** The semantic model wanted by the settings. */
  wanted: string;
  /** True when a semantic model makes the vectors; false for the lexical fallback. */
  semantic: boolean;
  state: ModelState;
  /** Human-readable why, e.g. "semantic model not installed (offline mode)". */
  reason: string;
  /** Download progress 0…1 while downloading. */
  progress?: number;
  /** Vectors stored for the current model, by kind, and tracks still to embed. */
  vectors?: { descriptor: number; lyrics: number; pending: number };
}

export interface EmbeddingProgress {
  done: number;
  total: number;
  /** Tracks whose texts could not be embedded (recorded, not retried until they change). */
  failed: number;
  finished: boolean;
}

export interface ModelProgress {
  modelId: string;
  file: string;
  /** Bytes so far and in all, over every file of the model. */
  loaded: number;
  total: number;
  state: 'downloading' | 'done' | 'failed';
  error?: string;
}

/**
 * The moods, once for the whole app: the embedding stage scores each from texts (and the audio
 * plane; prompts in src/main/embedding/moods.ts), mood playlists and stations from those scores,
 * the audio axes or tags (src/main/recommend/mood.ts), and the Moods view lists them in this order.
 */
export const MOODS = [
  'calm',
  'energetic',
  'happy',
  'sad',
  'dark',
  'party',
  'focus',
  'romantic',
  'angry',
  'dreamy',
  'nostalgic',
  'workout',
  'sleep',
] as const;
export type Mood = (typeof MOODS)[number];

export interface MoodScore {
  mood: Mood;
  /** 0…1: how strongly the track carries the mood, relative to the collection. */
  score: number;
  /** 0…1 from the texts alone, and from audio arousal/valence when analysed (else null). */
  text: number;
  audio: number | null;
}

export interface TrackScore {
  trackId: TrackId;
  score: number;
}

export interface VibeHit {
  trackId: TrackId;
  /** The final ranking score (higher is better). */
  score: number;
  /** Parts of the score: similarity to descriptor and lyrics, fit of the sound words (0…1). */
  descriptor: number;
  lyrics: number | null;
  sound: number | null;
  /** What matched: query words found in the track's tags, and sound traits it has. */
  matched?: { words: string[]; traits: string[] };
}

export interface VibeResult {
  query: string;
  /** Sound words recognised in the query and what they became, e.g. "slow → bpm < 95". */
  soundTerms: string[];
  semantic: boolean;
  hits: VibeHit[];
}

export interface PredictedStyle {
  trackId: TrackId;
  genre: string;
  /** 0…1: share of the neighbours' similarity-weighted vote. */
  confidence: number;
  /** Which spaces voted. */
  spaces: ('sound' | 'text')[];
}

export interface StyleCluster {
  id: number;
  /** "slow minor-key piano", "fast bright electronic". */
  name: string;
  size: number;
  topGenres: string[];
  /** 'sound' when clustered on audio features, 'text' on descriptor vectors when none exist. */
  space: 'sound' | 'text';
  /** A few representative tracks (closest to the centre). */
  examples: TrackId[];
}
