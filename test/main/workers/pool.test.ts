import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkerPool, WorkerJobError } from '../../../src/main/workers/pool';
import { tempDir } from '../../helpers/temp';

// A worker written for this test: echoes, throws, hangs or exits on request.
const source = `
import { parentPort } from 'node:worker_threads';
parentPort.on('message', ({ jobId, input }) => {
  if (input === 'hang') { for (;;) {} }
  if (input === 'exit') process.exit(3);
  if (input === 'throw') return parentPort.postMessage({ jobId, ok: false, error: 'bad input' });
  parentPort.postMessage({ jobId, ok: true, output: input + '!' });
});`;

describe('WorkerPool', () => {
  const file = join(tempDir(), 'echo-worker.mjs');
  writeFileSync(file, source);

  it('runs jobs, and survives a hanging job, a crashing worker and a failing job', async () => {
    const pool = new WorkerPool<string, string>({ file, size: 2, timeoutMs: 500 });
    const results = await Promise.allSettled(
      ['a', 'hang', 'b', 'exit', 'throw', 'c'].map((x) => pool.run(x)),
    );
    expect(
      results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
    ).toEqual([
      'a!',
      'timed out after 500 ms',
      'b!',
      'worker exited with code 3',
      'bad input',
      'c!',
    ]);
    const hang = results[1] as PromiseRejectedResult;
    expect(hang.reason).toBeInstanceOf(WorkerJobError);
    expect(await pool.run('after')).toBe('after!');
    await pool.close();
    await expect(pool.run('x')).rejects.toThrow(/closed/);
  });

  it('gives up with one clear error, blaming no input, when workers cannot even start', async () => {
    const broken = join(tempDir(), 'broken-worker.mjs');
    writeFileSync(broken, "throw new Error('missing dependency');");
    const pool = new WorkerPool<string, string>({ file: broken, size: 2, timeoutMs: 5000 });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => pool.run(`job ${i}`)),
    );
    const reasons = results.map((r) =>
      r.status === 'rejected' ? (r.reason as WorkerJobError) : null,
    );
    expect(reasons.every((r) => r !== null)).toBe(true);
    expect(reasons.at(-1)?.kind).toBe('broken');
    expect(reasons.at(-1)?.message).toMatch(/workers cannot run.*missing dependency/);
    await expect(pool.run('later')).rejects.toThrow(/workers cannot run/);
    await pool.close();
  });
});
