/**
 * The evaluation's libraries: folders scanned and analysed by Encore's own CLI (the same scanner
 * and audio analysis a person runs), cached in a data folder so later runs start at once; then
 * loaded in path order with Encore's measured sound vectors (for the content baselines and the
 * diversity measure — the listeners judge by the builder's ground truth instead).
 *
 * The cache folder is named by a key over ANALYSIS_VERSION, the scanned folders and the library's
 * manifest, so a changed analysis or a rebuilt library is rescanned and reanalysed by itself.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const READY = 'eval-ready.json';

/** The cache folder of `name` for these roots, manifest and analysis version. */
export function cacheDir({ cache, name, roots, manifest, analysisVersion }) {
  const key = createHash('sha256')
    .update(
      JSON.stringify({
        analysisVersion,
        roots: roots.map((r) => resolve(r)),
        manifest: createHash('sha256').update(readFileSync(manifest)).digest('hex'),
      }),
    )
    .digest('hex')
    .slice(0, 12);
  return join(resolve(cache), `${name}-v${analysisVersion}-${key}`);
}

/**
 * Scans `roots` into `dataDir` and analyses every track, unless that was done (the marker is
 * written last, so an interrupted run resumes). An older cache of the same library (another key:
 * an older analysis or manifest) is moved here as the starting point: Encore's own scan then
 * picks up new, changed and removed files and its analysis redoes every track whose analysis
 * version or file is not current — exactly what a person's install does after an update — so
 * only what changed costs time. Folders that are not among `roots` are removed from it.
 */
export function prepareLibrary({ roots, dataDir, log, asAnalysed = false }) {
  const marker = join(dataDir, READY);
  if (existsSync(marker)) return;
  if (!existsSync('out/main/cli.js'))
    throw new Error(
      'the app is not built: run `npm run build` first (the evaluation uses its CLI)',
    );
  const parent = dirname(dataDir);
  const prefix = `${basename(dataDir).split('-v')[0]}-v`;
  const stale = (existsSync(parent) ? readdirSync(parent) : [])
    .filter((d) => d.startsWith(prefix) && !d.endsWith('-measured') && d !== basename(dataDir))
    .map((d) => join(parent, d))
    .filter((d) => existsSync(join(d, 'encore.db')))
    .sort(
      (a, b) => statSync(join(b, 'encore.db')).mtimeMs - statSync(join(a, 'encore.db')).mtimeMs,
    );
  rmSync(`${dataDir}-measured`, { recursive: true, force: true });
  if (!existsSync(join(dataDir, 'encore.db')) && stale.length) {
    log(`starting from the previous evaluation cache ${basename(stale[0])}`);
    rmSync(dataDir, { recursive: true, force: true });
    renameSync(stale[0], dataDir);
    rmSync(join(dataDir, READY), { force: true });
  }
  for (const old of stale) {
    rmSync(old, { recursive: true, force: true });
    rmSync(`${old}-measured`, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true });
  if (asAnalysed) {
    // Evaluate what the cache holds (a snapshot of an unfinished build): no scan, no analysis.
    if (!existsSync(join(dataDir, 'encore.db')))
      throw new Error('no evaluation cache to use as analysed');
    writeFileSync(marker, JSON.stringify({ roots: roots.map((r) => resolve(r)), asAnalysed }));
    return;
  }
  const encore = (...args) => {
    log(`encore ${args.join(' ')}  (ENCORE_DATA_DIR=${dataDir})`);
    const r = spawnSync(process.execPath, ['bin/encore.js', ...args], {
      env: { ...process.env, ENCORE_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`encore ${args[0]} failed (exit ${r.status})`);
    return r.stdout;
  };
  const wanted = new Set(roots.map((r) => resolve(r)));
  for (const root of JSON.parse(encore('roots', '--json')))
    if (!wanted.has(root.path)) encore('roots', '--remove', root.path);
  process.stderr.write(encore('scan', ...roots));
  process.stderr.write(encore('analyze'));
  writeFileSync(marker, JSON.stringify({ roots: [...wanted] }));
}

/**
 * A copy of the prepared library without the files the analysis could not measure (in the
 * benchmark library: excerpts of under a second, cut past the end of their source — not music
 * anyone listens to). Returns its folder and what was left out.
 */
export async function measuredOnly(Store, dataDir) {
  const dir = `${dataDir}-measured`;
  const marker = join(dir, READY);
  if (existsSync(marker)) return { dir, ...JSON.parse(readFileSync(marker, 'utf8')) };
  rmSync(dir, { recursive: true, force: true });
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

/**
 * The present tracks in path order (ids follow readdir and worker order, paths do not) and the
 * standardised sound vectors Encore computed for them; `distinct` counts distinct sounds
 * (identical audio measures identically).
 */
export async function loadLibrary(Store, dataDir) {
  const store = await Store.open(dataDir);
  try {
    const tracks = (await store.tracks.list({ present: true })).sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
    );
    const sets = await store.features.soundVectors();
    const sound = new Map(
      sets.ids.map((id, i) => [id, sets.data.subarray(i * sets.dim, (i + 1) * sets.dim)]),
    );
    const distinct = new Set(
      [...sound.values()].map((v) => Array.from(v, (x) => x.toFixed(4)).join()),
    ).size;
    return { tracks, sound, distinct };
  } finally {
    await store.close();
  }
}
