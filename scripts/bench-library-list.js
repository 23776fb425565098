#!/usr/bin/env node
/**
 * Library-list benchmark: the time 'library.tracks' takes to build every TrackSummary of a
 * 100,000-track store (the handler's store call; the HTTP bridge then JSON-encodes the result, timed
 * separately), as the median of several runs. Reads a copy of the store npm run bench:recommend
 * keeps in node_modules/.cache/encore-bench-recommend/library-100000 (run that once first), so
 * the cached store is never written to.
 *
 * Usage: node scripts/bench-library-list.js [--sort artist] [--runs 3] [--json]
 */
import { engineModules } from './engine-modules.js';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    sort: { type: 'string', default: 'artist' },
    runs: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});

const source = resolve('node_modules/.cache/encore-bench-recommend/library-100000/encore.db');
if (!existsSync(source)) {
  console.error(`no cached store at ${source}: run npm run bench:recommend once first`);
  process.exit(1);
}
const { modules } = await engineModules('encore-bench-library-list', {
  store: 'src/main/store/index.ts',
  library: 'src/shared/library.ts',
});
const { Store } = modules.store;
const { toTrackSummary } = modules.library;

const dir = mkdtempSync(join(tmpdir(), 'encore-bench-library-list-'));
copyFileSync(source, join(dir, 'encore.db'));
const store = await Store.open(dir);
const sort = values.sort;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Times `fn` `runs` times; returns the median in ms and the last result. */
async function time(fn) {
  const ms = [];
  let result;
  for (let i = 0; i < Number(values.runs); i++) {
    const t0 = performance.now();
    result = await fn();
    ms.push(performance.now() - t0);
  }
  return { ms: Math.round(median(ms)), runs: ms.map(Math.round), result };
}

const paths = {
  // What the handler did before: full Track rows, then the summary of each.
  'list + toTrackSummary': () => store.tracks.list({ sort }).then((ts) => ts.map(toTrackSummary)),
};
if (typeof store.tracks.summaries === 'function')
  paths['summaries'] = () => store.tracks.summaries({ sort });

const out = { tracks: 0, sort, results: {} };
const encoded = {};
try {
  for (const [name, fn] of Object.entries(paths)) {
    const { ms, runs, result } = await time(fn);
    out.tracks = result.length;
    // The browser host's bridge answers with JSON.stringify of the handler's result.
    const json = await time(async () => JSON.stringify(result));
    out.results[name] = {
      ms,
      runs,
      jsonMs: json.ms,
      jsonMB: +(json.result.length / 1e6).toFixed(1),
    };
    encoded[name] = json.result;
  }
  const [first, ...rest] = Object.values(encoded);
  out.identical = rest.every((e) => e === first);
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
if (values.json) console.log(JSON.stringify(out, null, 2));
else {
  console.log(`${out.tracks} tracks, sort ${sort}, median of ${values.runs}:`);
  for (const [name, r] of Object.entries(out.results))
    console.log(
      `  ${name}: ${r.ms} ms (runs ${r.runs.join(', ')}); JSON.stringify ${r.jsonMs} ms, ${r.jsonMB} MB`,
    );
  if (Object.keys(out.results).length > 1) console.log(`  same result: ${out.identical}`);
}
