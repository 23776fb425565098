#!/usr/bin/env node
/**
 * Memory of `encore serve` with a 10,000-track library (npm run bench:memory): resident set size
 * (and V8 heap, external and array-buffer memory) of the serve process
 *
 *   ready     the host is listening (the automatic embedding pass has not started yet)
 *   embedded  the first embedding pass (lexical fallback: no model can be downloaded here), the
 *             mood and style refresh and the recommender's rebuild are done and the process is idle
 *   page      a Chromium page (system /usr/bin/chromium via playwright-core) has loaded the library
 *   closed    the page is closed and the process is idle again
 *   minute    a minute after the page closed
 *
 * The library is the benchmark's scale library (`../shared/corpus/build-bench-library.sh`,
 * /tmp/encore-bench/scale), scanned once with the CLI into a template data folder with background
 * analysis turned off (analysing 10,000 files takes hours and is bench:analyze's business); every
 * run starts serve on a fresh copy of it, as a person starts it: `node bin/encore.js serve` (the
 * launcher sets glibc's malloc settings and starts the CLI again where they are missing). Figures
 * are read inside the serve process by a preloaded probe (`process.memoryUsage()`, asked for with
 * SIGUSR2) and from /proc; a launcher that stays to wait for its child is measured too. "Idle" = the process used
 * under 2 % of a core over 3 s. Runs of several builds (--build DIR, a folder with bin/encore.js
 * and out/) and of serve with extra environment (--env K=V[,K=V], e.g. MALLOC_ARENA_MAX=2: glibc
 * reads its malloc settings only at process start) are interleaved run by run. Medians of the runs with their range; load average at
 * start and end.
 *
 * Usage: node scripts/bench-memory.js [--library DIR] [--runs 3] [--build DIR]... [--env K=V]... [--env-only] [--json]
 */
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const { values } = parseArgs({
  options: {
    library: { type: 'string', default: '/tmp/encore-bench/scale' },
    runs: { type: 'string', default: '3' },
    build: { type: 'string', multiple: true },
    env: { type: 'string', multiple: true },
    // Only the --env variants, not the builds as they are.
    'env-only': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    // A minute after the page closed: the issue's "back within 10 % a minute after".
    'after-ms': { type: 'string', default: '60000' },
    // Writes a V8 heap snapshot of the serve process at every stage into this folder (slow).
    snapshots: { type: 'string' },
  },
});
const builds = (values.build?.length ? values.build : ['.']).map((b) => resolve(b));
/** What is measured: every build as it is, then with each --env setting. */
const variants = builds.flatMap((build) =>
  [...(values['env-only'] ? [] : [undefined]), ...(values.env ?? [])].map((setting) => ({
    build,
    label: setting ? `${build} ${setting}` : build,
    env: Object.fromEntries(
      (setting ?? '')
        .split(',')
        .filter(Boolean)
        .map((kv) => kv.split('=')),
    ),
  })),
);
const STAGES = ['ready', 'embedded', 'page', 'closed', 'minute'];
const MB = 1024 * 1024;
const say = (text) => values.json || console.log(text);

for (const b of builds) {
  if (!existsSync(join(b, 'out/main/cli.js')) || !existsSync(join(b, 'out/renderer/index.html')))
    throw new Error(`${b} has no built app (out/main/cli.js, out/renderer): run npm run build`);
}
if (!existsSync(values.library))
  throw new Error(
    `no benchmark library at ${values.library} (../shared/corpus/build-bench-library.sh)`,
  );

const work = mkdtempSync(join(tmpdir(), 'encore-bench-memory-'));
process.on('exit', () => rmSync(work, { recursive: true, force: true }));
// Preloaded (--require, which the launcher passes on when it starts the CLI again): on SIGUSR2 the
// process writes `process.memoryUsage()` (and a heap snapshot when one is asked for) to
// <probe dir>/<pid>.json. A signal and files, not an IPC channel: the process measured may be the
// launcher's child, which has no channel to this script.
const probeDir = join(work, 'probe');
mkdirSync(probeDir);
const probe = join(work, 'memory-probe.cjs');
writeFileSync(
  probe,
  `const { isMainThread } = require('node:worker_threads');
if (isMainThread) {
  const fs = require('node:fs');
  const base = require('node:path').join(${JSON.stringify(probeDir)}, String(process.pid));
  process.on('SIGUSR2', () => {
    let snapshot;
    try {
      snapshot = fs.readFileSync(base + '.snapshot', 'utf8');
      fs.rmSync(base + '.snapshot');
    } catch {}
    const file = snapshot ? require('node:v8').writeHeapSnapshot(snapshot) : undefined;
    fs.writeFileSync(base + '.tmp', JSON.stringify({ ...process.memoryUsage(), file }));
    fs.renameSync(base + '.tmp', base + '.json');
  });
}
`,
);

