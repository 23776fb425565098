/**
 * The renderer benchmark (npm run bench:ui), in the system Chromium against the browser host:
 *   1. a 10,000-track library: first contentful paint, first meaningful paint (first track rows
 *      drawn) and time to interactive (rows drawn and no long task for 1 s afterwards), from
 *      navigation start, median of `runs` fresh page loads;
 *   2. a 100,000-track library: scroll the track list through all rows (`frames` animation frames,
 *      a page and a half per frame) and count long tasks over 50 ms, with the frame-gap p95/max;
 *   3. the renderer's JS heap and DOM node count with the 100,000 tracks loaded (after a GC).
 * The tracks are rows written through the store's own write path (not scanned files: the
 * benchmark measures the UI, not the scanner).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createEngine, type Engine } from '../../../src/main/engine';
import { startHost, type RunningHost } from '../../../src/main/host/server';
import { trackFields } from '../../helpers/tracks';
import { buildRenderer, launchChromium } from '../support';
import { traceFrames, type FrameBreakdown } from './trace';

export interface UiBenchOptions {
  runs: number;
  frames: number;
  log: (line: string) => void;
}

export interface ScrollResult {
  frames: number;
  longTasks: number;
  longestTaskMs: number;
  gapP95Ms: number;
  gapMaxMs: number;
  rowsPassed: number;
  /** Main-thread time per frame (Chromium's own task accounting), ms. */
  scriptMsPerFrame?: number;
  layoutMsPerFrame?: number;
  taskMsPerFrame?: number;
}

export interface UiBenchResult {
  fcpMs: number[];
  fmpMs: number[];
  ttiMs: number[];
  scroll: ScrollResult;
  /** Steady scrolling: a page and a half per frame. */
  steady: ScrollResult;
  memory: { jsHeapMb: number; domNodes: number; tracks: number };
  /** A traced steady scroll (TRACED_FRAMES frames): main-thread self time per event, per frame. */
  trace: FrameBreakdown;
}

// Fewer frames than the measured scrolls: tracing slows the page, and 200 frames show the mix.
const TRACED_FRAMES = 200;

const WORDS =
  'amber blue cold dawn echo fall glass home iron june kite lake moon night ocean paper quiet river salt tide'.split(
    ' ',
  );
const GENRES = [
  'Rock',
  'Jazz',
  'Folk',
  'Electronic',
  'Classical',
  'Hip-Hop',
  'Pop',
  'Ambient',
  'Metal',
  'Soul',
];

/** Writes `count` tracks under a fake root, 5,000 per transaction. */
async function addLibrary(engine: Engine, from: number, count: number): Promise<void> {
  const root = await engine.store.roots.add('/bench/library');
  for (let start = from; start < from + count; start += 5000) {
    const batch = [];
    for (let i = start; i < Math.min(from + count, start + 5000); i++) {
      const artist = `Artist ${i % 4000}`;
      const album = `${WORDS[i % 20]} ${WORDS[(i >> 3) % 20]} ${i % 9000}`;
      batch.push({
        fields: trackFields(root.id, {
          path: `/bench/library/${artist}/${album}/${i}.mp3`,
          title: `${WORDS[(i * 7) % 20]} ${WORDS[(i * 13) % 20]} ${i}`,
          artist,
          album,
          albumArtist: artist,
          trackNo: (i % 12) + 1,
          year: 1960 + (i % 60),
          genres: [GENRES[i % GENRES.length] as string],
          durationS: 120 + (i % 300),
        }),
        lyrics: null,
      });
    }
    await engine.store.tracks.writeScanned(batch);
  }
}

