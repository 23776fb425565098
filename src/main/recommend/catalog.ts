/**
 * The recommender's in-memory view of the library: one compact record per playable track, its
 * content vector (row of one Float32Array) and its hashed taste features. Rebuilt when the library
 * or its measured features change; everything downstream works on catalog row numbers.
 */
import type { CatalogTrackRow } from '../store/feedback';
import { dirname } from 'node:path';
import type { TrackId } from '../../shared/library';
import { VectorIndex } from '../vectors/vector-index';
import { TwoStageBuffers, twoStageTopK } from '../vectors/two-stage-top-k';
import type { TopK } from '../vectors/top-k';
import type { CatalogFeatures, MoodScores, TrackAxes, Unsuggestable, VectorSet } from './features';
import {
  CONTENT_DIM,
  SOUND_DIM,
  TAG_DIM,
  TEXT_DIM,
  finishContent,
  hash32,
  moodWords,
  normName,
  project,
  projection,
  writeTagBlock,
  type TagTokens,
} from './content';

/** Hashed taste features: 2^16 buckets keep collisions rare for ~10^4 artists/albums/genres. */
export const TASTE_BUCKETS = 1 << 16;

export interface CatalogTrack {
  id: TrackId;
  title: string;
  artist: string;
  /** Normalised artist name (spacing, exclusions, taste). */
  artistKey: string;
  albumKey: string;
  /** Normalised genre names. */
  genres: string[];
  /** Genres as tagged, for display. */
  genreNames: string[];
  folder: string;
  year: number | null;
  durationS: number | null;
  bpm: number | null;
  key: string | null;
  scale: string | null;
  energy: number | null;
  valence: number | null;
  arousal: number | null;
  /** Mood words from the mood tag. */
  moodTags: string[];
  moodScores: MoodScores | null;
  hasSound: boolean;
  hasText: boolean;
  /** Integrated loudness (LUFS) and onsets per second, when measured (vibe traits). */
  loudnessLufs: number | null;
  onsetRate: number | null;
  /** Why the recommender never suggests this track (it can still be played by hand), or null. */
  unsuggestable: Unsuggestable | 'short' | null;
}

/** Fragments shorter than this (seconds) are jingles, stingers or damaged files, not songs to
 * suggest. */
export const MIN_SUGGEST_S = 30;
/** …once the library holds this many full-length tracks: a library of nothing but clips (a sound
 * effects folder, the test fixtures) would otherwise have nothing to suggest at all. */
export const MIN_FULL_LENGTH = 8;

/** The track fields the catalog reads (a Track satisfies it; the store's slim query returns it). */
export type CatalogInput = CatalogTrackRow;

export class Catalog {
  readonly dim = CONTENT_DIM;
  private readonly rowOf = new Map<TrackId, number>();
  readonly byArtist = new Map<string, number[]>();

  constructor(
    readonly tracks: CatalogTrack[],
    /** n × CONTENT_DIM, each row unit length (or zero). */
    readonly vectors: Float32Array,
    /** Row r's hashed taste features are sparseIdx[sparseOff[r] … sparseOff[r+1]). */
    readonly sparseOff: Int32Array,
    readonly sparseIdx: Int32Array,
    /** Which kinds of features the vectors use: 'tags', 'sound', 'text', 'axes', 'moods'. */
    readonly features: string[],
  ) {
    tracks.forEach((t, r) => {
      this.rowOf.set(t.id, r);
      const list = this.byArtist.get(t.artistKey);
      if (list) list.push(r);
      else this.byArtist.set(t.artistKey, [r]);
    });
  }

  get size(): number {
    return this.tracks.length;
  }

  /** Cosine similarity of the sound blocks alone (0 when either has no sound vector). */
  soundSimilarity(a: number, b: number): number {
    if (!this.tracks[a].hasSound || !this.tracks[b].hasSound) return 0;
    const v = this.vectors;
    const oa = a * CONTENT_DIM + TAG_DIM;
    const ob = b * CONTENT_DIM + TAG_DIM;
    let s = 0;
    let na = 0;
    let nb = 0;
    for (let j = 0; j < SOUND_DIM; j++) {
      s += v[oa + j] * v[ob + j];
      na += v[oa + j] * v[oa + j];
      nb += v[ob + j] * v[ob + j];
    }
    return na && nb ? s / Math.sqrt(na * nb) : 0;
  }

