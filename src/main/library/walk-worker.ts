/**
 * Worker entry: walks one folder (workerData.root, inside the real library roots workerData.roots)
 * and posts progress, then the result.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { walkSync } from './walk';

const port = parentPort;
if (!port) throw new Error('walk-worker must run in a worker thread');
const { root, roots } = workerData as { root: string; roots: string[] };
const result = walkSync(root, roots, {
  onProgress: (seen, currentPath) => port.postMessage({ type: 'progress', seen, currentPath }),
});
port.postMessage({ type: 'done', result });
