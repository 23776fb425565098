/**
 * Mood scores for playlists: from the embedding stage's mood scores when present, else from the
 * audio axes (energy, valence, arousal), else from tags (mood words and genre). Each track gets a
 * 0–1 score per mood and a reason naming what the score came from.
 */
import type { MoodFit } from '../../shared/recommend';
import { MOODS, type Mood } from '../../shared/meaning';
import type { Catalog, CatalogTrack } from './catalog';

/** How well a track fits a mood for a playlist or station, and what that was judged from. */
export interface MoodMatch {
  score: number;
  basis: 'mood-scores' | 'audio' | 'tags';
  why: string;
}

/** A mood playlist holds the tracks that fit at least this well (0–1)… */
export const FIT_MIN = 0.6;
/** …"very" from this fit on… */
export const FIT_VERY = 0.8;
/** …and, when fewer fit, tops up to this many with tracks still on the mood's side (> 0.5). */
export const MIN_PLAYLIST = 5;

/** How well a 0–1 mood score fits, in words. */
export function moodFit(score: number): MoodFit {
  return score >= FIT_VERY ? 'very' : score >= FIT_MIN ? 'fits' : 'somewhat';
}

/** Moods on the calm side of the energy axis, and on the energetic side. */
const LOW_ENERGY = new Set(['calm', 'sleep', 'dreamy', 'focus', 'sad', 'romantic']);
const HIGH_ENERGY = new Set(['energetic', 'workout', 'party', 'angry']);

/** Energy quartiles and median of the library (0–1 energies), cached per catalog. */
const quartiles = new WeakMap<Catalog, { q1: number; median: number; q3: number } | null>();
function energyQuartiles(c: Catalog): { q1: number; median: number; q3: number } | null {
  if (quartiles.has(c)) return quartiles.get(c) ?? null;
  const e = c.tracks
    .map((t) => t.energy)
    .filter((v): v is number => v !== null)
    .sort((a, b) => a - b);
  const at = (q: number): number => e[Math.min(e.length - 1, Math.floor(q * e.length))];
  const q = e.length >= 4 ? { q1: at(0.25), median: at(0.5), q3: at(0.75) } : null;
  quartiles.set(c, q);
  return q;
}

/**
 * Which rows a station of `mood` may hold: a calm-side station never the library's most
 * energetic quarter, an energetic-side one never the calmest quarter (unmeasured tracks pass).
 */
export function moodBand(c: Catalog, mood: string): (row: number) => boolean {
  const m = mood.toLowerCase();
  const q = energyQuartiles(c);
  if (!q) return () => true;
  if (LOW_ENERGY.has(m)) return (r) => c.tracks[r].energy === null || c.tracks[r].energy! < q.q3;
  if (HIGH_ENERGY.has(m)) return (r) => c.tracks[r].energy === null || c.tracks[r].energy! > q.q1;
  return () => true;
}

/**
 * Which rows a mood playlist may hold: calm-side playlists only the calmer half of the library,
 * energetic-side ones only the more energetic half — so "calm" and "energetic" never share a track.
 */
export function moodHalf(c: Catalog, mood: string): (row: number) => boolean {
  const m = mood.toLowerCase();
  const q = energyQuartiles(c);
  if (!q) return () => true;
  if (LOW_ENERGY.has(m))
    return (r) => c.tracks[r].energy === null || c.tracks[r].energy! < q.median;
  if (HIGH_ENERGY.has(m))
    return (r) => c.tracks[r].energy === null || c.tracks[r].energy! >= q.median;
  return () => true;
}

/** Axis recipes: how energy (e), valence (v) and arousal (a), each 0–1, make a mood. */
const AXES: Partial<Record<Mood, (e: number, v: number, a: number) => number>> = {
  calm: (e, _v, a) => 1 - (e + a) / 2,
  energetic: (e, _v, a) => (e + a) / 2,
  happy: (e, v) => 0.75 * v + 0.25 * e,
  sad: (e, v) => 0.7 * (1 - v) + 0.3 * (1 - e),
  dark: (e, v) => 0.6 * (1 - v) + 0.4 * e,
  party: (e, v, a) => 0.4 * e + 0.3 * v + 0.3 * a,
  focus: (e, _v, a) => 1 - Math.abs(e - 0.35) - 0.3 * Math.abs(a - 0.35),
  romantic: (e, v) => 0.6 * v + 0.4 * (1 - e),
  angry: (e, v) => 0.6 * e + 0.4 * (1 - v),
  dreamy: (e, v) => 0.7 * (1 - e) + 0.3 * (1 - Math.abs(v - 0.5) * 2),
  workout: (e, _v, a) => 0.6 * e + 0.4 * a,
  sleep: (e, _v, a) => 1 - 0.5 * e - 0.5 * a,
};

