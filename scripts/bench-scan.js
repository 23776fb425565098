#!/usr/bin/env node
/**
 * bench:scan — first scan and no-change rescan of the benchmark library's 10,000 clips, with peak
 * RSS, against a baseline measured in the same run (music-metadata's parseFile over a sample of
 * the same files, one thread: the least work any scanner must do per file).
 *
 *   npm run bench:scan [-- --runs 3 --bench /tmp/encore-bench]
 *
 * Builds the library with ../shared/corpus/build-bench-library.sh when it is missing, and writes
 * the results into docs/benchmarks.md between the bench:scan markers.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const here = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    bench: { type: 'string', default: '/tmp/encore-bench' },
  },
});
const runs = Number(values.runs);
const scale = join(values.bench, 'scale');

if (!existsSync(scale)) {
  const script = resolve(here, '../shared/corpus/build-bench-library.sh');
  console.error(`building the benchmark library with ${script} …`);
  const r = spawnSync('bash', [script, values.bench], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const cli = join(here, 'out/main/cli.js');
if (!existsSync(cli)) spawnSync('npm', ['run', 'build'], { cwd: here, stdio: 'inherit' });

/** Runs `encore ARGS --json` in a fresh process; returns its summary and peak RSS (MB). */
function encore(dataDir, args) {
  const code = `import { main } from ${JSON.stringify(cli)};
    const code = await main(${JSON.stringify([...args, '--json'])});
    process.stderr.write('\\nRSS ' + process.resourceUsage().maxRSS + '\\n');
    process.exit(code);`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    env: { ...process.env, ENCORE_DATA_DIR: dataDir },
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

/** Baseline: bare parseFile (covers skipped) over every 10th file, one thread, in this process. */
async function baseline() {
  const { parseFile } = await import('music-metadata');
  const sample = files(scale).filter((_, i) => i % 10 === 0);
  const t = performance.now();
  for (const f of sample) {
    statSync(f);
    await parseFile(f, { skipCovers: true });
  }
  return sample.length / ((performance.now() - t) / 1000);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const first = [];
const rescan = [];
const rss = [];
const base = [];
for (let i = 0; i < runs; i++) {
  const data = mkdtempSync(join(tmpdir(), 'encore-bench-scan-'));
  try {
    base.push(await baseline());
    const a = encore(data, ['scan', scale]);
    first.push(a.summary.added / (a.summary.durationMs / 1000));
    rss.push(a.rssMb);
    for (let j = 0; j < 3; j++) {
      const b = encore(data, ['scan']);
      rescan.push(b.summary.unchanged / (b.summary.durationMs / 1000));
      rss.push(b.rssMb);
    }
    console.error(
      `run ${i + 1}: first ${first.at(-1).toFixed(0)} files/s, rescan ${rescan.at(-1).toFixed(0)} files/s, baseline ${base.at(-1).toFixed(0)} files/s`,
    );
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
}

const n = files(scale).length;
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const table = [
  `Machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}; load average at the end ${load}.`,
  `Command: \`npm run bench:scan -- --runs ${runs}\` on \`${scale}\` (${n} files: 4-second tagged clips in mp3, flac, m4a, ogg, opus, wav). Medians of ${runs} runs (rescan: of ${runs * 3}).`,
  '',
  '| measure | result | target |',
  '| --- | --- | --- |',
  `| first scan | ${median(first).toFixed(0)} files/s | ≥ 500 files/s |`,
  `| no-change rescan | ${median(rescan).toFixed(0)} files/s | ≥ 20,000 files/s |`,
  `| peak RSS (whole process, workers included) | ${Math.max(...rss).toFixed(0)} MB | < 300 MB |`,
  `| baseline: bare parseFile, one thread, same files | ${median(base).toFixed(0)} files/s | — |`,
  `| first scan ÷ baseline | ${(median(first) / median(base)).toFixed(2)}× | — |`,
].join('\n');
console.log(table);

const doc = join(here, 'docs/benchmarks.md');
const text = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Benchmarks\n';
const block = `<!-- bench:scan -->\n${table}\n<!-- /bench:scan -->`;
writeFileSync(
  doc,
  /<!-- bench:scan -->[\s\S]*<!-- \/bench:scan -->/.test(text)
    ? text.replace(/<!-- bench:scan -->[\s\S]*<!-- \/bench:scan -->/, block)
    : `${text.trimEnd()}\n\n## Library scan\n\n${block}\n`,
);
