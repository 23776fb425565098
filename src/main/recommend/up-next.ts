/**
 * Up Next as one pipeline of the separate pure steps: rules mask → candidates → ranking →
 * diversity → reasons. Shared by Up Next, stations and the evaluation.
 */
import type { TrackId } from '../../shared/library';
import type { UpNextItem } from '../../shared/recommend';
import { generateCandidates } from './candidates';
import { contentDistance } from './distance';
import { diversify } from './diversity';
import { rankCandidates, rankWeights, type Scored } from './ranking';
import { reasonFor } from './reasons';
import { livePools } from './live-pools';
import { JUMP_AFTER_SKIPS, jumpAnchor } from './jump';
import type { Session } from './session';
import type { RecommenderState } from './state';
import { hash32 } from './content';
import { TASTE_BUCKETS } from './catalog';
import { avoidedArtists } from './taste-view';
import { pickedArtist } from './picks';
import { phaseClock } from './phase-times';

export interface SuggestQuery {
  /** Row of the playing (or seed) track, or −1. */
  current: number;
  session: Session | null;
  /** Tracks that must not be suggested (queued, seeds). */
  exclude: Iterable<TrackId>;
  count: number;
  now: number;
  random: () => number;
  /** Normalised artists the person asked for (an artist station): not held back as avoided. */
  askedArtists?: readonly string[];
}

/** The ranked, diversified, explained suggestions. */
export function suggest(state: RecommenderState, q: SuggestQuery): UpNextItem[] {
  const { catalog, model, history, settings } = state;
  if (catalog.size === 0) return [];
  const mark = phaseClock();
  const a = settings.adventurousness;
  const exclude = new Set<TrackId>(q.exclude);
  if (q.current >= 0) exclude.add(catalog.tracks[q.current].id);
  const pools = livePools(state);
  const mask = pools.allowed.mask(
    {
      catalog,
      settings,
      lastPlayed: history.lastPlayed,
      disliked: history.disliked,
      exclude,
      now: q.now,
      avoidedArtists: avoidedArtists(state, q.askedArtists),
    },
    history.recentPlays,
  );
  mark?.('mask');
  const recentIds = q.session ? q.session.recentKept(3) : [];
  const recent = recentIds.map((id) => catalog.row(id)).filter((r) => r >= 0);
  const co = coListening(state, [q.current, ...recent]);
  const sessionVector = q.session ? q.session.vector(catalog) : null;
  const learned = model.events > 0;
  mark?.('co-listening, session');
  // Each early skip in a row halves the pull of the playing track: the person is saying "not
  // this direction", so the session and taste get more say (and a change of mood is followed).
  // Only as far as the taste model has something to offer instead: with little learned (< ~100
  // events) the last kept track stays the better guess.
  const confidence = Math.min(1, model.events / 100);
  const streak = Math.round((q.session?.skipStreak() ?? 0) * confidence);
  // After early skips in a row, continue from another place the person enjoyed (see jump.ts).
  const jump =
    q.session && streak >= JUMP_AFTER_SKIPS ? jumpAnchor(state, q.session, q.random) : -1;
  const anchor = jump >= 0 ? jump : q.current;
  const w = rankWeights(a, streak);
  mark?.('jump');
  const tasteSums = pools.tasteSums.update(model);
  mark?.('taste sums');
  const candidates = generateCandidates({
    catalog,
    mask,
    current: anchor,
    sessionVector,
    model,
    tasteSums,
    // An untrained model's opinion is noise: leave taste out of the scan until it learned.
    weights: { sim: w.sim, taste: learned ? w.taste : 0, session: w.session },
    followers: co.followers,
    // Cold start: explore more.
    k: { neighbour: 100, combined: 200, explore: Math.round((learned ? 20 : 80) + 60 * a) },
    random: q.random,
  });
  mark?.('candidates');
  const ranked = rankCandidates({
    catalog,
    candidates,
    current: anchor,
    sessionVector,
    model,
    coCount: (row) => co.from(row)?.count ?? 0,
    lastPlayedAt: (row) => history.lastPlayed.get(catalog.tracks[row].id),
    now: q.now,
    adventurousness: a,
    skipStreak: streak,
    random: q.random,
  });
  mark?.('ranking');
  const played = q.session?.played ?? [];
  const recentArtists = played.slice(-settings.artistSpacing).map((id) => artistOf(state, id));
  if (q.current >= 0) recentArtists.push(catalog.tracks[q.current].artistKey);
  const chosen = diversify(catalog, ranked, {
    count: q.count,
    lambda: 0.85 - 0.35 * a,
    spacing: settings.artistSpacing,
    recentArtists,
    metric: contentDistance,
  });
  mark?.('diversify');
  const items = chosen.map((x) => explain(state, x, anchor, recent, co.from, jump >= 0));
  mark?.('explain');
  return items;
}

/** Co-listening around the given rows: followers to propose, and the best predecessor of a row. */
function coListening(
  state: RecommenderState,
  rows: number[],
): { followers: number[]; from: (row: number) => { row: number; count: number } | null } {
  const { catalog, history } = state;
  const sources = rows.filter((r, i, all) => r >= 0 && all.indexOf(r) === i);
  const followers = sources.flatMap((r) =>
    history.followers(catalog.tracks[r].id, 15).map(([id]) => catalog.row(id)),
  );
  const from = (row: number): { row: number; count: number } | null => {
    let best: { row: number; count: number } | null = null;
    for (const s of sources) {
      const n = history.coCount(catalog.tracks[s].id, catalog.tracks[row].id);
      if (n > 0 && (!best || n > best.count)) best = { row: s, count: n };
    }
    return best;
  };
  return { followers, from };
}

/** One chosen candidate as an Up Next item with its reason. */
function explain(
  state: RecommenderState,
  s: Scored,
  current: number,
  recent: number[],
  coFrom: (row: number) => { row: number; count: number } | null,
  changedDirection: boolean,
): UpNextItem {
  const { catalog, model, history } = state;
  const t = catalog.tracks[s.row];
  const reason = reasonFor({
    catalog,
    row: s.row,
    current,
    recent,
    parts: s.parts,
    coFrom: coFrom(s.row),
    newArtist: !artistsPlayed(state).has(t.artistKey),
    heardGenres: livePools(state).played.update(history).genreKeys(),
    artistWeight: model.sparseNow(hash32(`artist:${t.artistKey}`) % TASTE_BUCKETS),
    hasLikedArtists: model.events > 0 && hasLikedArtist(state),
    liked: history.liked.has(t.id),
    picked: pickedArtist(state, t.artistKey),
    changedDirection,
  });
  return {
    trackId: t.id,
    reason: reason.text,
    reasonKind: reason.kind,
    why: reason.why,
    score: s.score,
    sources: s.sources,
  };
}

function artistOf(state: RecommenderState, id: TrackId): string {
  const r = state.catalog.row(id);
  return r >= 0 ? state.catalog.tracks[r].artistKey : '';
}

/** Artists with any played track. */
function artistsPlayed(state: RecommenderState): ReadonlySet<string> {
  return livePools(state).played.update(state.history).artistKeys();
}

function hasLikedArtist(state: RecommenderState): boolean {
  return livePools(state).played.update(state.history).anyArtistAbove(state.model, 0.3);
}
