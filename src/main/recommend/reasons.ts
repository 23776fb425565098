/**
 * Reasons: one short sentence per suggestion, chosen from what was actually measured, most
 * specific first — co-listening counts, a change of direction after skips, matching key and
 * tempo, the mood of the last three tracks, an unheard artist close to liked ones, sound
 * similarity, shared genre, taste.
 */
import type { ReasonKind } from '../../shared/recommend';
import type { Catalog, CatalogTrack } from './catalog';
import { keySteps, tempoRatio } from './distance';
import type { ScoreParts } from './ranking';

export interface Reason {
  kind: ReasonKind;
  text: string;
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
  /** True when the person liked this very track. */
  liked?: boolean;
  /** True when Up Next changed direction after early skips and `current` is the track it went
   * to instead (one the person enjoyed before; see jump.ts). */
  changedDirection?: boolean;
}

/** Tempo within 4 %: two tracks a DJ would mix without pitching audibly. */
const SAME_TEMPO = 0.04;
/** Energy (0–1) below this is calm, above the other is energetic. */
const CALM = 0.4;
const ENERGETIC = 0.65;
/** Cosine similarity of the measured sound vectors above which two tracks "sound like" each other. */
const SOUNDS_LIKE = 0.8;

const title = (t: CatalogTrack): string => t.title;

/** The reason for one suggestion. */
export function reasonFor(x: ReasonInput): Reason {
  const c = x.catalog;
  const t = c.tracks[x.row];
  const cur = x.current >= 0 ? c.tracks[x.current] : null;
  if (x.coFrom && x.coFrom.count >= 2) {
    return {
      kind: 'co-listen',
      text: `You often play this after ${title(c.tracks[x.coFrom.row])}`,
    };
  }
  if (x.changedDirection && cur) {
    return { kind: 'change', text: `Changing direction: like ${title(cur)}, which you enjoyed` };
  }
  if (cur) {
    const ks = keySteps(cur, t);
    const tr = tempoRatio(cur, t);
    if (ks === 0 && cur.key === t.key && cur.scale === t.scale && tr !== null && tr <= SAME_TEMPO) {
      return { kind: 'key-tempo', text: `Same key and tempo as ${title(cur)}` };
    }
  }
  const mood = sessionMood(c, x.recent.slice(0, 3), t);
  if (mood) return { kind: 'session-mood', text: `${mood}, like the last three` };
  if (x.newArtist && x.hasLikedArtists && x.parts.taste > 0) {
    return { kind: 'new-artist-like', text: 'New to you, close to artists you like' };
  }
  if (cur && cur.hasSound && t.hasSound && c.soundSimilarity(x.current, x.row) >= SOUNDS_LIKE) {
    return { kind: 'sound', text: `Sounds like ${title(cur)}` };
  }
  if (cur) {
    const tr = tempoRatio(cur, t);
    if (
      tr !== null &&
      tr <= 0.05 &&
      cur.energy !== null &&
      t.energy !== null &&
      Math.abs(cur.energy - t.energy) < 0.1
    ) {
      return { kind: 'key-tempo', text: `Same tempo and energy as ${title(cur)}` };
    }
  }
  if (cur) {
    const shared = t.genres.findIndex((g) => cur.genres.includes(g));
    if (shared >= 0)
      return {
        kind: 'genre',
        text: `More ${t.genreNames[shared] ?? t.genres[shared]}, like ${title(cur)}`,
      };
  }
  if (x.liked) return { kind: 'taste', text: 'You liked this' };
  if (x.artistWeight > 0.3) return { kind: 'taste', text: `You like ${t.artist}` };
  if (x.parts.taste > 1) return { kind: 'taste', text: 'Fits what you usually enjoy' };
  if (cur && x.parts.sim >= SOUNDS_LIKE) return { kind: 'sound', text: `Close to ${title(cur)}` };
  return { kind: 'explore', text: x.newArtist ? 'Something new to explore' : 'A change of scene' };
}

/** 'Calm' / 'Energetic' / a shared mood tag when the last three and the candidate all share it. */
export function sessionMood(c: Catalog, lastThree: number[], cand: CatalogTrack): string | null {
  if (lastThree.length < 3) return null;
  const prev = lastThree.map((r) => c.tracks[r]);
  const all = [...prev, cand];
  if (all.every((t) => t.energy !== null && t.energy < CALM)) return 'Calm';
  if (all.every((t) => t.energy !== null && t.energy > ENERGETIC)) return 'Energetic';
  for (const m of cand.moodTags) {
    if (prev.every((t) => t.moodTags.includes(m))) return m.charAt(0).toUpperCase() + m.slice(1);
  }
  return null;
}
