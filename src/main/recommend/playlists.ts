/**
 * Stations and mood playlists, built from the same steps as Up Next. A station resolves its seed
 * (a song, an artist's tracks, a mood's best tracks, a vibe query's matches) to seed tracks and
 * continues from their centre; a mood playlist ranks tracks by mood score nudged by taste, minus
 * tracks the person removed from it, spread across artists.
 */
import type { Track, TrackId } from '../../shared/library';
import type {
  MoodPlaylist,
  Reason,
  Station,
  StationSeed,
  UpNextItem,
} from '../../shared/recommend';
import { reasonText } from '../../shared/reason-text';
import { normName } from './content';
import { contentDistance } from './distance';
import { diversify } from './diversity';
import { FIT_MIN, MIN_PLAYLIST, moodBand, moodFit, moodHalf, moodRows } from './mood';
import type { Scored } from './ranking';
import { askedForMask } from './asked-rows';
import { Session } from './session';
import type { RecommenderState } from './state';
import { suggest } from './up-next';

/** What the embedding stage offers for free-text and mood search (engine.meaning). */
export interface MeaningSource {
  /** Track ids best matching a free-text description, best first. */
  vibe(text: string, limit: number): Promise<TrackId[]>;
  /** Tracks that best fit a mood, best first, with their mood score (0–1). */
  mood?(name: string, limit: number): Promise<{ trackId: TrackId; score: number }[]>;
}

export interface StationHelpers {
  meaning?: MeaningSource;
  search: (query: string, limit: number) => Promise<Track[]>;
  now: number;
  random: () => number;
}

/** How many seed tracks a station starts from (an artist's best, a mood's top). */
const SEEDS = 5;

export async function seedRows(
  st: RecommenderState,
  seed: StationSeed,
  h: StationHelpers,
): Promise<number[]> {
  const c = st.catalog;
  // A song the person names may be anything; every other seed is chosen by Encore and follows the
  // rules (exclusions, avoided artists except the one asked for, nothing unplayable).
  const mask = stationMask(st, seed, h.now);
  const allowed = (rows: number[]): number[] => rows.filter((r) => r >= 0 && mask[r] === 1);
  switch (seed.kind) {
    case 'track':
      return [c.row(seed.trackId)].filter((r) => r >= 0);
    case 'artist': {
      const all = artistRows(st, seed.name);
      const rows = allowed(all);
      if (all.length > 0 && rows.length === 0)
        throw new Error(`artist “${seed.name}” is excluded in the recommendation settings`);
      return rows.sort((a, b) => st.model.logit(c, b) - st.model.logit(c, a)).slice(0, SEEDS);
    }
    case 'mood': {
      const ids = ((await h.meaning?.mood?.(seed.name, SEEDS * 20)) ?? []).map((x) => x.trackId);
      const band = moodBand(c, seed.name);
      const rows = allowed(ids.map((id) => c.row(id))).filter((r) => band(r));
      if (rows.length) return rows.slice(0, SEEDS);
      return moodRows(c, seed.name, mask)
        .filter((x) => band(x.row))
        .map((x) => x.row)
        .slice(0, SEEDS);
    }
    case 'vibe': {
      const semantic = (await h.meaning?.vibe(seed.text, SEEDS * 20)) ?? [];
      const ids = semantic.length
        ? semantic
        : (await h.search(seed.text, SEEDS * 20)).map((t) => t.id);
      return allowed(ids.map((id) => c.row(id))).slice(0, SEEDS);
    }
  }
}

function artistRows(st: RecommenderState, name: string): number[] {
  const c = st.catalog;
  const key = normName(name);
  return [
    ...(c.byArtist.get(key) ?? [...c.byArtist.entries()].find(([k]) => k.includes(key))?.[1] ?? []),
  ];
}

/** What a station may hold: the Up Next rules without the repeat window (asked for now). */
function stationMask(st: RecommenderState, seed: StationSeed, now: number): Uint8Array {
  const asked = seed.kind === 'artist' ? artistRows(st, seed.name) : [];
  return askedForMask(st, now, {
    askedArtists: asked.map((r) => st.catalog.tracks[r].artistKey),
  });
}

