/**
 * Vibe search ranking: a query vector against the descriptor and lyrics indexes, plus the query's
 * sound words ("slow", "upbeat", "120 bpm") fitted against audio features. A track's semantic
 * score is the better of its descriptor and lyrics similarity (a query about rain may match
 * either what a song is about or how it is described); the sound fit adds up to SOUND_WEIGHT.
 */
import type { TrackId } from '../../shared/library';
import type { VibeHit } from '../../shared/meaning';
import type { VectorIndex } from '../vectors/vector-index';
import { matchedTraits, soundFit, type SoundFeatures, type SoundTerm } from './sound-words';
import { lexicalFeatures } from './lexical';
import type { Track } from '../../shared/library';

// Candidates taken from each index before re-ranking; well above any page of results.
const CANDIDATES = 400;
// How much a perfect sound fit adds: about the gap between a good and a mediocre semantic match.
const SOUND_WEIGHT = 0.3;
// A track with no analysis gets a neutral fit, neither rewarded nor excluded.
const NEUTRAL_FIT = 0.5;

export interface VibeInput {
  query: Float32Array;
  descriptor: VectorIndex;
  lyrics?: VectorIndex;
  terms: SoundTerm[];
  features: Map<TrackId, SoundFeatures>;
  limit: number;
}

export function rankVibe(input: VibeInput): VibeHit[] {
  const { query, descriptor, lyrics, terms, features } = input;
  const desc = new Map(descriptor.search(query, CANDIDATES).map((n) => [n.id, n.score]));
  const lyr = new Map((lyrics?.search(query, CANDIDATES) ?? []).map((n) => [n.id, n.score]));
  const candidates = new Set<TrackId>([...desc.keys(), ...lyr.keys()]);
  // Sound words alone ("slow acoustic") must reach analysed tracks the texts did not surface.
  if (terms.length > 0)
    for (const id of features.keys()) if (descriptor.has(id)) candidates.add(id);
  const hits: VibeHit[] = [];
  const dot = (index: VectorIndex | undefined, id: TrackId): number | null => {
    const v = index?.get(id);
    if (!v) return null;
    let s = 0;
    for (let j = 0; j < v.length; j++) s += v[j] * query[j];
    return s;
  };
  let qn = 0;
  for (const x of query) qn += x * x;
  const norm = Math.sqrt(qn) || 1;
  for (const id of candidates) {
    const d = desc.get(id) ?? (dot(descriptor, id) ?? 0) / norm;
    const l = lyr.get(id) ?? (lyrics?.has(id) ? (dot(lyrics, id) as number) / norm : null);
    const semantic = l === null ? d : Math.max(d, l);
    const fit = soundFit(terms, features.get(id));
    const score = semantic + (terms.length ? SOUND_WEIGHT * (fit ?? NEUTRAL_FIT) : 0);
    hits.push({ trackId: id, score, descriptor: d, lyrics: l, sound: fit });
  }
  return hits.sort((a, b) => b.score - a.score).slice(0, input.limit);
}

/** The query words found in a track's tags (title, artist, album, genres, mood, composer) and
 * the asked-for sound traits it has: what a vibe result says matched. */
export function vibeMatches(
  query: string,
  terms: SoundTerm[],
  track: Pick<Track, 'title' | 'artist' | 'album' | 'genres' | 'moodTag' | 'composer'>,
  features: SoundFeatures | undefined,
): { words: string[]; traits: string[] } {
  const text = [
    track.title,
    track.artist,
    track.album,
    ...track.genres,
    track.moodTag,
    track.composer,
  ]
    .filter(Boolean)
    .join(' ');
  const have = new Set([...lexicalFeatures(text).keys()].filter((k) => k.startsWith('w:')));
  const words = [...lexicalFeatures(query).keys()]
    .filter((k) => k.startsWith('w:') && have.has(k))
    .map((k) => k.slice(2));
  return { words, traits: matchedTraits(terms, features) };
}
