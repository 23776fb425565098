import { availableParallelism, loadavg } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * How much slower than idle this machine runs right now: the 1-minute load average per core
 * (at least 1). The per-test and per-hook time limits scale with it, so a run beside other
 * CPU-bound jobs gets the time the same work needs there, instead of failing on an idle-machine
 * deadline. Tests still wait for observed progress; the limit only catches a hang.
 */
const slowdown = Math.min(4, Math.max(1, loadavg()[0] / availableParallelism()));

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: Math.round(60_000 * slowdown),
    hookTimeout: Math.round(120_000 * slowdown),
    // Two cores: files in parallel would make worker-pool and timeout tests fight for CPU.
    fileParallelism: false,
  },
});
