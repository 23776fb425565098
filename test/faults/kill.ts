/**
 * The SIGKILL campaign shared by the fault test (a few seeded kills) and the soak script (many):
 * a child engine scans, analyses, embeds or records feedback on one data dir and is killed at a
 * random moment; after every kill the database is reopened and checked (integrity, every
 * acknowledged feedback event present), and at the end a scan runs to completion.
 */
import { utimesSync } from 'node:fs';
import { Store } from '../../src/main/store/index';
import { prng } from './mutate';
import { runChild } from './child';

export type Phase = 'scan' | 'analyse' | 'embed' | 'feedback';

export interface KillPlan {
  dataDir: string;
  root: string;
  /** Files under root: touched before each scan phase, so that scan has them all to re-read. */
  files: string[];
  /** Local model folder for the embed phase. */
  modelDir: string;
  seed: number;
  kills: number;
  /** Longest random delay after "ready" before the kill, per phase (ms). */
  windowMs?: Partial<Record<Phase, number>>;
  onKill?: (k: KillRecord) => void;
}

export interface KillRecord {
  iteration: number;
  phase: Phase;
  delayMs: number;
  /** True when the child was still working when the signal arrived. */
  killedMidWork: boolean;
  integrity: string;
  acked: number;
  lost: number[];
}

const DEFAULT_WINDOW: Record<Phase, number> = {
  scan: 1200,
  analyse: 3000,
  embed: 800,
  feedback: 600,
};
/**
 * What the child must have done before the random delay starts. Analysis first decodes a whole
 * file and feedback first loads the taste model, either of which can take longer than any fixed
 * window on a loaded machine: waiting for the first committed row (or acknowledged event) means
 * every kill lands with work on disk to check, however slow the machine.
 */
const STARTED: Record<Phase, RegExp> = {
  scan: /^ready$/,
  analyse: /^(analysed |summary )/,
  embed: /^ready$/,
  feedback: /^ack /,
};
const PHASES: Phase[] = ['scan', 'feedback', 'analyse', 'embed'];

/** Runs the campaign; returns one record per kill (every record must show integrity 'ok'). */
export async function killCampaign(plan: KillPlan): Promise<KillRecord[]> {
  const rand = prng(plan.seed);
  const windows = { ...DEFAULT_WINDOW, ...plan.windowMs };
  const acked = new Set<number>();
  const records: KillRecord[] = [];
  for (let i = 0; i < plan.kills; i++) {
    // The first round visits the phases in order, so feedback has tracks and analysis has work.
    const phase = i < PHASES.length ? PHASES[i] : PHASES[Math.floor(rand() * PHASES.length)];
    const delayMs = Math.floor(rand() * windows[phase]);
    if (phase === 'scan') {
      const at = new Date(Date.now() + (i + 1) * 1000);
      for (const f of plan.files) utimesSync(f, at, at);
    }
    const args =
      phase === 'scan'
        ? ['scan', plan.dataDir, plan.root]
        : phase === 'embed'
          ? ['embed', plan.dataDir, plan.modelDir]
          : [phase, plan.dataDir];
    const run = await runChild(args);
    await run.waitFor(STARTED[phase]);
    // The kill moment itself is random (seeded): this delay is the experiment, not a wait.
    await new Promise((r) => setTimeout(r, delayMs));
    const finished = run.lines.some((l) => /^(summary|embedded) /.test(l));
    run.child.kill('SIGKILL');
    const { signal, code } = await run.exited;
    if (signal !== 'SIGKILL' && code !== 0)
      throw new Error(`child failed on its own (${code}): ${run.stderr().slice(-2000)}`);
    // Only lines printed before the kill count: the pipe is drained once the child is gone.
    for (const line of run.lines) if (line.startsWith('ack ')) acked.add(Number(line.slice(4)));

    const store = await Store.open(plan.dataDir);
    try {
      const integrity = await store.integrityCheck();
      const stored = new Set((await store.feedback.since(0)).map((e) => e.id));
      const record: KillRecord = {
        iteration: i,
        phase,
        delayMs,
        killedMidWork: !finished,
        integrity,
        acked: acked.size,
        lost: [...acked].filter((id) => !stored.has(id)),
      };
      records.push(record);
      plan.onKill?.(record);
    } finally {
      await store.close();
    }
  }
  return records;
}

/** Runs a child to its natural end and returns its last "summary" line, parsed. */
export async function runToEnd<T>(args: string[]): Promise<T> {
  const run = await runChild(args);
  const line = await run.waitFor(/^(summary|embedded) /);
  const { code } = await run.exited;
  if (code !== 0) throw new Error(`child exited with ${code}: ${run.stderr().slice(-2000)}`);
  return JSON.parse(line.slice(line.indexOf(' ') + 1)) as T;
}
