/**
 * The readable taste page: reads the taste model's learned weights back as named artists, genres,
 * moods and decades the person seems to like or dislike, plus the tracks whose sound the model
 * prefers most.
 */
import type { Taste, TasteEntry, TasteFacet } from '../../shared/recommend';
import { CONTENT_DIM, hash32 } from './content';
import { TASTE_BUCKETS } from './catalog';
import type { RecommenderState } from './state';
import { repeatedlyAvoided } from './avoid-evidence';

/** Weights smaller than this are noise, not an opinion. */
const MIN_WEIGHT = 0.05;
/** An artist or genre is "avoided" (listed under "What you avoid", left out of suggestions) only
 * at this weight: about three early skips of suggestions, or one dislike and a skip — repeated
 * evidence, not one sampled song (see labels.ts for how little sampling one's own list teaches). */
export const AVOID_WEIGHT = -0.3;
const PER_SIDE = 15;
/** Tracks heard through before "sounds you like" is shown: a skip alone says what the person does
 * not want, not which sound they do. */
const MIN_KEPT_FOR_SOUNDS = 3;

export function tasteView(state: RecommenderState): Taste {
  const { catalog, model, history } = state;
  const names = new Map<string, { facet: TasteFacet; name: string }>();
  for (const t of catalog.tracks) {
    names.set(`artist:${t.artistKey}`, { facet: 'artist', name: t.artist });
    t.genres.forEach((g, i) =>
      names.set(`genre:${g}`, { facet: 'genre', name: t.genreNames[i] ?? g }),
    );
    for (const m of t.moodTags) names.set(`mood:${m}`, { facet: 'mood', name: m });
    if (t.year) {
      const d = `${Math.floor(t.year / 10) * 10}s`;
      names.set(`decade:${d}`, { facet: 'decade', name: d });
    }
  }
  const entries: (TasteEntry & { token: string })[] = [];
  for (const [token, n] of names) {
    const weight = model.sparseNow(hash32(token) % TASTE_BUCKETS);
    if (Math.abs(weight) >= MIN_WEIGHT)
      entries.push({ ...n, token, weight: Math.round(weight * 100) / 100 });
  }
  const likes = entries
    .filter((e) => e.weight > 0)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, PER_SIDE)
    .map(entry);
  const dislikes = entries
    .filter((e) =>
      e.facet === 'artist' || e.facet === 'genre'
        ? e.weight <= AVOID_WEIGHT && repeatedlyAvoided(state, e.token)
        : e.weight < 0,
    )
    .sort((a, b) => a.weight - b.weight)
    .slice(0, PER_SIDE)
    .map(entry);
  const dense = model.denseNow();
  const scored: { r: number; s: number }[] = [];
  if (model.events > 0 && history.plays.size >= MIN_KEPT_FOR_SOUNDS) {
    for (let r = 0; r < catalog.size; r++) {
      if (history.disliked.has(catalog.tracks[r].id)) continue;
      let s = 0;
      for (let j = 0; j < CONTENT_DIM; j++) s += dense[j] * catalog.vectors[r * CONTENT_DIM + j];
      scored.push({ r, s });
    }
  }
  const sounds = scored
    .sort((a, b) => b.s - a.s)
    .slice(0, 5)
    .map(({ r }) => ({
      trackId: catalog.tracks[r].id,
      title: catalog.tracks[r].title,
      artist: catalog.tracks[r].artist,
    }));
  return {
    likes,
    dislikes,
    sounds,
    dislikedTracks: [...history.disliked],
    likedTracks: [...history.liked],
    events: model.events,
    features: catalog.features,
  };
}

const entry = ({ facet, name, weight }: TasteEntry): TasteEntry => ({ facet, name, weight });

/** Avoided artists per state, valid while the catalog and the number of learned events stay. */
const avoidedCache = new WeakMap<
  RecommenderState,
  { events: number; catalog: RecommenderState['catalog']; set: Set<string> }
>();

/** Drops the cached avoided artists (after a taste edit that learned no event: forget, reset). */
export function tasteEdited(state: RecommenderState): void {
  avoidedCache.delete(state);
}

/** Avoided artists (normalised); `asked` (an artist station's artist) are left in. */
export function avoidedArtists(
  state: RecommenderState,
  asked: readonly string[] = [],
): Set<string> {
  const { catalog, model } = state;
  let c = avoidedCache.get(state);
  if (!c || c.events !== model.events || c.catalog !== catalog) {
    const set = new Set<string>();
    if (model.events > 0) {
      const { keys, buckets } = artistBuckets(catalog);
      for (let i = 0; i < keys.length; i++)
        if (
          model.sparseNow(buckets[i]) <= AVOID_WEIGHT &&
          repeatedlyAvoided(state, `artist:${keys[i]}`)
        )
          set.add(keys[i]);
    }
    c = { events: model.events, catalog, set };
    avoidedCache.set(state, c);
  }
  if (asked.length === 0) return c.set;
  const out = new Set(c.set);
  for (const a of asked) out.delete(a);
  return out;
}

/** Each artist's taste bucket, hashed once per catalog (hashing 4,000 names per event costs
 * milliseconds; reading 4,000 weights, microseconds). */
const bucketCache = new WeakMap<
  RecommenderState['catalog'],
  { keys: string[]; buckets: Int32Array }
>();
function artistBuckets(catalog: RecommenderState['catalog']): {
  keys: string[];
  buckets: Int32Array;
} {
  let b = bucketCache.get(catalog);
  if (!b) {
    const keys = [...catalog.byArtist.keys()].filter(Boolean);
    b = { keys, buckets: Int32Array.from(keys, (k) => hash32(`artist:${k}`) % TASTE_BUCKETS) };
    bucketCache.set(catalog, b);
  }
  return b;
}
