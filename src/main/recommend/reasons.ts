/**
 * Reasons: one fact per suggestion, chosen from what was actually measured, most specific first —
 * co-listening counts, a change of direction after skips, key, tempo (same, half-time or
 * double-time) and energy, the mood of the last three tracks, sound similarity, what is new (an
 * artist or genre never heard) and why it might fit, shared genre, taste; last, what an
 * exploration pick is. Each reason is structured data whose facts hold for the tracks it names
 * (test/main/recommend/real-library.test.ts recomputes them); `text` is its English sentence.
 */
import type {
  KeyRelation,
  LikeBy,
  Reason,
  ReasonKind,
  ReasonTrack,
  TempoRelation,
} from '../../shared/recommend';
import { reasonText } from '../../shared/reason-text';
import type { Catalog, CatalogTrack } from './catalog';
import type { ScoreParts } from './ranking';
export interface ReasonWords {
  kind: ReasonKind;
  text: string;
  why: Reason;
}

export interface ReasonInput {
  catalog: Catalog;
  row: number;
  /** Row of the playing track, or −1. */
  current: number;
  /** Rows of the last tracks kept in this session (not skipped early), newest first. */
  recent: number[];
  parts: ScoreParts;
  /** Best co-listening predecessor among current/recent: its row and count. */
  coFrom: { row: number; count: number } | null;
  /** True when no track by this artist was ever played. */
  newArtist: boolean;
  /** Genre keys of the tracks ever played. */
  heardGenres: ReadonlySet<string>;
  /** Learned weight of the candidate's artist (> 0 liked). */
  artistWeight: number;
  /** True when the person has artists they like (taste has positive artist weights). */
  hasLikedArtists: boolean;
  /** True when the person liked this very track after hearing it. */
  liked?: boolean;
  /** The artist's name when the person picked that artist at first run and has not listened to
   * it since (a start, not listening). */
  picked?: string | null;
  /** True when Up Next changed direction after early skips and `current` is the track it went
   * to instead (one the person enjoyed before; see jump.ts). Said only for a candidate like it. */
  changedDirection?: boolean;
}

/** Tempo within 4 %: two tracks a DJ would mix without pitching audibly. */
export const SAME_TEMPO = 0.04;
/** Energies (0–1) within this of each other are "similar energy". */
export const ENERGY_BAND = 0.1;
/** Energy (0–1) below this is calm, above the other is energetic. */
export const CALM = 0.4;
export const ENERGETIC = 0.65;
/** Cosine similarity of the measured sound vectors above which two tracks "sound like" each other. */
export const SOUNDS_LIKE = 0.8;
/** Combined similarity above which a track is "like" the one Up Next changed direction to. */
export const LIKE_MIN = 0.5;

const PITCH: Record<string, number> = {
  C: 0,
  'C#': 1,
  Db: 1,
  D: 2,
  'D#': 3,
  Eb: 3,
  E: 4,
  F: 5,
  'F#': 6,
  Gb: 6,
  G: 7,
  'G#': 8,
  Ab: 8,
  A: 9,
  'A#': 10,
  Bb: 10,
  B: 11,
};

/** How tempo `bpm` relates to `other`: within 4 % ('same'), half or double within 4 %, else null. */
export function tempoRelation(bpm: number | null, other: number | null): TempoRelation | null {
  if (!bpm || !other) return null;
  const r = bpm / other;
  if (Math.abs(r - 1) <= SAME_TEMPO) return 'same';
  if (Math.abs(2 * r - 1) <= SAME_TEMPO) return 'half-time';
  if (Math.abs(r / 2 - 1) <= SAME_TEMPO) return 'double-time';
  return null;
}

/** 'same' for the same key and mode, 'relative' for relative major/minor, else null. */
export function keyRelation(
  a: { key: string | null; scale: string | null },
  b: { key: string | null; scale: string | null },
): KeyRelation | null {
  if (!a.key || !b.key || !a.scale || !b.scale) return null;
  const pa = PITCH[a.key];
  const pb = PITCH[b.key];
  if (pa === undefined || pb === undefined) return null;
  if (a.scale === b.scale) return pa === pb ? 'same' : null;
  // A minor and C major share their notes: the major is three semitones above the minor.
  const minor = a.scale === 'minor' ? pa : pb;
  const major = a.scale === 'minor' ? pb : pa;
  return (minor + 3) % 12 === major ? 'relative' : null;
}

