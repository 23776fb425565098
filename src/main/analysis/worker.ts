/**
 * Worker entry 'analysis-worker': decodes one track's excerpts and extracts its features. A file
 * no decoder can read comes back 'unanalysable' with the reasons; other errors reject the job
 * (the analyser records them as 'failed'). Hangs and crashes are the pool's to handle.
 */
import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { serveJobs } from '../workers/serve';
import { decodeForAnalysis, UnanalysableError } from './decode/index';
import { findFfmpeg } from './decode/ffmpeg';
import { extractFeatures, SilentAudioError } from './features/index';
import type { AnalyseJob, AnalyseResult } from './job';

/** Nice value of analysis threads: 10 is "background" without starving them entirely. */
const BACKGROUND_NICE = 10;

/** USER_HZ of Linux's /proc times: 100 on every mainstream kernel build. */
const CLOCK_TICKS = 100;

const mb = (bytes: number): number => Math.round(bytes / 1e5) / 10;

/** This thread's user + system CPU time in ms, or null where /proc/thread-self does not exist. */
function threadCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    // Fields after the command name (which may contain spaces), utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

function memory(): { rssMb: number; heapMb: number } {
  const m = process.memoryUsage();
  return { rssMb: mb(m.rss), heapMb: mb(m.heapUsed + m.arrayBuffers + m.external) };
}

async function analyse(job: AnalyseJob): Promise<AnalyseResult> {
  const t0 = performance.now();
  const cpu0 = threadCpuMs();
  const cpuMs = (): number | null => {
    const cpu1 = threadCpuMs();
    return cpu0 === null || cpu1 === null ? null : cpu1 - cpu0;
  };
  try {
    const audio = await decodeForAnalysis(job.path, job.durationS, {
      ffmpeg: findFfmpeg(),
      extent: job.extent,
      preferFfmpeg: job.preferFfmpeg,
    });
    const t1 = performance.now();
    const audioS = audio.excerpts.reduce((s, x) => s + x.left.length, 0) / audio.sampleRate;
    const features = extractFeatures(audio);
    const t2 = performance.now();
    return {
      status: 'ok',
      error: null,
      decoder: audio.decoder,
      features,
      audioS,
      decodeMs: t1 - t0,
      featuresMs: t2 - t1,
      cpuMs: cpuMs(),
      ...memory(),
    };
  } catch (err) {
    if (!(err instanceof UnanalysableError || err instanceof SilentAudioError)) throw err;
    const t1 = performance.now();
    return {
      status: 'unanalysable',
      error: err.message,
      decoder: null,
      features: null,
      audioS: 0,
      decodeMs: t1 - t0,
      featuresMs: 0,
      cpuMs: cpuMs(),
      ...memory(),
    };
  }
}

// Analysis is background work: below normal priority, the main thread (events, playback control,
// the UI's requests) wins the CPU. On Linux a nice value belongs to the calling thread, so this
// lowers only this worker thread; elsewhere it would lower the whole process, so it is skipped.
if (process.platform === 'linux') {
  try {
    setPriority(BACKGROUND_NICE);
  } catch {
    // Not permitted (some containers): run at normal priority.
  }
}

serveJobs(analyse);