  private simd: VectorIndex | null = null;

  /** The rows in the shared vector index, built on first use (row r is id r). */
  private index(): VectorIndex {
    if (!this.simd) {
      const rows = Array.from({ length: this.size }, (_, r) => r);
      this.simd = VectorIndex.from(rows, this.vectors, { dim: CONTENT_DIM, metric: 'dot' });
    }
    return this.simd;
  }

  /**
   * Dot products of `query` with every row (scores[r] belongs to row r), by the SIMD kernels of
   * the shared vector index: a 100,000-row scan takes about a millisecond.
   */
  scoreAll(query: Float32Array): Float32Array {
    return this.size === 0 ? new Float32Array(0) : this.index().scoreAll(query).scores;
  }

  private int8: VectorIndex | null = null;
  private readonly twoStage = new TwoStageBuffers();

  /**
   * Among rows with allowed[r] ≠ 0: the k rows with the highest a·v, and the k2 with the highest
   * b·v + w·add[r] — exactly the rows and order a float32 scan keeps (see two-stage-top-k.ts),
   * from one pass over an int8 copy of the vectors (built on first use) and float32 dot products
   * for the few rows it cannot rule out.
   */
  topBoth(
    a: Float32Array,
    b: Float32Array,
    k: { a: number; b: number },
    allowed: Uint8Array,
    add: Float64Array,
    w: number,
  ): { a: TopK; b: TopK } {
    const { top, top2 } = twoStageTopK(
      {
        coarse: this.int8Index(),
        exact: this.index(),
        query: a,
        query2: b,
        k: k.a,
        k2: k.b,
        allowed,
        add2: add,
        add2Scale: w,
      },
      this.twoStage,
    );
    return { a: top, b: top2 };
  }

  private int8Index(): VectorIndex {
    if (!this.int8) {
      const rows = Array.from({ length: this.size }, (_, r) => r);
      this.int8 = VectorIndex.from(rows, this.vectors, {
        dim: CONTENT_DIM,
        metric: 'dot',
        quantize: true,
      });
    }
    return this.int8;
  }

  /** Builds the float32 and int8 indexes the scans read (otherwise built by the first scan). */
  prepareScans(): void {
    if (this.size === 0) return;
    this.index();
    this.int8Index();
  }

  /** Row of a track, or -1 when it is not playable / unknown. */
  row(id: TrackId): number {
    return this.rowOf.get(id) ?? -1;
  }

  /** Row r's content vector (a view, not a copy). */
  vector(r: number): Float32Array {
    return this.vectors.subarray(r * CONTENT_DIM, (r + 1) * CONTENT_DIM);
  }

  /** Cosine similarity of two rows (vectors are unit length). */
  similarity(a: number, b: number): number {
    const v = this.vectors;
    let s = 0;
    const oa = a * CONTENT_DIM;
    const ob = b * CONTENT_DIM;
    for (let j = 0; j < CONTENT_DIM; j++) s += v[oa + j] * v[ob + j];
    return s;
  }
}

/** Builds the catalog from tracks and whatever the feature source has measured. */
export async function buildCatalog(
  tracks: CatalogInput[],
  source: CatalogFeatures,
): Promise<Catalog> {
  const [sound, text, axes, moods] = await Promise.all([
    source.soundVectors(),
    source.textVectors(),
    source.axes(),
    source.moods(),
  ]);
  return catalogFrom(tracks, { sound, text, axes, moods });
}

export interface MeasuredFeatures {
  sound: VectorSet | null;
  text: VectorSet | null;
  axes: Map<TrackId, TrackAxes>;
  moods: Map<TrackId, MoodScores>;
}

function rowsById(set: VectorSet | null): Map<number, number> {
  const m = new Map<number, number>();
  set?.ids.forEach((id, i) => m.set(id, i));
  return m;
}