/** "A minor", "C major" — the way a key is said. */
export function keyName(t: { key: string | null; scale: string | null }): string {
  return `${t.key ?? '?'} ${t.scale ?? ''}`.trim();
}

const ref = (c: Catalog, row: number): ReasonTrack => ({
  trackId: c.tracks[row].id,
  title: c.tracks[row].title,
});

/** The reason for one suggestion. */
export function reasonFor(x: ReasonInput): ReasonWords {
  const why = reasonData(x);
  return { kind: why.kind, why, text: reasonText(why, 'en') };
}

function reasonData(x: ReasonInput): Reason {
  const c = x.catalog;
  const t = c.tracks[x.row];
  const cur = x.current >= 0 ? c.tracks[x.current] : null;
  // The playing track and this session's are heard, whatever the history says.
  const heard = [x.current, ...x.recent].filter((r) => r >= 0);
  const artistNew =
    x.newArtist && !!t.artist && heard.every((h) => c.tracks[h].artistKey !== t.artistKey);
  if (x.coFrom && x.coFrom.count >= 2)
    return { kind: 'co-listen', facts: { after: ref(c, x.coFrom.row), count: x.coFrom.count } };
  if (x.changedDirection && cur && c.similarity(x.current, x.row) >= LIKE_MIN)
    return { kind: 'change', facts: { like: ref(c, x.current) } };
  if (cur) {
    const kt = keyTempo(c, x.row, x.current);
    if (kt) return kt;
  }
  const mood = sessionMood(c, x.recent.slice(0, 3), t);
  if (mood) return { kind: 'session-mood', facts: { mood, tracks: 3 } };
  if (x.picked && x.artistWeight > 0) return { kind: 'picked', facts: { picked: x.picked } };
  if (cur && cur.hasSound && t.hasSound) {
    const s = c.soundSimilarity(x.current, x.row);
    if (s >= SOUNDS_LIKE)
      return { kind: 'sound', facts: { other: ref(c, x.current), similarity: round2(s) } };
  }
  const fresh = newToYou(x, t, artistNew);
  if (fresh) return fresh;
  if (cur) {
    const shared = t.genres.findIndex((g) => cur.genres.includes(g));
    if (shared >= 0)
      return {
        kind: 'genre',
        facts: { genre: t.genreNames[shared] ?? t.genres[shared], other: ref(c, x.current) },
      };
  }
  if (cur && similarEnergy(t, cur))
    return {
      kind: 'key-tempo',
      facts: {
        other: ref(c, x.current),
        energy: { value: round2(t.energy!), other: round2(cur.energy!) },
      },
    };
  if (x.liked) return { kind: 'taste', facts: { liked: true } };
  if (x.artistWeight > 0.3) return { kind: 'taste', facts: { artist: t.artist } };
  if (x.parts.taste > 1) return { kind: 'taste', facts: {} };
  return explore(x, t, cur, artistNew);
}

/** Key, tempo and energy facts that hold between the candidate and `other` (any of them; tempo
 * alone or energy alone is a fact too). */
function keyTempo(c: Catalog, row: number, other: number): Reason | null {
  const t = c.tracks[row];
  const o = c.tracks[other];
  const tempo = tempoRelation(t.bpm, o.bpm);
  const key = keyRelation(t, o);
  const energy = similarEnergy(t, o);
  // A shared key alone is one chance in twelve, a shared energy band one in five: not worth
  // saying before sound, novelty or genre without the other (said after them).
  if (!tempo && !(key && energy)) return null;
  return {
    kind: 'key-tempo',
    facts: {
      other: ref(c, other),
      ...(tempo
        ? { tempo: { relation: tempo, bpm: round1(t.bpm!), otherBpm: round1(o.bpm!) } }
        : {}),
      ...(key ? { key: { relation: key, key: keyName(t), otherKey: keyName(o) } } : {}),
      ...(energy ? { energy: { value: round2(t.energy!), other: round2(o.energy!) } } : {}),
    },
  };
}

