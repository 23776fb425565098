/**
 * Worker entry: walks one folder (workerData.root, inside the real library roots workerData.roots)
 * and posts progress and the walk's chunks, then 'done'. It keeps at most `ahead` chunks that the
 * scan has not taken yet (workerData.taken counts the taken ones): a scan that reads slower than
 * the disk lists holds a few thousand walked files, not the whole library.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { walkSync } from './walk';

const port = parentPort;
if (!port) throw new Error('walk-worker must run in a worker thread');
const { root, roots, taken, ahead } = workerData as {
  root: string;
  roots: string[];
  taken: SharedArrayBuffer;
  ahead: number;
};
const takenCount = new Int32Array(taken);
let sent = 0;
const seen = walkSync(root, roots, {
  onChunk: (chunk) => {
    port.postMessage({ type: 'chunk', chunk });
    sent++;
    // Blocking here is free: this thread does nothing else. The scan notifies as it takes one.
    for (let t = Atomics.load(takenCount, 0); sent - t >= ahead; t = Atomics.load(takenCount, 0))
      Atomics.wait(takenCount, 0, t);
  },
  onProgress: (n, currentPath) => port.postMessage({ type: 'progress', seen: n, currentPath }),
});
port.postMessage({ type: 'done', seen });
