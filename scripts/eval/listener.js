/**
 * Simulated listeners. Each has hidden preferences over the library's tags (liked and disliked
 * genres, an affinity per artist) and over its measured sound (two "moods", each a target point
 * in the measured traits — arousal, valence, tempo, brightness, danceability, loudness — with the
 * listener's own weights on them), plus fixed per-track noise and fatigue from repeats. Nothing
 * of this is visible to the systems under test: they see only plays, skips, likes and dislikes.
 */
import { TRAITS } from './library.js';

/** Utility above which a listener completes a track half the time. */
export const THETA = 0.9;
/** Plays within which a repeat is tiresome. */
export const FATIGUE_PLAYS = 40;
/** Width of a mood in the z-scored traits: a track one typical spread (√2 SD per trait) from the
 * target keeps e^(−1/S²) ≈ 0.13 of the sound bonus; the target itself keeps all of it. */
const S = 0.7;
/** The sound term runs from −0.6 (nothing like the mood) to +1.8 (exactly it). */
const SOUND_GAIN = 2.4;
const SOUND_FLOOR = 0.6;
/** A change of mood moves the arousal target by at least this many standard deviations. */
const MOOD_SHIFT = 1.2;

const sigmoid = (z) => 1 / (1 + Math.exp(-z));

/**
 * How long a track lasts for the listener, seconds. The benchmark library's scale part holds 4 s
 * clips; each stands for a whole song (2½–5 min, fixed per track), so that a skip "after a minute"
 * means what it means in a real collection (Encore tells early from late skips by position).
 */
export function songSeconds(t) {
  return t.durationS && t.durationS >= 60 ? t.durationS : 150 + ((t.id * 7919) % 150);
}

/** A listener with index `index`; `random`/`gauss` are the run's seeded generators. */
export function makeListener(index, tracks, traits, random, gauss) {
  const genres = [...new Set(tracks.map((t) => t.genres[0] ?? '?'))];
  const shuffled = [...genres].sort(() => random() - 0.5);
  const liked = shuffled.slice(0, 3);
  const disliked = shuffled.slice(3, 6);
  const genreAff = new Map(
    genres.map((g) => [g, liked.includes(g) ? 1 : disliked.includes(g) ? -1.2 : 0.2 * gauss()]),
  );
  const artistAff = new Map();
  for (const t of tracks) if (!artistAff.has(t.artist)) artistAff.set(t.artist, 0.4 * gauss());
  const noise = new Map(tracks.map((t) => [t.id, 0.3 * gauss()]));
  // Which traits this listener cares about: weights 0.25–1.75, mean ≈ 1.
  const weights = TRAITS.map(() => 0.25 + 1.5 * random());
  const measured = [...traits.keys()];
  const at = () => traits.get(measured[Math.floor(random() * measured.length)]);
  const usual = at();
  let other = at();
  for (let i = 0; i < 1000 && Math.abs(other[0] - usual[0]) < MOOD_SHIFT; i++) other = at();
  const moods = [usual, other];
  const soundOf = (id, mood) => {
    const x = traits.get(id);
    if (!x) return 0; // not measured: the listener has no sound reason either way
    let d = 0;
    for (let j = 0; j < x.length; j++) d += weights[j] * (x[j] - moods[mood][j]) ** 2;
    return SOUND_GAIN * Math.exp(-d / (x.length * S * S)) - SOUND_FLOOR;
  };
  const base = (t, mood) =>
    (genreAff.get(t.genres[0] ?? '?') ?? 0) +
    artistAff.get(t.artist) +
    soundOf(t.id, mood) +
    noise.get(t.id);
  // Strongly liked (in the usual mood): half are held out of training, for hit rate / NDCG.
  const likedSet = tracks.filter((t) => base(t, 0) > THETA + 1.0).map((t) => t.id);
  const heldOut = new Set(likedSet.filter(() => random() < 0.5));
  return {
    index,
    liked,
    disliked,
    weights,
    moods,
    base,
    heldOut,
    likedCount: likedSet.length,
  };
}

/** One listener's reaction to a track: complete or skip (early/late), maybe like or dislike. */
export function react(listener, t, mood, recent, random) {
  const fatigue = recent.includes(t.id) ? 1.2 : 0;
  const u = listener.base(t, mood) - fatigue;
  const dur = songSeconds(t);
  if (random() < sigmoid(2.5 * (u - THETA))) {
    return {
      kind: 'complete',
      extra: u > THETA + 1.2 && random() < 0.25 ? 'like' : null,
      seconds: dur,
    };
  }
  const early = u < THETA - 0.4;
  const pos = early ? 5 + 20 * random() : dur * (0.4 + 0.4 * random());
  return {
    kind: 'skip',
    positionS: pos,
    extra: early && u < -0.8 && random() < 0.2 ? 'dislike' : null,
    seconds: pos,
  };
}
