/**
 * Distance metrics behind one interface. Every step that asks "how close are these two tracks"
 * (neighbours, diversity, journeys) takes a Metric, so a metric can be swapped or tested alone.
 */
import type { Catalog, CatalogTrack } from './catalog';

/** A distance between two catalog rows: 0 = same, larger = further apart. */
export interface Metric {
  readonly name: string;
  distance(catalog: Catalog, a: number, b: number): number;
}

/** 1 − cosine of the content vectors (tags ⊕ sound ⊕ text), 0–2. */
export const contentDistance: Metric = {
  name: 'content',
  distance: (c, a, b) => 1 - c.similarity(a, b),
};

/** Circle-of-fifths position of a key letter (C=0, G=1, …), for harmonic closeness. */
const FIFTHS: Record<string, number> = {
  C: 0,
  G: 1,
  D: 2,
  A: 3,
  E: 4,
  B: 5,
  'F#': 6,
  Gb: 6,
  'C#': 7,
  Db: 7,
  Ab: 8,
  'G#': 8,
  Eb: 9,
  'D#': 9,
  Bb: 10,
  'A#': 10,
  F: 11,
};

/** Steps apart on the circle of fifths (0–6), or null when a key is unknown. Relative
 * major/minor keys (A minor ~ C major) count as the same place. */
export function keySteps(a: CatalogTrack, b: CatalogTrack): number | null {
  const pa = fifths(a);
  const pb = fifths(b);
  if (pa === null || pb === null) return null;
  const d = Math.abs(pa - pb) % 12;
  return Math.min(d, 12 - d);
}

function fifths(t: CatalogTrack): number | null {
  if (!t.key) return null;
  const p = FIFTHS[t.key];
  if (p === undefined) return null;
  // A minor shares its notes with C major: 3 fifths "down".
  return t.scale === 'minor' ? (p + 9) % 12 : p;
}

/** Relative tempo difference (0 = same), allowing half/double time; null when unknown. */
export function tempoRatio(a: CatalogTrack, b: CatalogTrack): number | null {
  if (!a.bpm || !b.bpm) return null;
  const r = a.bpm / b.bpm;
  return Math.min(Math.abs(r - 1), Math.abs(r * 2 - 1), Math.abs(r / 2 - 1));
}

/** Key and tempo as a distance (for DJ-like transitions): 0 when both match, 1 when unknown. */
export const keyTempoDistance: Metric = {
  name: 'key-tempo',
  distance(c, a, b) {
    const ks = keySteps(c.tracks[a], c.tracks[b]);
    const tr = tempoRatio(c.tracks[a], c.tracks[b]);
    if (ks === null && tr === null) return 1;
    return 0.5 * (ks === null ? 1 : ks / 6) + 0.5 * (tr === null ? 1 : Math.min(1, tr * 5));
  },
};