/** Tag words (mood tags and genres, normalised) that signal each mood. */
const TAGS: Record<Mood, string[]> = {
  calm: [
    'calm',
    'ambient',
    'chill',
    'relaxing',
    'peaceful',
    'acoustic',
    'new age',
    'classical',
    'lounge',
    'lofi',
    'lo fi',
  ],
  energetic: [
    'energetic',
    'rock',
    'metal',
    'punk',
    'edm',
    'drum and bass',
    'techno',
    'hardcore',
    'upbeat',
    'powerful',
  ],
  happy: [
    'happy',
    'cheerful',
    'uplifting',
    'pop',
    'funk',
    'disco',
    'reggae',
    'ska',
    'joyful',
    'bright',
  ],
  sad: ['sad', 'melancholic', 'melancholy', 'blues', 'lonely', 'heartbreak', 'somber'],
  dark: ['dark', 'industrial', 'gothic', 'goth', 'darkwave', 'doom', 'black metal', 'ominous'],
  party: ['party', 'dance', 'house', 'disco', 'edm', 'hip hop', 'electronic', 'club'],
  focus: [
    'focus',
    'instrumental',
    'ambient',
    'classical',
    'soundtrack',
    'lofi',
    'lo fi',
    'post rock',
    'minimal',
  ],
  romantic: ['romantic', 'love', 'soul', 'r b', 'rnb', 'ballad', 'tender'],
  angry: ['angry', 'aggressive', 'rage', 'metal', 'hardcore', 'punk', 'industrial'],
  dreamy: ['dreamy', 'dream pop', 'shoegaze', 'ethereal', 'ambient', 'chillwave'],
  nostalgic: ['nostalgic', 'nostalgia', 'oldies', 'retro', 'classic rock', 'synthwave'],
  workout: ['workout', 'gym', 'edm', 'drum and bass', 'hip hop', 'trap', 'hardstyle', 'running'],
  sleep: ['sleep', 'lullaby', 'ambient', 'drone', 'new age', 'calm'],
};

/** `name` as one of the app's moods, or null. */
function asMood(name: string): Mood | null {
  return (MOODS as readonly string[]).includes(name) ? (name as Mood) : null;
}

/** The mood score of one track, or null when nothing about it speaks to the mood. */
function moodScore(t: CatalogTrack, mood: string): MoodMatch | null {
  const m = mood.toLowerCase();
  const given = t.moodScores?.[m];
  if (given !== undefined)
    return {
      score: given,
      basis: 'mood-scores',
      why: fitWords(m, given),
    };
  const known = asMood(m);
  const recipe = known ? AXES[known] : undefined;
  if (recipe && t.energy !== null) {
    const e = t.energy;
    const v = t.valence ?? 0.5;
    const a = t.arousal ?? e;
    const score = Math.max(0, Math.min(1, recipe(e, v, a)));
    return {
      score,
      basis: 'audio',
      why: fitWords(m, score),
    };
  }
  const words = known ? TAGS[known] : [m];
  const tagHit = t.moodTags.find((w) => words.includes(w) || w === m);
  if (tagHit) return { score: 0.9, basis: 'tags', why: `Tagged “${tagHit}”` };
  const genreHit = t.genres.find((g) => words.includes(g));
  if (genreHit) return { score: 0.6, basis: 'tags', why: `${cap(m)} genre: ${genreHit}` };
  return null;
}

/** Rows with their mood score, best first (only rows that score at all). */
export function moodRows(
  c: Catalog,
  mood: string,
  mask?: Uint8Array,
): { row: number; m: MoodMatch }[] {
  const out: { row: number; m: MoodMatch }[] = [];
  c.tracks.forEach((t, row) => {
    if (mask && !mask[row]) return;
    const m = moodScore(t, mood);
    if (m && m.score > 0) out.push({ row, m });
  });
  return out.sort((a, b) => b.m.score - a.m.score);
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function fitWords(mood: string, score: number): string {
  const fit = moodFit(score);
  return fit === 'fits' ? cap(mood) : `${fit === 'very' ? 'Very' : 'Somewhat'} ${mood}`;
}

/** An M3U8 playlist of `tracks` (UTF-8, #EXTINF with duration and "artist - title"). */
export function toM3u8(
  tracks: { path: string; title: string; artist: string; durationS: number | null }[],
): string {
  const lines = ['#EXTM3U'];
  for (const t of tracks) {
    lines.push(`#EXTINF:${Math.round(t.durationS ?? -1)},${t.artist} - ${t.title}`);
    lines.push(t.path);
  }
  return `${lines.join('\n')}\n`;
}
