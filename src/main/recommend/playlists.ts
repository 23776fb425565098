/**
 * Stations and mood playlists, built from the same steps as Up Next. A station resolves its seed
 * (a song, an artist's tracks, a mood's best tracks, a vibe query's matches) to seed tracks and
 * continues from their centre; a mood playlist ranks tracks by mood score nudged by taste, minus
 * tracks the person removed from it, spread across artists.
 */
import type { Track, TrackId } from '../../shared/library';
import type { MoodPlaylist, Station, StationSeed, UpNextItem } from '../../shared/recommend';
import { normName } from './content';
import { contentDistance } from './distance';
import { diversify } from './diversity';
import { moodRows } from './mood';
import type { Scored } from './ranking';
import { allowedMask } from './rules';
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
  switch (seed.kind) {
    case 'track':
      return [c.row(seed.trackId)].filter((r) => r >= 0);
    case 'artist': {
      const key = normName(seed.name);
      const rows =
        c.byArtist.get(key) ?? [...c.byArtist.entries()].find(([k]) => k.includes(key))?.[1] ?? [];
      return [...rows].sort((a, b) => st.model.logit(c, b) - st.model.logit(c, a)).slice(0, SEEDS);
    }
    case 'mood': {
      const ids = ((await h.meaning?.mood?.(seed.name, SEEDS * 4)) ?? []).map((x) => x.trackId);
      const rows = ids.map((id) => c.row(id)).filter((r) => r >= 0);
      if (rows.length) return rows.slice(0, SEEDS);
      return moodRows(c, seed.name)
        .slice(0, SEEDS * 4)
        .map((x) => x.row)
        .slice(0, SEEDS);
    }
    case 'vibe': {
      const semantic = (await h.meaning?.vibe(seed.text, SEEDS)) ?? [];
      const ids = semantic.length ? semantic : (await h.search(seed.text, SEEDS)).map((t) => t.id);
      return ids.map((id) => c.row(id)).filter((r) => r >= 0);
    }
  }
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
  const head: UpNextItem = {
    trackId: seedIds[0],
    reason: `Station start: ${describe(seed)}`,
    reasonKind: 'seed',
    score: 0,
    sources: ['seed'],
  };
  const rest = suggest(st, {
    current: first,
    session,
    exclude: seedIds,
    count: count - 1,
    now: h.now,
    random: h.random,
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

/** A mood playlist from mood scores (or audio axes, or tags), nudged by taste, spread out. */
export async function buildMoodPlaylist(
  st: RecommenderState,
  name: string,
  count: number,
  h: { meaning?: MeaningSource; now: number },
): Promise<MoodPlaylist> {
  const c = st.catalog;
  const mood = name.toLowerCase();
  const removed = st.history.removed.get(`mood:${mood}`) ?? new Set<TrackId>();
  const mask = allowedMask({
    catalog: c,
    settings: { ...st.settings, noRepeatHours: 0 },
    lastPlayed: new Map(),
    disliked: st.history.disliked,
    exclude: removed,
    now: h.now,
  });
  const fromMeaning = (await h.meaning?.mood?.(mood, count * 6)) ?? [];
  const scored: Scored[] = [];
  const why = new Map<number, string>();
  const basis = new Set<string>();
  if (fromMeaning.length) {
    basis.add('mood-scores');
    for (const { trackId, score } of fromMeaning) {
      const r = c.row(trackId);
      if (r < 0 || !mask[r]) continue;
      why.set(
        r,
        `${mood.charAt(0).toUpperCase()}${mood.slice(1)} (mood score ${score.toFixed(2)})`,
      );
      scored.push(entry(st, r, score));
    }
  } else {
    for (const { row, m } of moodRows(c, mood, mask).slice(0, count * 8)) {
      basis.add(m.basis);
      why.set(row, m.why);
      scored.push(entry(st, row, m.score));
    }
  }
  scored.sort((a, b) => b.score - a.score);
  const chosen = diversify(c, scored, {
    count,
    lambda: 0.9,
    spacing: st.settings.artistSpacing,
    recentArtists: [],
    metric: contentDistance,
    pool: count * 4,
  });
  return {
    mood,
    basis: [...basis],
    items: chosen.map((s) => ({
      trackId: c.tracks[s.row].id,
      reason: why.get(s.row) ?? mood,
      reasonKind: 'session-mood',
      score: s.score,
      sources: ['taste'],
    })),
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
