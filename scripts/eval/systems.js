/**
 * The systems under evaluation behind one small interface — next(current, session, count) and
 * record(event): Encore (the Recommender service, exactly as the UI calls it) and the baselines
 * (random shuffle, pure content similarity to the current track, most played).
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

/** Uniform picks not yet played in the session. */
function randomFill(tracks, random, seen, out, count) {
  while (out.length < count) {
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

export { dot };
