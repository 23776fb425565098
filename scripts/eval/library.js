/**
 * The evaluation's library: the benchmark folders scanned and analysed by Encore's own CLI (the
 * same scanner and audio analysis a person runs), cached in a data folder so later runs start at
 * once; then loaded with the measured features the simulated listeners judge by.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * A copy of the prepared library without the files the analysis could not measure (in the
 * benchmark library: excerpts of under a second, cut past the end of their source — not music
 * anyone listens to, and a listener could not say whether they fit a mood). Returns its folder
 * and what was left out.
 */
export async function measuredOnly(Store, dataDir) {
  const dir = `${dataDir}-measured`;
  const marker = join(dir, READY);
  if (existsSync(marker)) return { dir, ...JSON.parse(readFileSync(marker, 'utf8')) };
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(dataDir, 'encore.db'), join(dir, 'encore.db'));
  const store = await Store.open(dir);
  try {
    const tracks = await store.tracks.list({ present: true });
    const measured = new Set((await store.features.soundVectors()).ids);
    const rows = await store.features.getMany(tracks.map((t) => t.id));
    const why = new Map(rows.map((f) => [f.trackId, f.error]));
    const drop = tracks.filter((t) => !measured.has(t.id));
    await store.tracks.remove(drop.map((t) => t.id));
    // The most common reason, grouped without its numbers ("only 0.45 s decoded" ≈ "0.53 s").
    const reasons = new Map();
    for (const t of drop) {
      const e = why.get(t.id) ?? 'not analysed';
      const k = e.replace(/[\d.]+/g, '#');
      reasons.set(k, [(reasons.get(k)?.[0] ?? 0) + 1, e]);
    }
    const top = [...reasons.values()].sort((a, b) => b[0] - a[0])[0];
    const info = { left: drop.length, topError: top?.[1] ?? null };
    writeFileSync(marker, JSON.stringify(info));
    return { dir, ...info };
  } finally {
    await store.close();
  }
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
    for (const f of features) {
      const v = f.status === 'ok' ? rawTraits(f) : null;
      if (v) raw.set(f.trackId, v);
    }
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
    };
  } finally {
    await store.close();
  }
}
