/**
 * A pool of worker threads running one entry file, one job per worker at a time, with a per-job
 * timeout. A job that times out or whose worker dies gets a rejected promise; its worker is
 * terminated and replaced, and the pool goes on with the next job. Used by the scanner (tag
 * parsing), the analyser (decode + features) and the embedder.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { JobReply, JobRequest } from './protocol';

export interface PoolOptions {
  /** Built worker file (see workerFile). */
  file: string;
  /** Number of worker threads, at least 1. */
  size: number;
  /** Milliseconds one job may take before its worker is killed. */
  timeoutMs: number;
  /** Heap limits per worker, so one runaway file cannot take the process down. */
  resourceLimits?: ResourceLimits;
  /** Passed to every worker as workerData. */
  workerData?: unknown;
}

/** Why a job failed when it was the worker, not the job's own code, that failed. */
export class WorkerJobError extends Error {
  constructor(
    message: string,
    /** timeout/crash: this job's worker failed (maybe the input's fault); broken: workers
     * cannot run at all (a build or install problem), so no input is to blame; closed: shut down. */
    readonly kind: 'timeout' | 'crash' | 'closed' | 'broken',
  ) {
    super(message);
  }
}

interface Pending<Out> {
  jobId: number;
  input: unknown;
  transfer: ArrayBuffer[];
  timeoutMs: number;
  resolve: (out: Out) => void;
  reject: (err: Error) => void;
}

interface Slot<Out> {
  worker: Worker;
  job?: Pending<Out>;
  timer?: NodeJS.Timeout;
}

/** Worker deaths in a row, with no job finished between them, before the pool gives up. */
const MAX_CRASHES_IN_A_ROW = 8;

export class WorkerPool<In, Out> {
  private readonly slots: Slot<Out>[] = [];
  private readonly waiting: Pending<Out>[] = [];
  private nextJobId = 1;
  private closed = false;
  /** Worker deaths since the last job that completed; too many means the workers cannot run. */
  private crashesInARow = 0;
  private broken: WorkerJobError | null = null;

  constructor(private readonly options: PoolOptions) {
    const size = Math.max(1, Math.floor(options.size));
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  get size(): number {
    return this.slots.length;
  }

  /** Jobs queued or running. */
  get load(): number {
    return this.waiting.length + this.slots.filter((s) => s.job).length;
  }

  /** Runs one job; `timeoutMs` overrides the pool's default for this job. */
  run(input: In, opts: { transfer?: ArrayBuffer[]; timeoutMs?: number } = {}): Promise<Out> {
    if (this.closed) return Promise.reject(new WorkerJobError('worker pool is closed', 'closed'));
    if (this.broken) return Promise.reject(this.broken);
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({
        jobId: this.nextJobId++,
        input,
        transfer: opts.transfer ?? [],
        timeoutMs: opts.timeoutMs ?? this.options.timeoutMs,
        resolve,
        reject,
      });
      this.dispatch();
    });
  }

  /** Terminates every worker; queued and running jobs are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.waiting.splice(0))
      job.reject(new WorkerJobError('worker pool closed', 'closed'));
    await Promise.all(
      this.slots.map(async (slot) => {
        if (slot.timer) clearTimeout(slot.timer);
        slot.job?.reject(new WorkerJobError('worker pool closed', 'closed'));
        slot.job = undefined;
        await slot.worker.terminate();
      }),
    );
  }

  private spawn(): Slot<Out> {
    const worker = new Worker(this.options.file, {
      workerData: this.options.workerData,
      resourceLimits: this.options.resourceLimits,
      // A parent started with `--input-type` (node -e) would make every worker fail to start.
      execArgv: process.execArgv.filter((arg) => !arg.startsWith('--input-type')),
    });
    const slot: Slot<Out> = { worker };
    worker.on('message', (reply: JobReply<Out>) => this.settle(slot, reply));
    worker.on('error', (err) =>
      this.fail(slot, new WorkerJobError(`worker crashed: ${err.message}`, 'crash')),
    );
    worker.on('exit', (code) => {
      if (!this.closed)
        this.fail(slot, new WorkerJobError(`worker exited with code ${code}`, 'crash'));
    });
    // An idle worker must not keep the process (a CLI run) alive.
    worker.unref();
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.job || this.waiting.length === 0) continue;
      const job = this.waiting.shift() as Pending<Out>;
      slot.job = job;
      slot.worker.ref();
      slot.timer = setTimeout(
        () => this.fail(slot, new WorkerJobError(`timed out after ${job.timeoutMs} ms`, 'timeout')),
        job.timeoutMs,
      );
      const request: JobRequest<unknown> = { jobId: job.jobId, input: job.input };
      slot.worker.postMessage(request, job.transfer);
    }
  }

  private settle(slot: Slot<Out>, reply: JobReply<Out>): void {
    const job = slot.job;
    if (!job || job.jobId !== reply.jobId) return;
    this.release(slot);
    this.crashesInARow = 0;
    if (reply.ok) job.resolve(reply.output);
    else job.reject(new Error(reply.error));
    this.dispatch();
  }

  /**
   * The worker timed out or died (busy or idle): reject its job, replace the worker, go on —
   * unless workers keep dying without finishing anything, in which case the pool is broken and
   * says why, rather than blaming every input in turn.
   */
  private fail(slot: Slot<Out>, err: WorkerJobError): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return; // already replaced
    const job = slot.job;
    this.release(slot);
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => undefined);
    void slot.worker.terminate();
    if (err.kind === 'crash') this.crashesInARow++;
    if (this.crashesInARow >= MAX_CRASHES_IN_A_ROW && !this.broken) {
      this.broken = new WorkerJobError(`workers cannot run (${err.message})`, 'broken');
    }
    if (this.broken) {
      this.slots.splice(index, 1);
      job?.reject(this.broken);
      for (const waiting of this.waiting.splice(0)) waiting.reject(this.broken);
      return;
    }
    if (!this.closed) this.slots[index] = this.spawn();
    job?.reject(err);
    this.dispatch();
  }

  private release(slot: Slot<Out>): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    slot.worker.unref();
  }
}
