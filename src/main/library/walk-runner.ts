/**
 * Runs a walk (walk.ts) in its own worker thread, so a slow disk or a network share never blocks
 * the main thread, and hands its chunks on as the scan takes them: the worker stays at most
 * CHUNKS_AHEAD chunks ahead, so a 100,000-file library is never held (or cloned) at once.
 * Cancellation terminates the worker.
 */
import { Worker } from 'node:worker_threads';
import { workerFile } from '../workers/worker-file';
import type { WalkChunk } from './walk';

export interface WalkRunOptions {
  /** The real paths of all the library's roots: links that lead elsewhere are not followed. */
  realRoots: readonly string[];
  signal?: AbortSignal;
  onProgress?: (seen: number, currentPath: string) => void;
}

type WalkMessage =
  | { type: 'progress'; seen: number; currentPath: string }
  | { type: 'chunk'; chunk: WalkChunk }
  | { type: 'done'; seen: number };

/** Chunks the walker may list before the scan takes them (each about CHUNK_FILES files). */
const CHUNKS_AHEAD = 4;

/**
 * Walks `root`, yielding its chunks in walk order. Ends early (without an error) when `signal`
 * aborts, so the caller checks the signal to know the walk is incomplete; throws when the walker
 * fails.
 */
export async function* walk(root: string, options: WalkRunOptions): AsyncGenerator<WalkChunk> {
  if (options.signal?.aborted) return;
  const taken = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(workerFile('walk-worker'), {
    workerData: { root, roots: options.realRoots, taken: taken.buffer, ahead: CHUNKS_AHEAD },
    execArgv: process.execArgv.filter((arg) => !arg.startsWith('--input-type')),
  });
  const queue: WalkChunk[] = [];
  let ended = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const settle = (): void => {
    wake?.();
    wake = null;
  };
  const finish = (err: Error | null): void => {
    if (ended) return;
    ended = true;
    failure = err;
    settle();
  };
  const onAbort = (): void => finish(null);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  worker.on('message', (m: WalkMessage) => {
    if (m.type === 'progress') options.onProgress?.(m.seen, m.currentPath);
    else if (m.type === 'chunk') queue.push(m.chunk);
    else finish(null);
    settle();
  });
  worker.on('error', (err) => finish(new Error(`walking ${root} failed: ${err.message}`)));
  // After 'done' or an abort this changes nothing; otherwise the worker died without a result.
  worker.on('exit', (code) =>
    finish(new Error(`walking ${root} stopped (worker exit code ${code})`)),
  );
  try {
    for (;;) {
      if (options.signal?.aborted) return;
      const chunk = queue.shift();
      if (chunk) {
        Atomics.add(taken, 0, 1);
        Atomics.notify(taken, 0);
        yield chunk;
      } else if (ended) {
        if (failure) throw failure;
        return;
      } else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    // A worker waiting for the scan to take a chunk is released before it is stopped.
    Atomics.store(taken, 0, 1 << 30);
    Atomics.notify(taken, 0);
    void worker.terminate();
  }
}
