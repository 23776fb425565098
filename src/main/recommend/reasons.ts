/**
 * Reasons: one fact per suggestion, chosen from what was actually measured, most specific first —
 * co-listening counts, a change of direction after skips, key and tempo (same, relative key,
 * half-time or double-time), the mood of the last three tracks, sound similarity, what is new
 * about an unheard artist and why it might fit, shared genre, taste. Each reason is structured
 * data whose facts hold for the tracks it names; `text` is its English sentence.
 */
import type {
  KeyRelation,
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
   * to instead (one the person enjoyed before; see jump.ts). */
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
/** Content similarity above which an unheard artist's track is "like" a track just heard. */
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
  if (x.coFrom && x.coFrom.count >= 2)
    return { kind: 'co-listen', facts: { after: ref(c, x.coFrom.row), count: x.coFrom.count } };
  if (x.changedDirection && cur) return { kind: 'change', facts: { like: ref(c, x.current) } };
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
  if (x.newArtist && t.artist) return newToYou(x, t);
  if (cur) {
    const shared = t.genres.findIndex((g) => cur.genres.includes(g));
    if (shared >= 0)
      return {
        kind: 'genre',
        facts: { genre: t.genreNames[shared] ?? t.genres[shared], other: ref(c, x.current) },
      };
  }
  if (x.liked) return { kind: 'taste', facts: { liked: true } };
  if (x.artistWeight > 0.3) return { kind: 'taste', facts: { artist: t.artist } };
  if (x.parts.taste > 1) return { kind: 'taste', facts: {} };
  return { kind: 'explore', facts: { newArtist: x.newArtist, artist: t.artist || undefined } };
}

/** Key and tempo (or tempo and energy) facts that hold between the candidate and `other`. */
function keyTempo(c: Catalog, row: number, other: number): Reason | null {
  const t = c.tracks[row];
  const o = c.tracks[other];
  const tempo = tempoRelation(t.bpm, o.bpm);
  if (!tempo) return null;
  const key = keyRelation(t, o);
  const energy =
    t.energy !== null && o.energy !== null && Math.abs(t.energy - o.energy) <= ENERGY_BAND;
  if (!key && !energy) return null;
  return {
    kind: 'key-tempo',
    facts: {
      other: ref(c, other),
      tempo: { relation: tempo, bpm: round1(t.bpm!), otherBpm: round1(o.bpm!) },
      ...(key ? { key: { relation: key, key: keyName(t), otherKey: keyName(o) } } : {}),
      ...(energy ? { energy: { value: round2(t.energy!), other: round2(o.energy!) } } : {}),
    },
  };
}

/** What is new about an unheard artist, and the heard track it is closest to (if close). */
function newToYou(x: ReasonInput, t: CatalogTrack): Reason {
  const c = x.catalog;
  let like = -1;
  let best = LIKE_MIN;
  for (const r of [x.current, ...x.recent]) {
    if (r < 0) continue;
    const s = c.similarity(r, x.row);
    if (s >= best) {
      best = s;
      like = r;
    }
  }
  return {
    kind: 'new-to-you',
    facts: {
      artist: t.artist,
      ...(t.genreNames[0] ? { genre: t.genreNames[0] } : {}),
      ...(t.bpm ? { bpm: Math.round(t.bpm) } : {}),
      ...(like >= 0 ? { like: ref(c, like) } : {}),
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
