/** The messages between the analyser and its worker threads. */
import type { AnalysisStatus } from '../../shared/analysis';
import type { MeasuredFeatures } from './features/index';

export interface AnalyseJob {
  path: string;
  /** Track length from its tags, seconds; null when unknown. */
  durationS: number | null;
  /** 'excerpts' (default) or 'whole' (benchmark reference). */
  extent?: 'excerpts' | 'whole';
  /** Try ffmpeg before the WASM decoders. */
  preferFfmpeg?: boolean;
}

export interface AnalyseResult {
  status: AnalysisStatus;
  error: string | null;
  decoder: string | null;
  features: MeasuredFeatures | null;
  /** Seconds of audio analysed. */
  audioS: number;
  decodeMs: number;
  featuresMs: number;
  /**
   * CPU time this worker thread spent on the job, ms (Linux, from /proc/thread-self; null
   * elsewhere). Unlike wall time it does not grow when other processes load the machine. An
   * ffmpeg child's CPU is not included.
   */
  cpuMs: number | null;
  /** The worker process's resident set after the job, MB (shared by all threads of the process). */
  rssMb: number;
  /** The worker thread's V8 heap plus its WebAssembly/array-buffer memory after the job, MB. */
  heapMb: number;
}
