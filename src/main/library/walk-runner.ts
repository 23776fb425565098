/**
 * Runs a walk (walk.ts) in its own worker thread, so a slow disk or a network share never blocks
 * the main thread; cancellation terminates the worker.
 */
import { Worker } from 'node:worker_threads';
import { workerFile } from '../workers/worker-file';
import type { WalkResult } from './walk';

export interface WalkRunOptions {
  /** The real paths of all the library's roots: links that lead elsewhere are not followed. */
  realRoots: readonly string[];
  signal?: AbortSignal;
  onProgress?: (seen: number, currentPath: string) => void;
}

type WalkMessage =
  { type: 'progress'; seen: number; currentPath: string } | { type: 'done'; result: WalkResult };

/** Walks `root`; resolves with the result, or null when `signal` aborted it. */
export function walk(root: string, options: WalkRunOptions): Promise<WalkResult | null> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return resolve(null);
    const worker = new Worker(workerFile('walk-worker'), {
      workerData: { root, roots: options.realRoots },
      execArgv: process.execArgv.filter((arg) => !arg.startsWith('--input-type')),
    });
    const onAbort = (): void => {
      void worker.terminate();
      resolve(null);
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const settle = (): void => options.signal?.removeEventListener('abort', onAbort);
    worker.on('message', (m: WalkMessage) => {
      if (m.type === 'progress') options.onProgress?.(m.seen, m.currentPath);
      else {
        settle();
        resolve(m.result);
        void worker.terminate();
      }
    });
    worker.on('error', (err) => {
      settle();
      reject(new Error(`walking ${root} failed: ${err.message}`));
    });
    worker.on('exit', (code) => {
      settle();
      // After 'done' or an abort this settles nothing; otherwise the worker died without a result.
      reject(new Error(`walking ${root} stopped (worker exit code ${code})`));
    });
  });
}
