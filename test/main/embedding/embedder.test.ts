/** The embed worker exits when idle, so its model does not stay in memory, and comes back. */
import { describe, expect, it } from 'vitest';
import { Embedder } from '../../../src/main/embedding/embedder';
import { TINY_SPEC } from './helpers';

const spec = TINY_SPEC;

describe('embedder', () => {
  it('lets its worker exit once idle and starts it again for the next text', async () => {
    // A short idle time: the test waits for the worker to be gone, not for a time.
    const embedder = new Embedder(20);
    try {
      const first = embedder.embed(spec, ['rain at night'], 'query', false);
      expect(embedder.loaded).toBe(true);
      const a = await first;
      await expect.poll(() => embedder.loaded, { timeout: 30_000 }).toBe(false);
      const b = await embedder.embed(spec, ['rain at night'], 'query', false);
      expect(b.dim).toBe(48);
      expect(Array.from(b.data)).toEqual(Array.from(a.data));
      await expect.poll(() => embedder.loaded, { timeout: 30_000 }).toBe(false);
    } finally {
      await embedder.close();
    }
  });

  it('keeps the worker while jobs follow each other within the idle time', async () => {
    const embedder = new Embedder(60_000);
    try {
      for (const text of ['rain', 'sun', 'night']) {
        await embedder.embed(spec, [text], 'passage', false);
        expect(embedder.loaded).toBe(true);
      }
    } finally {
      await embedder.close();
    }
    expect(embedder.loaded).toBe(false);
  });
});
