/**
 * Simulated listeners. Each has hidden preferences over the library builder's ground truth —
 * liked and disliked genres, an affinity per artist, per style class and per source piece (all
 * excerpts of a piece share it), and a taste in sound: two "moods", each a target point in the
 * traits measured by tools that are not Encore's (tempo, loudness, onset rate, brightness) with
 * the listener's own weights — plus fixed per-track noise and fatigue from repeats. Nothing of
 * this is visible to the systems under test: they see only plays, skips, likes and dislikes.
 *
 * Every draw is made in the order of the tracks' paths, from a generator seeded by the run's seed
 * and the listener's index, so a listener is the same after a fresh scan (track ids follow readdir
 * and worker order) and the same whether 8 or 24 listeners are run.
 */
import { ENERGY_TRAITS } from './ground-truth.js';

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
/** A change of mood moves the energy (mean z of loudness and onset rate) by at least this. */
const MOOD_SHIFT = 1.0;

const sigmoid = (z) => 1 / (1 + Math.exp(-z));

/** A stable small hash of a string (for per-track constants that must not follow track ids). */
export function hashOf(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/**
 * How long a track lasts for the listener, seconds. The evaluation libraries hold excerpts (32 s,
 * or 4 s clips); each stands for a whole song (2½–5 min, fixed per track), so that a skip "after a
 * minute" means what it means in a real collection (Encore tells early from late skips by position).
 */
export function songSeconds(t) {
  return t.durationS && t.durationS >= 60 ? t.durationS : 150 + (hashOf(t.path) % 150);
}

/** Energy of a trait vector: how loud and busy it sounds, in SDs. */
const energy = (x) => ENERGY_TRAITS.reduce((s, j) => s + x[j], 0) / ENERGY_TRAITS.length;

/**
 * A listener with index `index`. `tracks` must be in path order and `truth` hold every one of them
 * (matchTruth); `random` is this listener's own seeded generator.
 */
export function makeListener(index, tracks, truth, random) {
  const gauss = () =>
    Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
  const of = (t) => truth.get(t.id);
  const distinctSorted = (key) => [...new Set(tracks.map((t) => of(t)[key]))].sort();
  const genres = distinctSorted('genre');
  const shuffled = genres
    .map((g) => [g, random()])
    .sort((a, b) => a[1] - b[1])
    .map(([g]) => g);
  const liked = shuffled.slice(0, 3);
  const disliked = shuffled.slice(3, 6);
  const genreAff = new Map(
    genres.map((g) => [g, liked.includes(g) ? 1 : disliked.includes(g) ? -1.2 : 0.2 * gauss()]),
  );
  const affinity = (key, sd) => new Map(distinctSorted(key).map((k) => [k, sd * gauss()]));
  const artistAff = affinity('artist', 0.4);
  const styleAff = affinity('style', 0.3);
  const pieceAff = affinity('source', 0.5);
  const noise = new Map(tracks.map((t) => [t.id, 0.3 * gauss()]));
  // Which traits this listener cares about: weights 0.25–1.75, mean ≈ 1.
  const dims = of(tracks[0]).traits.length;
  const weights = Array.from({ length: dims }, () => 0.25 + 1.5 * random());
  const at = () => of(tracks[Math.floor(random() * tracks.length)]).traits;
  const usual = at();
  let other = at();
  for (let i = 0; i < 1000 && Math.abs(energy(other) - energy(usual)) < MOOD_SHIFT; i++)
    other = at();
  const moods = [usual, other];
  const soundOf = (t, mood) => {
    const x = of(t).traits;
    let d = 0;
    for (let j = 0; j < x.length; j++) d += weights[j] * (x[j] - moods[mood][j]) ** 2;
    return SOUND_GAIN * Math.exp(-d / (x.length * S * S)) - SOUND_FLOOR;
  };
  const base = (t, mood) => {
    const g = of(t);
    return (
      genreAff.get(g.genre) +
      artistAff.get(g.artist) +
      styleAff.get(g.style) +
      pieceAff.get(g.source) +
      soundOf(t, mood) +
      noise.get(t.id)
    );
  };
  // Strongly liked (in the usual mood). Half of the source pieces they come from are held out:
  // none of those pieces' excerpts is ever played in training, and the liked ones among them are
  // what a good system should find afterwards (a new piece, not another excerpt of a played one).
  const likedTracks = tracks.filter((t) => base(t, 0) > THETA + 1.0);
  const likedSources = [...new Set(likedTracks.map((t) => of(t).source))].sort();
  const heldSources = new Set(likedSources.filter(() => random() < 0.5));
  const hidden = new Set(tracks.filter((t) => heldSources.has(of(t).source)).map((t) => t.id));
  const relevant = new Set(likedTracks.filter((t) => hidden.has(t.id)).map((t) => t.id));
  return {
    index,
    liked,
    disliked,
    weights,
    moods,
    base,
    hidden,
    relevant,
    likedCount: likedTracks.length,
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
