/**
 * Where the recommender gets measured features from, behind one small interface, so it works on
 * tags alone and gets better as the analysis (sound vectors, audio axes) and embedding (text
 * vectors, mood scores) stages land. The store-backed source looks for those repositories at run
 * time and reports what it found; tests, the evaluation and the benchmark may pass their own.
 */
import type { Store } from '../store/index';
import type { TrackId } from '../../shared/library';

/** Row-major vectors keyed by track id: row i of `data` (length `dim`) belongs to `ids[i]`. */
export interface VectorSet {
  ids: number[];
  dim: number;
  data: Float32Array;
}

/** Measured musical axes of one track; any may be missing. */
export interface TrackAxes {
  /** Beats per minute, 40–240. */
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
}

/** Per-track mood scores, 0–1, keyed by mood name (calm, happy, …). */
export type MoodScores = Record<string, number>;

export interface FeatureSource {
  /** Standardised, L2-normalised sound vectors, or null when nothing is analysed yet. */
  soundVectors(): Promise<VectorSet | null>;
  /** Text-description vectors, or null. */
  textVectors(): Promise<VectorSet | null>;
  /** Audio axes for every analysed track. */
  axes(): Promise<Map<TrackId, TrackAxes>>;
  /** Mood scores for every track that has them. */
  moods(): Promise<Map<TrackId, MoodScores>>;
}

/** What a repository of the analysis stage offers (src/main/store/features.ts, when present). */
interface FeaturesRepo {
  soundVectors?(): Promise<VectorSet>;
  getMany?(ids: number[]): Promise<Record<string, unknown>[]>;
}
/** What the embedding stage's repository offers (src/main/store/vectors.ts, when present). */
interface VectorsRepo {
  textVectors?(kind: 'descriptor' | 'lyrics'): Promise<VectorSet>;
  moodScores?(): Promise<Map<TrackId, MoodScores> | { trackId: number; moods: MoodScores }[]>;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** Reads whatever the store holds; every part degrades to "nothing" when its stage is absent. */
export function storeFeatureSource(store: Store): FeatureSource {
  const repos = store as unknown as { features?: FeaturesRepo; vectors?: VectorsRepo };
  const safe = async <T>(f: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await f();
    } catch {
      return fallback;
    }
  };
  return {
    soundVectors: () =>
      safe(async () => {
        const set = await repos.features?.soundVectors?.();
        return set && set.ids.length > 0 ? set : null;
      }, null),
    textVectors: () =>
      safe(async () => {
        const set = await repos.vectors?.textVectors?.('descriptor');
        return set && set.ids.length > 0 ? set : null;
      }, null),
    axes: () =>
      safe(async () => {
        const out = new Map<TrackId, TrackAxes>();
        const sound = await repos.features?.soundVectors?.();
        if (!sound || !repos.features?.getMany) return out;
        for (const row of await repos.features.getMany(sound.ids)) {
          const id = num(row.trackId);
          if (id === null) continue;
          out.set(id, {
            bpm: num(row.bpm),
            key: str(row.key),
            scale: str(row.scale),
            // The analysis stage's `energy` is raw signal energy; its 0–1 calm → energetic axis
            // is `arousal`, which is what "energy" means here.
            energy: num(row.arousal),
            valence: num(row.valence),
            arousal: num(row.arousal),
          });
        }
        return out;
      }, new Map()),
    moods: () =>
      safe(async () => {
        const got = await repos.vectors?.moodScores?.();
        if (!got) return new Map<TrackId, MoodScores>();
        if (got instanceof Map) return got;
        return new Map(got.map((r) => [r.trackId, r.moods]));
      }, new Map()),
  };
}

/** A source with nothing measured: the recommender runs on tags alone. */
export const noFeatures: FeatureSource = {
  soundVectors: async () => null,
  textVectors: async () => null,
  axes: async () => new Map(),
  moods: async () => new Map(),
};
