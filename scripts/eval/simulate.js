/**
 * One listener's life with one system: sessions of plays chosen by the system's Up Next, the
 * listener completing or skipping by their hidden preferences (a mood change halfway through
 * every fourth session), then held-out queries for hit rate and NDCG@10, scored on lists of
 * tracks this listener never played (so no system gains from suggesting, or loses from avoiding,
 * what was already heard).
 */
import { FATIGUE_PLAYS, THETA, react, songSeconds } from './listener.js';

const DAY = 86_400_000;
/** Tracks a listener glances at to pick the first song of a session. */
const SEED_CHOICES = 8;
/** Every fourth session (from the fourth) the listener's mood changes halfway through. */
export const isChangeSession = (s) => s % 4 === 3;

/** Plays `sessions` sessions of `length` tracks on `clock` (ms, shared with the system); returns
 * per-play rows, served lists and held-out evaluations. */
export async function runListener(o) {
  const { system, listener, tracks, byId, sessions, length, random } = o;
  // Shared with the system under test, whose "now" it is.
  const clock = o.clock;
  const changeAt = Math.floor(length / 2);
  const rows = [];
  const lists = [];
  const recent = [];
  const record = (trackId, kind, source, extra = {}) =>
    system.record({ trackId, kind, sessionId: extra.sessionId, source, at: clock.now, ...extra });
  for (let s = 0; s < sessions; s++) {
    clock.now = (s + 1) * DAY + 18 * 3600_000;
    const sessionId = `L${listener.index}-s${s}`;
    let mood = 0;
    // The listener starts with something quickly picked: the best of a few random tracks (a
    // glance at the library, not a search for the perfect song).
    const sample = Array.from(
      { length: SEED_CHOICES },
      () => tracks[Math.floor(random() * tracks.length)],
    ).filter((t) => !listener.hidden.has(t.id));
    const seed = sample.sort((a, b) => listener.base(b, 0) - listener.base(a, 0))[0];
    await record(seed.id, 'play', 'library', { sessionId });
    clock.now += songSeconds(seed) * 1000;
    await record(seed.id, 'complete', 'library', { sessionId });
    recent.push(seed.id);
    let current = seed.id;
    const sessionArtists = [seed.artist];
    for (let pos = 0; pos < length; pos++) {
      if (isChangeSession(s) && pos === changeAt) mood = 1;
      const list = await system.next(current, sessionId, 10);
      lists.push({ listener: listener.index, ids: list });
      // Held-out tracks are passed over; when all ten are held out, a longer list has more.
      const playable = (l) => l.find((x) => !listener.hidden.has(x));
      const id = playable(list) ?? playable(await system.next(current, sessionId, 100));
      if (id === undefined) break;
      const t = byId.get(id);
      await record(id, 'play', 'upnext', { sessionId });
      const r = react(listener, t, mood, recent.slice(-FATIGUE_PLAYS), random);
      clock.now += r.seconds * 1000;
      await record(id, r.kind, 'upnext', {
        sessionId,
        positionS: r.positionS ?? null,
        durationS: songSeconds(t),
      });
      if (r.extra) await record(id, r.extra, 'upnext', { sessionId });
      const artistRepeat = sessionArtists.slice(-3).includes(t.artist);
      sessionArtists.push(t.artist);
      recent.push(id);
      rows.push({
        listener: listener.index,
        session: s,
        pos,
        skip: r.kind === 'skip',
        change: isChangeSession(s),
        artistRepeat,
      });
      current = id;
    }
  }
  // Held-out evaluation: from liked tracks the listener completed, what comes next? Every list is
  // cut to tracks the listener never played before its top 10 is scored; a system whose lists
  // are made of played tracks by construction (most played) cannot be scored at all.
  if (system.scoresUnplayed === false) return { rows, lists, evals: [] };
  clock.now = (sessions + 2) * DAY;
  const played = new Set(recent);
  const completedLiked = [...played]
    .filter((id) => listener.base(byId.get(id), 0) > THETA + 0.5)
    .sort((a, b) => byId.get(a).path.localeCompare(byId.get(b).path));
  const queries = completedLiked
    .map((id) => [id, random()])
    .sort((a, b) => a[1] - b[1])
    .slice(0, 20)
    .map(([id]) => id);
  const evals = [];
  const ideal = Array.from(
    { length: Math.min(10, listener.relevant.size) },
    (_, i) => 1 / Math.log2(i + 2),
  ).reduce((a, b) => a + b, 0);
  for (const [q, id] of queries.entries()) {
    const long = await system.next(id, `eval-${listener.index}-${q}`, EVAL_POOL);
    const list = unplayedTop(long, played, 10);
    const rel = list.map((x) => (listener.relevant.has(x) ? 1 : 0));
    const dcg = rel.reduce((sum, r, i) => sum + r / Math.log2(i + 2), 0);
    evals.push({
      listener: listener.index,
      hit: rel.some((r) => r === 1) ? 1 : 0,
      ndcg: ideal ? dcg / ideal : 0,
    });
  }
  return { rows, lists, evals };
}

/** How many suggestions each held-out query asks for before cutting to unplayed tracks. */
export const EVAL_POOL = 60;

/** The first `count` suggestions the listener never played, in the system's order. */
export function unplayedTop(list, played, count) {
  return list.filter((x) => !played.has(x)).slice(0, count);
}
