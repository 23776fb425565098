#!/usr/bin/env node
/**
 * soak — the long fault runs (a mutation corpus of the benchmark library's real recordings, and
 * many SIGKILLs) that are too heavy for `npm test`. Bundles the worker entries (like the test
 * setup) and test/faults/soak.ts, runs it, and prints its JSON report for docs/reliability.md.
 *
 *   npm run soak [-- --kills 100 --seed 7 --analyse 150 --real /tmp/encore-bench/real]
 */
import { runFaultRun } from './lib/fault-run.js';

process.exitCode = await runFaultRun('soak', process.argv.slice(2));