function similarEnergy(a: CatalogTrack, b: CatalogTrack): boolean {
  return a.energy !== null && b.energy !== null && Math.abs(a.energy - b.energy) <= ENERGY_BAND;
}

/**
 * "New to you" when the candidate's artist, or else its genre, was never heard — the playing
 * track and this session's count as heard, so the seed's own artist is never new — with the
 * heard track it fits beside: same tempo, similar energy, or close in sound (without one it is
 * an exploration pick). Nothing is new to a person who has heard nothing yet (every track
 * would be).
 */
function newToYou(x: ReasonInput, t: CatalogTrack, newArtist: boolean): Reason | null {
  const c = x.catalog;
  const heard = [x.current, ...x.recent].filter((r) => r >= 0);
  if (heard.length === 0 && x.heardGenres.size === 0) return null;
  const near = heard.map((r) => c.tracks[r]);
  const genre = t.genres.findIndex(
    (g) => !x.heardGenres.has(g) && near.every((h) => !h.genres.includes(g)),
  );
  if (!newArtist && genre < 0) return null;
  // New and nothing to fit beside is an exploration pick, said as one.
  const fit = fitsBeside(c, x.row, heard);
  if (!fit) return null;
  const shown = genre >= 0 ? genre : 0;
  return {
    kind: 'new-to-you',
    facts: {
      artist: t.artist,
      newArtist,
      ...(t.genres[shown] ? { genre: t.genreNames[shown] ?? t.genres[shown] } : {}),
      ...(genre >= 0 ? { newGenre: true } : {}),
      ...(t.bpm ? { bpm: Math.round(t.bpm) } : {}),
      like: ref(c, fit.row),
      likeBy: fit.by,
    },
  };
}

/** The first heard row the candidate shares a tempo, an energy band or a sound with. */
function fitsBeside(c: Catalog, row: number, heard: number[]): { row: number; by: LikeBy } | null {
  const t = c.tracks[row];
  for (const h of heard)
    if (tempoRelation(t.bpm, c.tracks[h].bpm) === 'same') return { row: h, by: 'tempo' };
  for (const h of heard) if (similarEnergy(t, c.tracks[h])) return { row: h, by: 'energy' };
  for (const h of heard)
    if (t.hasSound && c.tracks[h].hasSound && c.soundSimilarity(h, row) >= SOUNDS_LIKE)
      return { row: h, by: 'sound' };
  return null;
}

/** An exploration pick said by what it is, and how it differs from the playing track in energy. */
function explore(
  x: ReasonInput,
  t: CatalogTrack,
  cur: CatalogTrack | null,
  newArtist: boolean,
): Reason {
  const contrast =
    cur && cur.energy !== null && t.energy !== null && Math.abs(t.energy - cur.energy) > ENERGY_BAND
      ? t.energy < cur.energy
        ? ('calmer' as const)
        : ('livelier' as const)
      : null;
  return {
    kind: 'explore',
    facts: {
      newArtist,
      ...(t.artist ? { artist: t.artist } : {}),
      ...(t.genres[0] ? { genre: t.genreNames[0] ?? t.genres[0] } : {}),
      ...(t.bpm ? { bpm: Math.round(t.bpm) } : {}),
      ...(contrast ? { other: ref(x.catalog, x.current), contrast } : {}),
    },
  };
}

/** 'calm' / 'energetic' / a shared mood tag when the last three and the candidate all share it. */
export function sessionMood(c: Catalog, lastThree: number[], cand: CatalogTrack): string | null {
  if (lastThree.length < 3) return null;
  const prev = lastThree.map((r) => c.tracks[r]);
  const all = [...prev, cand];
  if (all.every((t) => t.energy !== null && t.energy < CALM)) return 'calm';
  if (all.every((t) => t.energy !== null && t.energy > ENERGETIC)) return 'energetic';
  for (const m of cand.moodTags) if (prev.every((t) => t.moodTags.includes(m))) return m;
  return null;
}

const round1 = (v: number): number => Math.round(v * 10) / 10;
const round2 = (v: number): number => Math.round(v * 100) / 100;
