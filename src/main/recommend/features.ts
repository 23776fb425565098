/**
 * Where the recommender gets measured features from, behind one small interface, so it works on
 * tags alone and gets better as the analysis (sound vectors, audio axes) and embedding (text
 * vectors, mood scores) stages land. The store-backed source reads the store's repositories
 * directly (a missing method is a compile error; a failing read rejects and is reported by the
 * caller); tests, the evaluation and the benchmark may pass their own.
 */
import type { Store } from '../store/index';
import type { TrackId } from '../../shared/library';
import { MOODS } from '../../shared/meaning';

/** Row-major vectors keyed by track id: row i of `data` (length `dim`) belongs to `ids[i]`. */
export interface VectorSet {
  ids: number[];
  dim: number;
  data: Float32Array;
}

/** Why a track must not be suggested although it is in the library (it can still be played). */
export type Unsuggestable = 'analysis-failed' | 'silent';

/** Measured musical axes of one track; any may be missing. */
export interface TrackAxes {
  /** Beats per minute, 50–220. */
  bpm?: number | null;
  /** Key name, e.g. 'A'. */
  key?: string | null;
  /** 'major' | 'minor'. */
  scale?: string | null;
  /** 0–1. */
  energy?: number | null;
  /** 0–1 (sad → happy). */
  valence?: number | null;
  /** 0–1 (calm → excited). */
  arousal?: number | null;
  /** Integrated loudness, LUFS (about −70…0). */
  loudnessLufs?: number | null;
  /** Onsets per second. */
  onsetRate?: number | null;
  /** Spectral centroid, Hz. */
  spectralCentroid?: number | null;
  /** Set when the analysis found the track unusable for suggestions. */
  unsuggestable?: Unsuggestable | null;
}

/** Per-track mood scores, 0–1, keyed by mood name (calm, happy, …). */
export type MoodScores = Record<string, number>;

/** What the recommender's catalogue reads of the analysis and embedding stages (from the store). */
export interface CatalogFeatures {
  /** Standardised, L2-normalised sound vectors, or null when nothing is analysed yet. */
  soundVectors(): Promise<VectorSet | null>;
  /** Text-description vectors, or null. */
  textVectors(): Promise<VectorSet | null>;
  /** Audio axes for every analysed track (and the verdict on tracks that failed analysis). */
  axes(): Promise<Map<TrackId, TrackAxes>>;
  /** Mood scores for every track that has them. */
  moods(): Promise<Map<TrackId, MoodScores>>;
}

/** Below this integrated loudness a track is silence (digital silence measures about −70 LUFS;
 * the quietest real recordings sit above −40). */
const SILENT_LUFS = -60;
/** Below this RMS (full scale 1) there is nothing to hear: about −80 dBFS. */
const SILENT_RMS = 1e-4;

/** True when the measured loudness says there is no music to hear. */
export function isSilent(loudnessLufs: number | null, rms: number | null): boolean {
  if (loudnessLufs !== null && loudnessLufs < SILENT_LUFS) return true;
  return rms !== null && rms < SILENT_RMS;
}

/** Reads the analysis and embedding repositories of the store. */
export function storeCatalogFeatures(store: Store): CatalogFeatures {
  return {
    async soundVectors() {
      const set = await store.features.soundVectors();
      return set.ids.length > 0 ? set : null;
    },
    async textVectors() {
      const set = await store.vectors.textVectors('descriptor');
      return set.ids.length > 0 ? set : null;
    },
    async axes() {
      const out = new Map<TrackId, TrackAxes>();
      const sound = await store.features.soundVectors();
      for (const f of await store.features.getMany(sound.ids)) {
        out.set(f.trackId, {
          bpm: f.bpm,
          key: f.key,
          scale: f.scale,
          // The analysis stage's `energy` is raw signal energy; its 0–1 calm → energetic axis
          // is `arousal`, which is what "energy" means here.
          energy: f.arousal,
          valence: f.valence,
          arousal: f.arousal,
          loudnessLufs: f.loudnessLufs,
          onsetRate: f.onsetRate,
          spectralCentroid: f.spectralCentroid,
          unsuggestable: isSilent(f.loudnessLufs, f.rms) ? 'silent' : null,
        });
      }
      // Tracks the analyser could not read or decode (as their files are now).
      for (const e of await store.features.errors(Number.MAX_SAFE_INTEGER))
        out.set(e.trackId, { unsuggestable: 'analysis-failed' });
      return out;
    },
    async moods() {
      const out = new Map<TrackId, MoodScores>();
      for (const mood of MOODS) {
        for (const { trackId, score } of await store.vectors.topByMood(
          mood,
          Number.MAX_SAFE_INTEGER,
        )) {
          const scores = out.get(trackId) ?? {};
          scores[mood] = score;
          out.set(trackId, scores);
        }
      }
      return out;
    },
  };
}

/** A source with nothing measured: the recommender runs on tags alone. */
export const noFeatures: CatalogFeatures = {
  soundVectors: async () => null,
  textVectors: async () => null,
  axes: async () => new Map(),
  moods: async () => new Map(),
};
