#!/usr/bin/env node
/**
 * bench:scan — Encore's first scan and no-change rescan of the benchmark library's 10,000 clips,
 * with peak RSS, against baselines measured in the same run on the same files, so each gain is
 * credited to what caused it:
 *   - bare music-metadata `parseFile` (covers skipped), one thread: the least work per file;
 *   - the same `parseFile` in N worker threads, N = Encore's tag workers: parallelism alone;
 *   - Encore's own tag worker (blocking reads, fingerprint, lyrics), one thread and N threads:
 *     the reader alone, without walk, store writes or covers;
 *   - Encore's whole first scan (walk, N tag workers, batched store writes, covers).
 * With --copies K it also scans a library of K hard-linked copies of the clips (K × 10,000 files)
 * for its peak RSS; with --against DIR (another checkout, built) every Encore scan is run for
 * both checkouts, interleaved, and the table gives both and their ratio.
 * Each checkout's CLI runs in the environment its `encore` command (bin/encore.js) starts it with
 * (bin/start-settings.js: V8 and malloc settings; nothing for a checkout whose launcher adds
 * none); the RSS is that process's, without a waiting launcher.
 *
 *   npm run bench:scan [-- --runs 3 --bench /tmp/encore-bench --copies 10 --against /tmp/old]
 *
 * Builds the library with ../shared/corpus/build-bench-library.sh when it is missing, and writes
 * the results into docs/benchmarks.md between the bench:scan markers.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';

const here = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    bench: { type: 'string', default: '/tmp/encore-bench' },
    copies: { type: 'string', default: '0' },
    against: { type: 'string' },
  },
});
const runs = Number(values.runs);
const copies = Number(values.copies);
const scale = join(values.bench, 'scale');
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const loadAtStart = loadavg();

if (!existsSync(scale)) {
  const script = resolve(here, '../shared/corpus/build-bench-library.sh');
  console.error(`building the benchmark library with ${script} …`);
  const r = spawnSync('bash', [script, values.bench], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const checkouts = [{ name: 'this', dir: here }];
if (values.against) checkouts.push({ name: 'against', dir: resolve(values.against) });
for (const c of checkouts) c.env = await launcherEnv(c.dir);
for (const { dir } of checkouts) {
  if (!existsSync(join(dir, 'out/main/cli.js')))
    spawnSync('npm', ['run', 'build'], { cwd: dir, stdio: 'inherit' });
}

/** K hard-linked copies of the clips (a large library that costs no disk), made once. */
function largeLibrary() {
  const dir = join(values.bench, `copies-${copies}`);
  for (let k = 0; k < copies; k++) {
    const copy = join(dir, `copy ${k}`);
    if (existsSync(copy)) continue;
    mkdirSync(dir, { recursive: true });
    const r = spawnSync('cp', ['-al', scale, copy], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`could not link ${scale} to ${copy}`);
  }
  return dir;
}

/**
 * The environment `checkout`'s launcher (bin/encore.js) adds: its missingStartSettings, or in a
 * checkout from before that, its malloc settings, or nothing.
 */
async function launcherEnv(checkout) {
  for (const [file, name] of [
    ['bin/start-settings.js', 'missingStartSettings'],
    ['bin/malloc-settings.js', 'missingMallocSettings'],
  ]) {
    const path = join(checkout, file);
    if (existsSync(path)) return (await import(path))[name](process.env);
  }
  return {};
}

