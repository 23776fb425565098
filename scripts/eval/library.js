/**
 * The evaluation's library: the benchmark folders scanned and analysed by Encore's own CLI (the
 * same scanner and audio analysis a person runs), cached in a data folder so later runs start at
 * once; then loaded with the measured features the simulated listeners judge by.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const READY = 'eval-ready.json';

/** Scans `roots` into `dataDir` and analyses every track, unless that was done for these roots. */
export function prepareLibrary({ roots, dataDir, log }) {
  const marker = join(dataDir, READY);
  const wanted = JSON.stringify(roots.map((r) => resolve(r)));
  if (existsSync(marker) && readFileSync(marker, 'utf8') === wanted) return;
  if (!existsSync('out/main/cli.js'))
    throw new Error(
      'the app is not built: run `npm run build` first (the evaluation uses its CLI)',
    );
  for (const root of roots) {
    if (!existsSync(root))
      throw new Error(
        `${root} does not exist: build the benchmark library with ../shared/corpus/build-bench-library.sh, or pass --library DIR`,
      );
  }
  const encore = (...args) => {
    log(`encore ${args.join(' ')}  (ENCORE_DATA_DIR=${dataDir})`);
    const r = spawnSync(process.execPath, ['bin/encore.js', ...args], {
      env: { ...process.env, ENCORE_DATA_DIR: dataDir },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`encore ${args[0]} failed (exit ${r.status})`);
  };
  encore('scan', ...roots);
  // Analysis takes a while for 10,000 tracks (about 4 tracks/s on 2 cores); it is done once.
  encore('analyze');
  writeFileSync(marker, wanted);
}

/** The measured traits a listener's taste in sound is defined over (names for the report). */
export const TRAITS = ['arousal', 'valence', 'tempo', 'brightness', 'danceability', 'loudness'];

/** One track's traits in raw units, or null when a value is missing. */
function rawTraits(f) {
  const v = [
    f.arousal,
    f.valence,
    f.bpm ? Math.log2(f.bpm) : null,
    f.spectralCentroid ? Math.log(f.spectralCentroid) : null,
    f.danceability,
    f.loudnessLufs,
  ];
  return v.every((x) => typeof x === 'number' && Number.isFinite(x)) ? v : null;
}

/**
 * Loads the present tracks, their measured traits (z-scored over the library, so each counts
 * alike) and the standardised sound vectors Encore itself computes (for the content baseline and
 * intra-list diversity). Tracks the analysis could not measure have neither.
 */
export async function loadLibrary(Store, dataDir) {
  const store = await Store.open(dataDir);
  try {
    const tracks = await store.tracks.list({ present: true, sort: 'added' });
    const features = await store.features.getMany(tracks.map((t) => t.id));
    const sets = await store.features.soundVectors();
    const raw = new Map();
    // Why tracks could not be measured, grouped without their numbers ("only 0.45 s of audio
    // decoded" and "only 0.53 s …" alike): key → [count, one example].
    const errors = new Map();
    for (const f of features) {
      const v = f.status === 'ok' ? rawTraits(f) : null;
      if (v) raw.set(f.trackId, v);
      else if (f.error) {
        const k = f.error.replace(/[\d.]+/g, '#');
        errors.set(k, [(errors.get(k)?.[0] ?? 0) + 1, f.error]);
      }
    }
    const top = [...errors.values()].sort((a, b) => b[0] - a[0])[0];
    const n = raw.size;
    const mean = TRAITS.map((_, j) => [...raw.values()].reduce((s, v) => s + v[j], 0) / n);
    const sd = TRAITS.map(
      (_, j) =>
        Math.sqrt([...raw.values()].reduce((s, v) => s + (v[j] - mean[j]) ** 2, 0) / n) || 1,
    );
    const traits = new Map(
      [...raw].map(([id, v]) => [id, Float64Array.from(v, (x, j) => (x - mean[j]) / sd[j])]),
    );
    const sound = new Map(
      sets.ids.map((id, i) => [id, sets.data.subarray(i * sets.dim, (i + 1) * sets.dim)]),
    );
    const distinct = new Set([...raw.values()].map((v) => v.map((x) => x.toFixed(4)).join())).size;
    return {
      tracks,
      traits,
      sound,
      distinct,
      failed: tracks.length - raw.size,
      topError: top?.[1] ?? null,
    };
  } finally {
    await store.close();
  }
}