// Runs in the page before its scripts: records paint, first track row and long tasks.
const INIT = `
  window.__bench = { longTasks: [], firstRow: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_m, obs) => {
    if (document.querySelector('[data-track-id]')) {
      window.__bench.firstRow = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)] as number) : NaN;
};
export { median };

async function loadTimes(
  page: Page,
  url: string,
): Promise<{ fcp: number; fmp: number; tti: number }> {
  await page.goto(url);
  await page.waitForSelector('[data-track-id]');
  // TTI: the first row is drawn and the main thread then stays free of long tasks for 1 s.
  await page.waitForTimeout(1500);
  const r = (await page.evaluate(`(() => {
    const b = window.__bench;
    const fcp = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
    let tti = b.firstRow;
    for (const t of b.longTasks) if (t.start + t.duration > tti && t.start < tti + 1000) tti = t.start + t.duration;
    return { fcp: fcp ? fcp.startTime : NaN, fmp: b.firstRow, tti };
  })()`)) as { fcp: number; fmp: number; tti: number };
  return r;
}

/**
 * Scrolls the track list for `frames` animation frames, `stepPx` pixels per frame (0: spread the
 * whole list over the frames, like dragging the scroll bar from top to bottom).
 */
async function scrollAll(page: Page, frames: number, stepPx = 0): Promise<ScrollResult> {
  return (await page.evaluate(`(async () => {
    const list = document.querySelector('.vlist.tracks');
    list.scrollTop = 0;
    await new Promise((r) => setTimeout(r, 500));
    const b = window.__bench;
    b.longTasks.length = 0;
    const gaps = [];
    const step = ${stepPx} || Math.max(1, (list.scrollHeight - list.clientHeight) / ${frames});
    let last = performance.now();
    for (let i = 0; i < ${frames}; i++) {
      list.scrollTop = Math.min(list.scrollHeight, (i + 1) * step);
      await new Promise((r) => requestAnimationFrame(r));
      const now = performance.now();
      gaps.push(now - last);
      last = now;
    }
    await new Promise((r) => setTimeout(r, 300));
    gaps.sort((a, b) => a - b);
    return {
      frames: ${frames},
      longTasks: b.longTasks.length,
      longestTaskMs: Math.max(0, ...b.longTasks.map((t) => t.duration)),
      gapP95Ms: gaps[Math.floor(gaps.length * 0.95)],
      gapMaxMs: gaps[gaps.length - 1],
      rowsPassed: Math.round(list.scrollTop / 32),
    };
  })()`)) as ScrollResult;
}

export async function runUiBench(opts: UiBenchOptions): Promise<UiBenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'encore-bench-ui-'));
  let engine: Engine | undefined;
  let host: RunningHost | undefined;
  const browser = await launchChromium(join(work, 'profile'));
  try {
    const rendererDir = await buildRenderer();
    engine = await createEngine({ dataDir: join(work, 'data'), workers: 1 });
    opts.log('writing 10,000 tracks…');
    await addLibrary(engine, 0, 10_000);
    host = await startHost({
      engine,
      rendererDir,
      info: { version: 'bench', platform: process.platform, osLanguage: 'en', musicFolder: null },
    });
    const fcpMs: number[] = [];
    const fmpMs: number[] = [];
    const ttiMs: number[] = [];
    for (let i = 0; i < opts.runs; i++) {
      const page = await browser.newPage();
      await page.addInitScript(INIT);
      const r = await loadTimes(page, host.url);
      fcpMs.push(r.fcp);
      fmpMs.push(r.fmp);
      ttiMs.push(r.tti);
      opts.log(
        `10k load ${i + 1}: FCP ${r.fcp.toFixed(0)} ms, rows ${r.fmp.toFixed(0)} ms, TTI ${r.tti.toFixed(0)} ms`,
      );
      await page.close();
    }
    opts.log('writing 90,000 more tracks…');
    await addLibrary(engine, 10_000, 90_000);
    const page = await browser.newPage();
    await page.addInitScript(INIT);
    await page.goto(host.url);
    await page.waitForSelector('[data-track-id]');
    await page.getByText('100000 songs').waitFor({ timeout: 120_000 });
    await page.waitForTimeout(1000);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    /** Main-thread milliseconds per frame spent in script, style + layout, and all tasks. */
    const perFrame = async (run: () => Promise<ScrollResult>): Promise<ScrollResult> => {
      const read = async (): Promise<Record<string, number>> =>
        Object.fromEntries(
          (await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]),
        );
      const a = await read();
      const r = await run();
      const b = await read();
      const d = (k: string): number => (((b[k] ?? 0) - (a[k] ?? 0)) * 1000) / r.frames;
      return {
        ...r,
        scriptMsPerFrame: d('ScriptDuration'),
        layoutMsPerFrame: d('LayoutDuration') + d('RecalcStyleDuration'),
        taskMsPerFrame: d('TaskDuration'),
      };
    };
    const scroll = await perFrame(() => scrollAll(page, opts.frames));
    opts.log(`100k scroll-bar drag: ${JSON.stringify(scroll)}`);
    // 1,000 px ≈ a page and a half of the 800 px window: a fast wheel or fling.
    const steady = await perFrame(() => scrollAll(page, opts.frames, 1000));
    opts.log(`100k steady scroll: ${JSON.stringify(steady)}`);
    const trace = await traceFrames(cdp, TRACED_FRAMES, () => scrollAll(page, TRACED_FRAMES, 1000));
    opts.log(`100k steady scroll, traced: ${JSON.stringify(trace.slice(0, 12))}`);
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string): number => metrics.find((m) => m.name === name)?.value ?? NaN;
    const memory = {
      jsHeapMb: metric('JSHeapUsedSize') / 2 ** 20,
      domNodes: metric('Nodes'),
      tracks: 100_000,
    };
    opts.log(`100k memory: ${JSON.stringify(memory)}`);
    return { fcpMs, fmpMs, ttiMs, scroll, steady, memory, trace };
  } finally {
    await browser.close();
    await host?.close();
    await engine?.close();
    rmSync(work, { recursive: true, force: true });
  }
}
