/**
 * The worker side of a WorkerPool: call once at the top of a worker entry with the function that
 * does one job. Errors become failed replies; the worker stays up for the next job.
 */
import { parentPort } from 'node:worker_threads';
import type { JobReply, JobRequest } from './protocol';

export function serveJobs<In, Out>(
  handle: (input: In) => Promise<Out> | Out,
  transferOf?: (output: Out) => ArrayBuffer[],
): void {
  const port = parentPort;
  if (!port) throw new Error('serveJobs must run inside a worker thread');
  port.on('message', async (req: JobRequest<In>) => {
    let reply: JobReply<Out>;
    let transfer: ArrayBuffer[] = [];
    try {
      const output = await handle(req.input);
      reply = { jobId: req.jobId, ok: true, output };
      transfer = transferOf ? transferOf(output) : [];
    } catch (err) {
      reply = {
        jobId: req.jobId,
        ok: false,
        error: err instanceof Error ? err.message : String(err),
      };
    }
    port.postMessage(reply, transfer);
  });
}
