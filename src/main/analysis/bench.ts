/**
 * The analysis benchmark's measuring code (run by scripts/bench-analyze.js, which bundles it):
 * throughput of the real Analyser (store, worker pool, events) over a folder of real tracks, with
 * peak memory and main-thread event-loop delay sampled during the run; then excerpt-vs-whole-track
 * agreement of tempo, key and loudness, track by track. Not part of the app build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { parseFile } from 'music-metadata';
import { EventBus } from '../events';
import { Store } from '../store/index';
import { trackFields } from '../../../test/helpers/tracks';
import { WorkerPool } from '../workers/pool';
import { workerFile } from '../workers/worker-file';
import { Analyser } from './analyser';
import { planExcerpts } from './decode/excerpts';
import type { AnalyseJob, AnalyseResult } from './job';

export interface BenchTrack {
  path: string;
  durationS: number | null;
}

/** Reads each file's duration from its tags, as the scanner does. */
export async function readDurations(paths: string[]): Promise<BenchTrack[]> {
  const out: BenchTrack[] = [];
  for (const path of paths) {
    try {
      out.push({
        path,
        durationS:
          (await parseFile(path, { duration: true, skipCovers: true })).format.duration ?? null,
      });
    } catch {
      out.push({ path, durationS: null });
    }
  }
  return out;
}

export interface ThroughputRun {
  tracks: number;
  ok: number;
  wallS: number;
  tracksPerS: number;
  /**
   * Seconds of audio decoded and analysed (the excerpts, what the work is proportional to) per
   * second of wall time; whole-track minutes over wall time would credit the excerpt plan, not
   * the code.
   */
  decodedSPerS: number;
  /** Process RSS before the pool started, and the peak during the run, MB. */
  baseRssMb: number;
  peakRssMb: number;
  /** Main-thread event-loop delay during the run, ms. */
  loopMaxMs: number;
  loopP99Ms: number;
  /** The same, measured for 5 s before the run with nothing to do: what the machine's load alone causes. */
  idleLoopMaxMs: number;
  idleLoopP99Ms: number;
}

async function idleLoopDelay(ms: number): Promise<{ max: number; p99: number }> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  await new Promise((r) => setTimeout(r, ms));
  h.disable();
  return { max: h.max / 1e6, p99: h.percentile(99) / 1e6 };
}

/** Seconds of audio the analyser decodes for `tracks`: their excerpts (planExcerpts). */
export function decodedSeconds(tracks: BenchTrack[]): number {
  return tracks.reduce(
    (s, t) => s + planExcerpts(t.durationS ?? 0).reduce((n, w) => n + w.lengthS, 0),
    0,
  );
}

/** One full run of the Analyser over `tracks` in a fresh temporary library. */
export async function throughputRun(
  tracks: BenchTrack[],
  workers: number,
  preferFfmpeg: boolean,
): Promise<ThroughputRun> {
  const dir = mkdtempSync(join(tmpdir(), 'encore-bench-analyze-'));
  const store = await Store.open(dir);
  try {
    const root = await store.roots.add(join(dir, 'music'));
    await store.tracks.writeScanned(
      tracks.map((t) => ({
        fields: trackFields(root.id, { path: t.path, durationS: t.durationS }),
        lyrics: null,
      })),
    );
    const idle = await idleLoopDelay(5000);
    const analyser = new Analyser({
      store,
      events: new EventBus(),
      workers,
      auto: false,
      preferFfmpeg,
    });
    const baseRssMb = process.memoryUsage().rss / 1e6;
    let peakRssMb = baseRssMb;
    const sampler = setInterval(
      () => (peakRssMb = Math.max(peakRssMb, process.memoryUsage().rss / 1e6)),
      20,
    );
    const loop = monitorEventLoopDelay({ resolution: 5 });
    loop.enable();
    const t0 = performance.now();
    const summary = await analyser.start();
    const wallS = (performance.now() - t0) / 1000;
    loop.disable();
    clearInterval(sampler);
    await analyser.close();
    const decodedS = decodedSeconds(tracks);
    return {
      tracks: summary.done,
      ok: summary.ok,
      wallS,
      tracksPerS: summary.done / wallS,
      decodedSPerS: decodedS / wallS,
      baseRssMb,
      peakRssMb,
      loopMaxMs: loop.max / 1e6,
      loopP99Ms: loop.percentile(99) / 1e6,
      idleLoopMaxMs: idle.max,
      idleLoopP99Ms: idle.p99,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Agreement {
  path: string;
  durationS: number | null;
  excerpt: AnalyseResult;
  whole: AnalyseResult;
}

/** Analyses every track from its excerpts and whole, one job at a time (for per-job timings). */
export async function agreementRun(
  tracks: BenchTrack[],
  preferFfmpeg: boolean,
): Promise<Agreement[]> {
  // Two workers: WASM memory only grows, so whole-track jobs would inflate the excerpt jobs' figures.
  const make = (): WorkerPool<AnalyseJob, AnalyseResult> =>
    new WorkerPool<AnalyseJob, AnalyseResult>({
      file: workerFile('analysis-worker'),
      size: 1,
      timeoutMs: 300_000,
    });
  const excerpts = make();
  const wholes = make();
  const out: Agreement[] = [];
  try {
    for (const t of tracks) {
      const excerpt = await excerpts.run({ path: t.path, durationS: t.durationS, preferFfmpeg });
      const whole = await wholes.run({
        path: t.path,
        durationS: t.durationS,
        preferFfmpeg,
        extent: 'whole',
      });
      out.push({ path: t.path, durationS: t.durationS, excerpt, whole });
    }
  } finally {
    await excerpts.close();
    await wholes.close();
  }
  return out;
}

/**
 * Event-loop delay of this thread while another thread spins on a core for `ms`: the stalls that
 * CPU contention alone causes, with no analysis messages, writes or events on this thread.
 */
export async function contendedLoopDelay(ms: number): Promise<{ max: number; p99: number }> {
  const spinner = new Worker(`const end = Date.now() + ${ms}; while (Date.now() < end) {}`, {
    eval: true,
  });
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  await new Promise((r) => spinner.once('exit', r));
  h.disable();
  return { max: h.max / 1e6, p99: h.percentile(99) / 1e6 };
}

/** Thread CPU time (ms) of each excerpt job, one worker, one job at a time; null where unmeasurable. */
export async function cpuRun(
  tracks: BenchTrack[],
): Promise<{ path: string; decoder: string | null; cpuMs: number | null }[]> {
  const pool = new WorkerPool<AnalyseJob, AnalyseResult>({
    file: workerFile('analysis-worker'),
    size: 1,
    timeoutMs: 300_000,
  });
  const out: { path: string; decoder: string | null; cpuMs: number | null }[] = [];
  try {
    // One warm-up job: the first one compiles the decoders' and essentia's WebAssembly.
    if (tracks[0]) await pool.run({ path: tracks[0].path, durationS: tracks[0].durationS });
    for (const t of tracks) {
      const r = await pool.run({ path: t.path, durationS: t.durationS });
      out.push({ path: t.path, decoder: r.decoder, cpuMs: r.cpuMs });
    }
  } finally {
    await pool.close();
  }
  return out;
}