/** Runs `encore ARGS --json` of `checkout` in a fresh process; returns its summary and peak RSS (MB). */
function encore(checkout, dataDir, args) {
  const cli = join(checkout.dir, 'out/main/cli.js');
  const code = `import { main } from ${JSON.stringify(cli)};
    const code = await main(${JSON.stringify([...args, '--json'])});
    process.stderr.write('\\nRSS ' + process.resourceUsage().maxRSS + '\\n');
    process.exit(code);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    env: { ...process.env, ...checkout.env, ENCORE_DATA_DIR: dataDir, ENCORE_LOG: 'error' },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`encore ${args.join(' ')} failed: ${r.stderr}`);
  const rss = Number(/RSS (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  return { summary: JSON.parse(r.stdout), rssMb: rss };
}

function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** A worker thread that runs bare parseFile jobs ({ jobId, input: { path } }) like a tag worker. */
const PARSE_WORKER = `
  const { parentPort, workerData } = require('node:worker_threads');
  import(workerData.musicMetadata).then(({ parseFile }) => {
    parentPort.on('message', async ({ jobId, input }) => {
      try {
        await parseFile(input.path, { skipCovers: true });
        parentPort.postMessage({ jobId, ok: true, output: null });
      } catch (err) {
        parentPort.postMessage({ jobId, ok: false, error: String(err) });
      }
    });
    parentPort.postMessage({ ready: true });
  });`;

/**
 * Files per second for `sample` through `threads` workers, each given one job at a time (as the
 * scan's pool does): `kind` 'parseFile' (bare music-metadata) or 'tag-worker' (Encore's, built).
 */
async function throughput(kind, threads, sample) {
  const workers = await Promise.all(
    Array.from({ length: threads }, async () => {
      const w =
        kind === 'parseFile'
          ? new Worker(PARSE_WORKER, {
              eval: true,
              workerData: { musicMetadata: import.meta.resolve('music-metadata') },
            })
          : new Worker(join(here, 'out/main/tag-worker.js'));
      if (kind === 'parseFile') await new Promise((ok) => w.once('message', ok));
      return w;
    }),
  );
  let jobId = 0;
  const job = async (w, path) => {
    const { size } = statSync(path);
    const input = { path, root: scale, size, hasSidecar: false, wantCover: false };
    const id = ++jobId;
    const reply = await new Promise((ok) => {
      const on = (m) => m.jobId === id && (w.off('message', on), ok(m));
      w.on('message', on);
      w.postMessage({ jobId: id, input });
    });
    if (!reply.ok) throw new Error(`${kind} failed on ${path}: ${reply.error}`);
  };
  // One untimed file per worker first: start-up (loading the parser) is not per-file work.
  await Promise.all(workers.map((w) => job(w, sample[0])));
  let next = 0;
  const t = performance.now();
  await Promise.all(
    workers.map(async (w) => {
      while (next < sample.length) await job(w, sample[next++]);
    }),
  );
  const rate = sample.length / ((performance.now() - t) / 1000);
  await Promise.all(workers.map((w) => w.terminate()));
  return rate;
}

/** Encore's tag workers for this machine (library.ts: heavy-work threads + 2, 2–8). */
const tagWorkers = Math.min(8, Math.max(2, Math.max(1, availableParallelism() - 1) + 2));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs, digits = 0) =>
  `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
const all = files(scale);
const sample = all.filter((_, i) => i % 10 === 0);
const large = copies > 0 ? largeLibrary() : null;

const base = { parse1: [], parseN: [], tag1: [], tagN: [] };
/** Per checkout: first-scan files/s, rescan files/s, 10k peak RSS, large first-scan peak RSS. */
const per = checkouts.map(() => ({ first: [], rescan: [], rss: [], largeRss: [], largeRate: [] }));
for (let i = 0; i < runs; i++) {
  base.parse1.push(await throughput('parseFile', 1, sample));
  base.parseN.push(await throughput('parseFile', tagWorkers, sample));
  base.tag1.push(await throughput('tag-worker', 1, sample));
  base.tagN.push(await throughput('tag-worker', tagWorkers, sample));
  // Checkouts alternate, and which goes first alternates with the run.
  const order = i % 2 === 0 ? checkouts.map((_, j) => j) : checkouts.map((_, j) => j).reverse();
  for (const j of order) {
    const data = mkdtempSync(join(tmpdir(), 'encore-bench-scan-'));
    try {
      const a = encore(checkouts[j], data, ['scan', scale]);
      per[j].first.push(a.summary.added / (a.summary.durationMs / 1000));
      per[j].rss.push(a.rssMb);
      const b = encore(checkouts[j], data, ['scan']);
      per[j].rescan.push(b.summary.unchanged / (b.summary.durationMs / 1000));
      per[j].rss.push(b.rssMb);
    } finally {
      rmSync(data, { recursive: true, force: true });
    }
    if (large) {
      const big = mkdtempSync(join(tmpdir(), 'encore-bench-scan-large-'));
      try {
        const c = encore(checkouts[j], big, ['scan', large]);
        if (c.summary.added !== all.length * copies)
          throw new Error(`large scan added ${c.summary.added} of ${all.length * copies}`);
        per[j].largeRss.push(c.rssMb);
        per[j].largeRate.push(c.summary.added / (c.summary.durationMs / 1000));
      } finally {
        rmSync(big, { recursive: true, force: true });
      }
    }
    const p = per[j];
    console.error(
      `run ${i + 1} ${checkouts[j].name}: first ${p.first.at(-1).toFixed(0)} files/s, rescan ${p.rescan.at(-1).toFixed(0)} files/s${large ? `, ${copies}× library peak ${p.largeRss.at(-1).toFixed(0)} MB` : ''}`,
    );
  }
  console.error(
    `run ${i + 1} baselines: parseFile ×1 ${base.parse1.at(-1).toFixed(0)}, ×${tagWorkers} ${base.parseN.at(-1).toFixed(0)}; tag worker ×1 ${base.tag1.at(-1).toFixed(0)}, ×${tagWorkers} ${base.tagN.at(-1).toFixed(0)} files/s`,
  );
}

const fmt = (xs, unit, digits = 0) =>
  `${median(xs).toFixed(digits)}${unit ? ` ${unit}` : ''} (${range(xs, digits)})`;
const ratio = (a, b) => `${(median(a) / median(b)).toFixed(2)}×`;
const cols = checkouts.length > 1 ? ' | against | this ÷ against' : '';
const row = (label, key, unit) =>
  `| ${label} | ${fmt(per[0][key], unit)}${checkouts.length > 1 ? ` | ${fmt(per[1][key], unit)} | ${ratio(per[0][key], per[1][key])}` : ''} |`;
const first = per[0].first;
const table = [
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}; load average at the start ${loadAtStart}, at the end ${loadavg()}.`,
  `Command: \`npm run bench:scan -- --runs ${runs}${copies ? ` --copies ${copies}` : ''}${values.against ? ' --against OTHER-CHECKOUT' : ''}\` on \`${scale}\` (${all.length} files: 4-second tagged clips in mp3, flac, m4a, ogg, opus, wav; baselines on every 10th, ${sample.length} files). Medians of ${runs} runs, range in brackets; Encore with ${tagWorkers} tag workers.`,
  `Start environment, as each checkout's \`encore\` command gives it: ${checkouts
    .map(
      (c) =>
        `${c.name} ${
          Object.entries(c.env)
            .map(([k, v]) => `\`${k}=${v}\``)
            .join(' ') || 'nothing added'
        }`,
    )
    .join('; ')}.`,
  '',
  `| measure | this checkout${cols} |`,
  `| --- | ---${checkouts.length > 1 ? ' | --- | ---' : ''} |`,
  row(`first scan, ${all.length} files`, 'first', 'files/s'),
  row(`no-change rescan, ${all.length} files`, 'rescan', 'files/s'),
  row(`peak RSS, scans of ${all.length} files (whole process, workers included)`, 'rss', 'MB'),
  ...(large
    ? [
        row(`peak RSS, first scan of ${all.length * copies} files`, 'largeRss', 'MB'),
        row(`first scan of ${all.length * copies} files`, 'largeRate', 'files/s'),
      ]
    : []),
  '',
  '| baseline, same sample | files/s | first scan ÷ it |',
  '| --- | --- | --- |',
  `| bare parseFile, 1 thread | ${fmt(base.parse1, '')} | ${ratio(first, base.parse1)} |`,
  `| bare parseFile, ${tagWorkers} worker threads (like with like) | ${fmt(base.parseN, '')} | ${ratio(first, base.parseN)} |`,
  `| Encore's tag worker, 1 thread | ${fmt(base.tag1, '')} | ${ratio(first, base.tag1)} |`,
  `| Encore's tag workers, ${tagWorkers} threads | ${fmt(base.tagN, '')} | ${ratio(first, base.tagN)} |`,
  '',
  `Credit: ${tagWorkers} threads instead of 1 give parseFile ${ratio(base.parseN, base.parse1)}; Encore's reader instead of parseFile gives ${ratio(base.tag1, base.parse1)} on one thread and ${ratio(base.tagN, base.parseN)} on ${tagWorkers}; the scan around the readers (walk, store writes, covers) runs at ${ratio(first, base.tagN)} of the bare tag workers.`,
].join('\n');
console.log(table);

const doc = join(here, 'docs/benchmarks.md');
const text = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Benchmarks\n';
const block = `<!-- bench:scan -->\n${table}\n<!-- /bench:scan -->`;
writeFileSync(
  doc,
  /<!-- bench:scan -->[\s\S]*<!-- \/bench:scan -->/.test(text)
    ? text.replace(/<!-- bench:scan -->[\s\S]*<!-- \/bench:scan -->/, () => block)
    : `${text.trimEnd()}\n\n## Library scan\n\n${block}\n`,
);