/** Pure: the catalog of `tracks` given measured features. */
export function catalogFrom(tracks: CatalogInput[], f: MeasuredFeatures): Catalog {
  const playable = tracks.filter((t) => !t.missing);
  const n = playable.length;
  const fullLength = playable.filter((t) => (t.durationS ?? 0) >= MIN_SUGGEST_S).length;
  const skipFragments = fullLength >= MIN_FULL_LENGTH;
  const vectors = new Float32Array(n * CONTENT_DIM);
  const soundRow = rowsById(f.sound);
  const textRow = rowsById(f.text);
  const soundP = f.sound && f.sound.dim > SOUND_DIM ? projection(f.sound.dim, SOUND_DIM, 11) : null;
  const textP = f.text && f.text.dim > TEXT_DIM ? projection(f.text.dim, TEXT_DIM, 13) : null;
  const sparseOff = new Int32Array(n + 1);
  const sparse: number[] = [];
  const out: CatalogTrack[] = [];
  playable.forEach((t, r) => {
    const ax = f.axes.get(t.id);
    const tokens: TagTokens = {
      artist: normName(t.artist || t.albumArtist),
      album: normName(t.album),
      genres: t.genres.map(normName).filter(Boolean),
      decade: t.year ? `${Math.floor(t.year / 10) * 10}s` : null,
      moods: moodWords(t.moodTag),
    };
    const base = r * CONTENT_DIM;
    writeTagBlock(tokens, vectors, base);
    const sr = soundRow.get(t.id);
    if (f.sound && sr !== undefined)
      project(
        f.sound.data,
        sr * f.sound.dim,
        f.sound.dim,
        soundP,
        SOUND_DIM,
        vectors,
        base + TAG_DIM,
      );
    const tr = textRow.get(t.id);
    if (f.text && tr !== undefined)
      project(
        f.text.data,
        tr * f.text.dim,
        f.text.dim,
        textP,
        TEXT_DIM,
        vectors,
        base + TAG_DIM + SOUND_DIM,
      );
    finishContent(vectors, r, sr !== undefined, tr !== undefined);
    for (const tok of tasteTokens(tokens)) sparse.push(hash32(tok) % TASTE_BUCKETS);
    sparseOff[r + 1] = sparse.length;
    out.push({
      id: t.id,
      title: t.title || t.path.split(/[\\/]/).pop() || String(t.id),
      artist: t.artist || t.albumArtist,
      artistKey: tokens.artist,
      albumKey: `${tokens.artist}|${tokens.album}`,
      genres: tokens.genres,
      genreNames: t.genres,
      folder: dirname(t.path),
      year: t.year,
      durationS: t.durationS,
      bpm: ax?.bpm ?? t.bpmTag ?? null,
      key: ax?.key ?? keyOfTag(t.keyTag),
      scale: ax?.scale ?? scaleOfTag(t.keyTag),
      energy: ax?.energy ?? null,
      valence: ax?.valence ?? null,
      arousal: ax?.arousal ?? null,
      moodTags: tokens.moods,
      moodScores: f.moods.get(t.id) ?? null,
      hasSound: sr !== undefined,
      hasText: tr !== undefined,
      loudnessLufs: ax?.loudnessLufs ?? null,
      onsetRate: ax?.onsetRate ?? null,
      unsuggestable:
        ax?.unsuggestable ??
        (skipFragments && t.durationS !== null && t.durationS < MIN_SUGGEST_S ? 'short' : null),
    });
  });
  const features = ['tags'];
  if (f.sound) features.push('sound');
  if (f.text) features.push('text');
  if (f.axes.size) features.push('axes');
  if (f.moods.size) features.push('moods');
  return new Catalog(out, vectors, sparseOff, Int32Array.from(sparse), features);
}

/** The named features the taste model learns a weight for (hashed to buckets). */
export function tasteTokens(t: TagTokens): string[] {
  const out: string[] = [];
  if (t.artist) out.push(`artist:${t.artist}`);
  if (t.album) out.push(`album:${t.artist}|${t.album}`);
  for (const g of t.genres) out.push(`genre:${g}`);
  if (t.decade) out.push(`decade:${t.decade}`);
  for (const m of t.moods) out.push(`mood:${m}`);
  return out;
}

/** 'Am', 'A minor', 'F#' → the key letter part. */
function keyOfTag(tag: string | null): string | null {
  const m = tag?.trim().match(/^([A-Ga-g][#b♯♭]?)/);
  return m ? m[1].toUpperCase().replace('♯', '#').replace('♭', 'b') : null;
}

function scaleOfTag(tag: string | null): string | null {
  if (!tag) return null;
  const t = tag.trim();
  if (/min|^[A-Ga-g][#b♯♭]?m$/i.test(t)) return 'minor';
  return keyOfTag(t) ? 'major' : null;
}
