/**
 * The systems under evaluation behind one small interface — next(current, session, count) and
 * record(event): Encore (the Recommender service, exactly as the UI calls it) and the baselines
 * (random shuffle, pure content similarity to the current track, a small learning recommender,
 * most played). Baselines take `tracks` in path order, so they choose alike after a fresh scan.
 */

const dot = (a, b) => {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
};

/** Encore through the same record()/upNext() calls the UI makes. */
export function encoreSystem(name, rec) {
  return {
    name,
    next: (current, sessionId, count) =>
      rec
        .upNext({ currentTrackId: current, sessionId, count })
        .then((l) => l.map((x) => x.trackId)),
    record: (e) => rec.record(e),
  };
}

/** Remembers what each session played, so a baseline does not repeat itself within it. */
function sessionMemory() {
  const played = new Map();
  return {
    seen: (sessionId) => played.get(sessionId) ?? new Set(),
    add: (e) => played.set(e.sessionId, (played.get(e.sessionId) ?? new Set()).add(e.trackId)),
  };
}

/** Uniform picks not yet played in the session (as many as there are, up to `count`). */
function randomFill(tracks, random, seen, out, count) {
  const left = tracks.filter((t) => !seen.has(t.id) && !out.includes(t.id)).length;
  const want = Math.min(count, out.length + left);
  while (out.length < want) {
    const t = tracks[Math.floor(random() * tracks.length)].id;
    if (!seen.has(t) && !out.includes(t)) out.push(t);
  }
  return out;
}

export function randomSystem(tracks, random) {
  const memory = sessionMemory();
  return {
    name: 'Random shuffle',
    next: async (_c, sessionId, count) =>
      randomFill(tracks, random, memory.seen(sessionId), [], count),
    record: async (e) => memory.add(e),
  };
}

/** Nearest neighbours of the current track by Encore's measured sound vectors (cosine), plus a
 * small bonus for the same genre — what "more like this" means without any learning. */
export function contentSystem(tracks, sound) {
  const memory = sessionMemory();
  const genreOf = new Map(tracks.map((t) => [t.id, t.genres[0]]));
  const sim = (a, b) => {
    const va = sound.get(a);
    const vb = sound.get(b);
    return (va && vb ? 0.8 * dot(va, vb) : 0) + 0.2 * (genreOf.get(a) === genreOf.get(b) ? 1 : 0);
  };
  return {
    name: 'Content similarity',
    next: async (current, sessionId, count) => {
      const seen = memory.seen(sessionId);
      return tracks
        .filter((t) => t.id !== current && !seen.has(t.id))
        .map((t) => [t.id, sim(current, t.id)])
        .sort((a, b) => b[1] - a[1])
        .slice(0, count)
        .map(([id]) => id);
    },
    record: async (e) => memory.add(e),
  };
}

/** The listener's most-completed tracks not yet played in this session (random until there are
 * enough). */
export function mostPlayedSystem(tracks, random) {
  const memory = sessionMemory();
  const counts = new Map();
  return {
    name: 'Most played',
    // Its lists are the listener's played tracks by construction: nothing to score on unplayed ones.
    scoresUnplayed: false,
    next: async (_c, sessionId, count) => {
      const seen = memory.seen(sessionId);
      const out = [...counts.entries()]
        .filter(([id]) => !seen.has(id))
        .sort((a, b) => b[1] - a[1])
        .slice(0, count)
        .map(([id]) => id);
      return randomFill(tracks, random, seen, out, count);
    },
    record: async (e) => {
      memory.add(e);
      if (e.kind === 'complete') counts.set(e.trackId, (counts.get(e.trackId) ?? 0) + 1);
    },
  };
}

/** Reward of one feedback event for the learning baseline. */
const REWARD = { complete: 1, like: 2, skip: -1, dislike: -2 };

/**
 * A learning baseline of about 40 lines: the mean reward (complete +1, like +2, skip −1, dislike
 * −2, shrunk towards 0 by two pseudo-events) of the candidate's genre and of its artist, learnt
 * across sessions, plus sound similarity to the current track (cosine of Encore's measured sound
 * vectors); no repeat within a session. What a careful engineer would write in an afternoon.
 */
export function learningSystem(tracks, sound) {
  const memory = sessionMemory();
  const byId = new Map(tracks.map((t) => [t.id, t]));
  const genre = new Map();
  const artist = new Map();
  const add = (m, k, r) => {
    const x = m.get(k) ?? [0, 0];
    m.set(k, [x[0] + r, x[1] + 1]);
  };
  const mean = (m, k) => {
    const x = m.get(k);
    return x ? x[0] / (x[1] + 2) : 0;
  };
  const simOf = (a, b) => {
    const va = sound.get(a);
    const vb = sound.get(b);
    return va && vb ? dot(va, vb) : 0;
  };
  return {
    name: 'Learning baseline',
    next: async (current, sessionId, count) => {
      const seen = memory.seen(sessionId);
      return tracks
        .filter((t) => t.id !== current && !seen.has(t.id))
        .map((t) => [
          t.id,
          0.8 * simOf(current, t.id) + mean(genre, t.genres[0] ?? '?') + mean(artist, t.artist),
        ])
        .sort((a, b) => b[1] - a[1])
        .slice(0, count)
        .map(([id]) => id);
    },
    record: async (e) => {
      memory.add(e);
      const r = REWARD[e.kind];
      const t = byId.get(e.trackId);
      if (r === undefined || !t) return;
      add(genre, t.genres[0] ?? '?', r);
      add(artist, t.artist, r);
    },
  };
}

export { dot };