/** A station: its seed tracks first, then suggestions continuing from them. */
export async function buildStation(
  st: RecommenderState,
  seed: StationSeed,
  count: number,
  h: StationHelpers,
): Promise<Station> {
  const rows = await seedRows(st, seed, h);
  if (rows.length === 0) throw new Error(`nothing in the library matches ${describe(seed)}`);
  // A pretend session in which the seeds were enjoyed: the station continues from their centre.
  const session = new Session('station');
  rows.forEach((r, i) =>
    session.apply({
      id: 0,
      at: h.now,
      trackId: st.catalog.tracks[r].id,
      kind: 'complete',
      sessionId: 'station',
      source: 'station',
      positionS: null,
      durationS: null,
      context: String(i),
    }),
  );
  const first = rows[0];
  const seedIds = rows.map((r) => st.catalog.tracks[r].id);
  const start: Reason = { kind: 'seed', facts: { seed: describe(seed) } };
  const head: UpNextItem = {
    trackId: seedIds[0],
    reason: reasonText(start),
    reasonKind: 'seed',
    why: start,
    score: 0,
    sources: ['seed'],
  };
  // A mood station keeps to its side of the library's energy (a calm station never plays the
  // most energetic quarter, and the reverse).
  const band = seed.kind === 'mood' ? moodBand(st.catalog, seed.name) : () => true;
  const outOfBand = st.catalog.tracks.filter((_, r) => !band(r)).map((t) => t.id);
  const rest = suggest(st, {
    current: first,
    session,
    exclude: [...seedIds, ...outOfBand],
    count: count - 1,
    now: h.now,
    random: h.random,
    askedArtists:
      seed.kind === 'artist' ? rows.map((r) => st.catalog.tracks[r].artistKey) : undefined,
  });
  head.score = (rest[0]?.score ?? 0) + 1;
  return { seed, seedTrackIds: seedIds, items: [head, ...rest] };
}

function describe(seed: StationSeed): string {
  switch (seed.kind) {
    case 'track':
      return `track ${seed.trackId}`;
    case 'artist':
      return `artist “${seed.name}”`;
    case 'mood':
      return `mood “${seed.name}”`;
    case 'vibe':
      return `“${seed.text}”`;
  }
}

/**
 * A mood playlist from mood scores (or audio axes, or tags), nudged by taste, spread out. Sized by
 * fit: the tracks that fit the mood at least FIT_MIN (up to `count`), topped up to MIN_PLAYLIST
 * with tracks still on the mood's side; each says how well it fits in words.
 */
export async function buildMoodPlaylist(
  st: RecommenderState,
  name: string,
  count: number,
  h: { meaning?: MeaningSource; now: number },
): Promise<MoodPlaylist> {
  const c = st.catalog;
  const mood = name.toLowerCase();
  const removed = st.history.removed.get(`mood:${mood}`) ?? new Set<TrackId>();
  const mask = askedForMask(st, h.now, { exclude: removed });
  const half = moodHalf(c, mood);
  const fromMeaning = (await h.meaning?.mood?.(mood, Math.max(count * 6, 200))) ?? [];
  const fit = new Map<number, number>();
  const basis = new Set<string>();
  if (fromMeaning.length) {
    basis.add('mood-scores');
    for (const { trackId, score } of fromMeaning) {
      const r = c.row(trackId);
      if (r >= 0 && mask[r] && half(r)) fit.set(r, score);
    }
  } else {
    for (const { row, m } of moodRows(c, mood, mask)) {
      if (!half(row)) continue;
      basis.add(m.basis);
      fit.set(row, m.score);
    }
  }
  const byFit = [...fit.entries()].sort((x, y) => y[1] - x[1]);
  const fitting = byFit.filter(([, f]) => f >= FIT_MIN);
  const chosenRows = (
    fitting.length >= MIN_PLAYLIST
      ? fitting
      : byFit.filter(([, f]) => f > 0.5).slice(0, MIN_PLAYLIST)
  ).slice(0, count * 4);
  const scored = chosenRows.map(([r, f]) => entry(st, r, f)).sort((x, y) => y.score - x.score);
  const chosen = diversify(c, scored, {
    count: Math.min(count, chosenRows.length),
    lambda: 0.9,
    spacing: st.settings.artistSpacing,
    recentArtists: [],
    metric: contentDistance,
    pool: count * 4,
  });
  return {
    mood,
    basis: [...basis],
    items: chosen.map((s) => {
      const why: Reason = { kind: 'mood', facts: { mood, fit: moodFit(fit.get(s.row) ?? 0) } };
      return {
        trackId: c.tracks[s.row].id,
        reason: reasonText(why),
        reasonKind: 'mood',
        why,
        score: s.score,
        sources: ['taste'],
      };
    }),
  };
}

/** Mood score nudged by taste: liked sounds rise a little, but the mood decides. */
function entry(st: RecommenderState, row: number, mood: number): Scored {
  const taste = st.model.logit(st.catalog, row);
  return {
    row,
    score: mood + 0.15 * Math.tanh(taste / 2),
    parts: { sim: 0, taste, session: 0, co: 0, novel: 0, recent: 0 },
    sources: ['taste'],
  };
}