/** Asks the probe in process `pid` for its memory (and a snapshot to `snapshot`), and waits. */
async function probeMemory(pid, snapshot) {
  const base = join(probeDir, String(pid));
  if (snapshot) writeFileSync(`${base}.snapshot`, snapshot);
  process.kill(pid, 'SIGUSR2');
  while (!existsSync(`${base}.json`)) await new Promise((r) => setTimeout(r, 50));
  const m = JSON.parse(readFileSync(`${base}.json`, 'utf8'));
  rmSync(`${base}.json`);
  return m;
}

/**
 * The process running the CLI under the launcher `pid`: the launcher itself (a build whose
 * launcher sets nothing, or one that replaced itself) or the child it started bin/encore.js in.
 */
function cliProcess(pid) {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ')[1];
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (ppid === String(pid) && cmd.includes('bin/encore.js')) return Number(name);
    } catch {
      // the process ended meanwhile
    }
  }
  return pid;
}

/** The scanned library with background analysis off, made once per library folder (by the first build). */
async function template(build) {
  const name = Buffer.from(values.library).toString('hex').slice(-48);
  const dir = join(tmpdir(), 'encore-bench-memory-template', name);
  if (existsSync(join(dir, 'ready'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  say(`scanning ${values.library} into ${dir} …`);
  execFileSync('node', [join(build, 'bin/encore.js'), 'scan', values.library], {
    env: { ...process.env, ENCORE_DATA_DIR: dir },
    stdio: 'ignore',
  });
  // Background analysis off, as a person can set it in the app, so "idle" means idle.
  const serve = await startServe(build, dir);
  await call(serve.url, 'settings.set', { patch: { analysisEnabled: false } });
  await serve.stop();
  writeFileSync(join(dir, 'ready'), '');
  return dir;
}

/** `encore serve` of a build on a data folder, with the memory probe preloaded. */
async function startServe(build, data, env = {}) {
  const child = spawn(
    'node',
    ['--require', probe, join(build, 'bin/encore.js'), 'serve', '--no-watch'],
    {
      env: { ...process.env, ...env, ENCORE_DATA_DIR: data },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const url = await new Promise((ok, fail) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /Encore is at (\S+)/.exec(out);
      if (m) ok(m[1]);
    });
    child.once('exit', (code) => fail(new Error(`serve exited (${code}): ${stderr}`)));
  });
  return {
    child,
    url,
    /** The serve process (the launcher's child when the launcher started the CLI again). */
    pid: cliProcess(child.pid),
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((r) => child.once('exit', r));
    },
  };
}

/** CPU ticks (1/100 s) the process has used, from /proc. */
function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Waits until the process has used under 2 % of a core over 3 s (checked every second). */
async function idle(pid) {
  const window = [];
  for (;;) {
    window.push(cpuTicks(pid));
    if (window.length > 4) window.shift();
    if (window.length === 4 && window[3] - window[0] < 6) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function call(url, method, args = {}) {
  const { origin, searchParams } = new URL(url);
  const res = await fetch(`${origin}/api/call/${method}?token=${searchParams.get('token')}`, {
    method: 'POST',
    body: JSON.stringify(args),
  });
  const reply = await res.json();
  if (!reply.ok) throw new Error(`${method}: ${JSON.stringify(reply.error)}`);
  return reply.result;
}

/** One run: serve on a fresh copy of the template, sampled at each stage. */
async function run({ build, env }) {
  const data = join(work, `data-${Date.now()}`);
  cpSync(await template(build), data, { recursive: true });
  const serve = await startServe(build, data, env);
  const { child, url, pid } = serve;
  let stage = 0;
  const sample = async () => {
    const snapshot = values.snapshots
      ? join(resolve(values.snapshots), `${STAGES[stage]}-${pid}.heapsnapshot`)
      : undefined;
    const m = { ...(await probeMemory(pid, snapshot)), vmHwm: vmHwm(pid) };
    // A launcher that waits for its child holds memory too: its RSS and the part of it no other
    // process shares (most of its RSS is the Node binary's pages, shared with the serve process).
    m.launcher = pid === child.pid ? 0 : vmRss(child.pid);
    m.launcherPrivate = pid === child.pid ? 0 : privateBytes(child.pid);
    stage++;
    return m;
  };
  const out = {};
  out.ready = await sample();
  // The automatic pass starts 10 s after start-up; done when nothing is pending and all is quiet.
  for (;;) {
    const status = await call(url, 'meaning.status');
    if (status.vectors.pending === 0 && status.vectors.descriptor > 0) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  await idle(pid);
  out.embedded = await sample();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);
  await page.locator('[data-track-id]').first().waitFor({ timeout: 300_000 });
  await idle(pid);
  out.page = await sample();
  await page.close();
  await browser.close();
  await idle(pid);
  out.closed = await sample();
  await new Promise((r) => setTimeout(r, Number(values['after-ms'])));
  out.minute = await sample();
  await serve.stop();
  rmSync(data, { recursive: true, force: true });
  return out;
}

/** A field of /proc/PID/status given in kB, in bytes. */
function statusBytes(pid, field) {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}
/** Peak resident set size so far. */
const vmHwm = (pid) => statusBytes(pid, 'VmHWM');
/** Resident set size now. */
const vmRss = (pid) => statusBytes(pid, 'VmRSS');
/** Resident memory no other process shares (private clean + dirty pages), in bytes. */
function privateBytes(pid) {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(rollup)?.[1] ?? 0);
  return (kb('Private_Clean') + kb('Private_Dirty')) * 1024;
}

const loadStart = loadavg().map((x) => x.toFixed(2));
const results = variants.map(() => []);
for (let r = 0; r < Number(values.runs); r++) {
  for (let b = 0; b < variants.length; b++) {
    const out = await run(variants[b]);
    results[b].push(out);
    say(
      `run ${r + 1} ${variants[b].label}: ` +
        STAGES.map((s) => `${s} ${(out[s].rss / MB).toFixed(0)} MB`).join(', ') +
        ` (heap used/total ${STAGES.map((s) => `${(out[s].heapUsed / MB).toFixed(0)}/${(out[s].heapTotal / MB).toFixed(0)}`).join(', ')} MB)`,
    );
  }
}
const loadEnd = loadavg().map((x) => x.toFixed(2));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const figure = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs) });
const summary = variants.map(({ label }, b) => ({
  variant: label,
  stages: Object.fromEntries(
    STAGES.map((s) => [
      s,
      Object.fromEntries(
        [
          'rss',
          'heapUsed',
          'heapTotal',
          'external',
          'arrayBuffers',
          'launcher',
          'launcherPrivate',
        ].map((k) => [k, figure(results[b].map((o) => o[s][k] / MB))]),
      ),
    ]),
  ),
  peakRss: figure(results[b].map((o) => o.minute.vmHwm / MB)),
}));
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
if (values.json) {
  console.log(
    JSON.stringify(
      { machine, runs: Number(values.runs), load: { start: loadStart, end: loadEnd }, summary },
      null,
      2,
    ),
  );
} else {
  const f = (x) => `${x.median.toFixed(0)} (${x.min.toFixed(0)}–${x.max.toFixed(0)})`;
  for (const s of summary) {
    console.log(
      `\n${s.variant}: MB, median (range) of ${values.runs} runs; peak RSS ${f(s.peakRss)}`,
    );
    console.log(
      'stage     rss            heap used      heap total     external       array buffers  launcher rss / private',
    );
    for (const stage of STAGES) {
      const x = s.stages[stage];
      console.log(
        `${stage.padEnd(9)} ${f(x.rss).padEnd(14)} ${f(x.heapUsed).padEnd(14)} ${f(x.heapTotal).padEnd(14)} ${f(x.external).padEnd(14)} ${f(x.arrayBuffers).padEnd(14)} ${f(x.launcher)} / ${f(x.launcherPrivate)}`,
      );
    }
  }
  console.log(
    `\nmachine: ${machine}; load average ${loadStart.join(' ')} at start, ${loadEnd.join(' ')} at end`,
  );
}
process.exit(0);
