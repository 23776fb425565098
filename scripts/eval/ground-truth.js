/**
 * What the library builder knows about each track, matched to the scanned tracks by path: the
 * source piece (excerpts of one piece share it), the style class, the real tags, and four traits
 * measured by tools that are not Encore's (aubio tempo and onsets, ffmpeg's EBU R128 loudness, a
 * numpy spectral centroid). The simulated listeners judge by these only, so Encore's measurement
 * errors can cost it.
 */
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';

/** The external traits a listener's taste in sound is defined over (names for the report). */
export const TRUTH_TRAITS = [
  'tempo (aubio tempo)',
  'loudness (ffmpeg EBU R128)',
  'onset rate (aubio onset)',
  'brightness (spectral centroid)',
];
/** Index of the traits that make a sound "energetic" (a change of mood moves along them). */
export const ENERGY_TRAITS = [1, 2];

/** One manifest entry's traits in listening units (log where perception is roughly logarithmic). */
function rawTraits(e) {
  const v = [
    e.tempoBpm > 0 ? Math.log2(e.tempoBpm) : null,
    e.loudnessLufs,
    typeof e.onsetRate === 'number' ? Math.log(e.onsetRate + 0.1) : null,
    e.brightnessHz > 0 ? Math.log(e.brightnessHz) : null,
  ];
  return v.every((x) => typeof x === 'number' && Number.isFinite(x)) ? v : null;
}

/** Reads a manifest ({ tracks: [{ path, source, ... }] }, paths relative to `base`). */
export function readManifest(file) {
  const m = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(m.tracks)) throw new Error(`${file}: no "tracks" list`);
  return m.tracks;
}

/**
 * The ground truth of each scanned track (by id), z-scoring the traits over the matched tracks so
 * each counts alike. Tags the manifest does not give (the benchmark's scale clips) come from the
 * track's own tags, which the builder wrote. Tracks without an entry are returned in `unmatched`.
 */
export function matchTruth(tracks, entries, base) {
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const raw = new Map();
  const unmatched = [];
  const truth = new Map();
  for (const t of tracks) {
    const e = byPath.get(relative(base, t.path).split(sep).join('/'));
    const v = e ? rawTraits(e) : null;
    if (!e || !v) {
      unmatched.push(t);
      continue;
    }
    raw.set(t.id, v);
    truth.set(t.id, {
      source: e.source,
      style: e.style ?? e.album ?? '?',
      genre: e.genre || t.genres[0] || '?',
      artist: e.artist || t.artist,
      tempoBpm: e.tempoBpm,
      loudnessLufs: e.loudnessLufs,
      onsetRate: e.onsetRate,
      traits: null,
    });
  }
  const n = raw.size;
  const vals = [...raw.values()];
  const mean = TRUTH_TRAITS.map((_, j) => vals.reduce((s, v) => s + v[j], 0) / n);
  const sd = TRUTH_TRAITS.map(
    (_, j) => Math.sqrt(vals.reduce((s, v) => s + (v[j] - mean[j]) ** 2, 0) / n) || 1,
  );
  for (const [id, v] of raw)
    truth.get(id).traits = Float64Array.from(v, (x, j) => (x - mean[j]) / sd[j]);
  return { truth, unmatched };
}
