/** Worker entry: walks one folder (workerData.root) and posts progress, then the result. */
import { parentPort, workerData } from 'node:worker_threads';
import { walkSync } from './walk';

const port = parentPort;
if (!port) throw new Error('walk-worker must run in a worker thread');
const result = walkSync((workerData as { root: string }).root, {
  onProgress: (seen, currentPath) => port.postMessage({ type: 'progress', seen, currentPath }),
});
port.postMessage({ type: 'done', result });
