/**
 * Recommender types shared by the engine, the CLI, the bridges and the renderer: feedback events,
 * Up Next items with their reasons, the readable taste profile, stations, and the settings the
 * person controls.
 */
import type { TrackId } from './library';
import type {
  FeedbackPayload,
  RecommendSettings,
  StationSeed,
  TasteFacet,
  UpNextRequest,
} from './payload-schemas';

export { FEEDBACK_KINDS, FEEDBACK_SOURCES } from './feedback-vocabulary';
export type { FeedbackKind, FeedbackSource } from './feedback-vocabulary';
export type { RecommendSettings, StationSeed, TasteFacet, UpNextRequest };

/** The feedback context the first-run "Who do you love?" screen sends with its likes: a pick, not
 * listening (recommend/picks.ts). */
export const COLD_START_CONTEXT = 'cold-start';

/**
 * One feedback event as the engine records it: what a UI sends (the contract's schema), plus,
 * for imported listening history only, when it happened.
 */
export type FeedbackEvent = FeedbackPayload & {
  /** Unix ms; default now. */
  at?: number;
};

/** An event as stored: append-only, with its id and time. */
export interface RecordedEvent extends Required<
  Omit<FeedbackEvent, 'positionS' | 'durationS' | 'context'>
> {
  id: number;
  at: number;
  positionS: number | null;
  durationS: number | null;
  context: string | null;
}

/** Which measurement a suggestion's reason rests on. */
export type ReasonKind =
  | 'co-listen'
  | 'key-tempo'
  | 'session-mood'
  | 'new-artist-like'
  | 'sound'
  | 'genre'
  | 'taste'
  | 'seed'
  | 'change'
  | 'explore'
  | 'new-to-you'
  | 'picked'
  | 'mood'
  | 'vibe'
  | 'journey';

/** Where a candidate came from (a track may come from several). */
export type CandidateSource = 'neighbour' | 'session' | 'taste' | 'co-listen' | 'explore' | 'seed';

/** One suggestion of Up Next (or of a station / mood playlist / journey step). */
export interface UpNextItem {
  trackId: TrackId;
  /** A short sentence grounded in what was measured, e.g. "Same key and tempo as Wonderwall". */
  reason: string;
  reasonKind: ReasonKind;
  /** The reason as structured data (what `reason` says in English); the renderer words it. */
  why?: Reason;
  /** Ranking score; higher is better, comparable only within one list. */
  score: number;
  sources: CandidateSource[];
}

/** A track a reason names. */
export interface ReasonTrack {
  trackId: TrackId;
  title: string;
}

/** How two tempos relate: within 4 % ('same'), or about a factor of two apart. */
export type TempoRelation = 'same' | 'half-time' | 'double-time';
/** How two keys relate: the same key and mode, or relative major/minor (same notes). */
export type KeyRelation = 'same' | 'relative';
/** How well a track fits a mood, in words. */
export type MoodFit = 'very' | 'fits' | 'somewhat';

/**
 * Why a track was suggested, as facts that hold for the tracks it names (tests recompute them
 * from the stored features). One variant per kind of evidence.
 */
export type Reason =
  | { kind: 'co-listen'; facts: { after: ReasonTrack; count: number } }
  | { kind: 'change'; facts: { like: ReasonTrack } }
  | {
      kind: 'key-tempo';
      facts: {
        other: ReasonTrack;
        tempo?: { relation: TempoRelation; bpm: number; otherBpm: number };
        key?: { relation: KeyRelation; key: string; otherKey: string };
        /** Both energies (0–1), within one band of each other. */
        energy?: { value: number; other: number };
      };
    }
  | { kind: 'session-mood'; facts: { mood: string; tracks: number } }
  | {
      kind: 'new-to-you';
      /** What is new (an artist, or a genre, never heard — the playing track counts as heard)
       * and why it might fit: a heard track of the same tempo, of a similar energy, or that
       * sounds like it. */
      facts: {
        artist: string;
        newArtist: boolean;
        genre?: string;
        newGenre?: boolean;
        bpm?: number;
        like: ReasonTrack;
        likeBy: LikeBy;
      };
    }
  | { kind: 'new-artist-like'; facts: { artist: string } }
  | { kind: 'sound'; facts: { other: ReasonTrack; similarity: number } }
  | { kind: 'genre'; facts: { genre: string; other: ReasonTrack } }
  | { kind: 'taste'; facts: { liked?: boolean; artist?: string } }
  | { kind: 'picked'; facts: { picked: string } }
  | { kind: 'seed'; facts: { seed: string } }
  | { kind: 'mood'; facts: { mood: string; fit: MoodFit } }
  | { kind: 'vibe'; facts: { query: string; words: string[]; traits: string[] } }
  | { kind: 'journey'; facts: { from: ReasonTrack; to: ReasonTrack; percent: number } }
  | {
      kind: 'explore';
      /** An exploration pick, said by what it is; `other` and `contrast` when it differs from
       * the playing track in energy (by more than one band). */
      facts: {
        newArtist: boolean;
        artist?: string;
        genre?: string;
        bpm?: number;
        other?: ReasonTrack;
        contrast?: 'calmer' | 'livelier';
      };
    };

/** Why an unheard track might fit: the heard track it shares a tempo with (within 4 %), an
 * energy band with, or whose sound it is close to. */
export type LikeBy = 'tempo' | 'energy' | 'sound';

export const DEFAULT_RECOMMEND_SETTINGS: RecommendSettings = {
  noRepeatHours: 4,
  artistSpacing: 3,
  excludedGenres: [],
  excludedArtists: [],
  excludedFolders: [],
  adventurousness: 0.3,
  autoDj: true,
};

/** One line of the taste page: something Encore thinks the person likes (weight > 0) or not. */
export interface TasteEntry {
  facet: TasteFacet;
  name: string;
  /** Learned weight, roughly −3…3; the sign says like or dislike. */
  weight: number;
}

/** The readable taste profile. */
export interface Taste {
  likes: TasteEntry[];
  dislikes: TasteEntry[];
  /** Tracks whose sound is closest to what the model prefers ("sounds you like"). */
  sounds: { trackId: TrackId; title: string; artist: string }[];
  dislikedTracks: TrackId[];
  likedTracks: TrackId[];
  /** Events the model has learned from. */
  events: number;
  /** Which features the model could use, e.g. ['tags', 'sound', 'text']. */
  features: string[];
}

export interface Station {
  seed: StationSeed;
  seedTrackIds: TrackId[];
  items: UpNextItem[];
}

export interface JourneyOptions {
  /** Waypoint tracks to pass through, in order. */
  via?: TrackId[];
  /** Tracks in the journey including both ends, 3–100; default 10. */
  steps?: number;
}

export interface MoodPlaylist {
  mood: string;
  items: UpNextItem[];
  /** What the mood scores came from: 'mood-scores', 'audio', 'tags'. */
  basis: string[];
}

export interface HistoryImportResult {
  format: 'lastfm-csv' | 'lastfm-json' | 'listenbrainz';
  listens: number;
  matched: number;
  /** Matched listens already in the history from an earlier import (not stored again). */
  alreadyImported?: number;
  unmatched: number;
  /** A few unmatched "artist — title" lines, to show the person. */
  unmatchedExamples: string[];
}
