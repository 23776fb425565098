#!/usr/bin/env node
/**
 * bench:load — a 100,000-track library and a week of listening (test/faults/load.ts): the library
 * list, search and Up Next before and after tens of thousands of events, and with --scan N a scan
 * of N files on disk. Bundles the worker entries (like the test setup) and the load run, runs it,
 * and prints a JSON report for docs/reliability.md.
 *
 *   npm run bench:load [-- --tracks 100000 --events 30000 --queries 100 --scan 100000]
 */
import { runFaultRun } from './lib/fault-run.js';

process.exitCode = await runFaultRun('load', process.argv.slice(2));
