/**
 * `encore tracks --errors`: the files the scan could not read and the tracks analysis could not
 * read, together, grouped by reason in words (src/shared/error-sentences.ts). The raw messages
 * stay in the JSON for scripts and bug reports.
 */
import type { Engine } from '../engine';
import { explainError, type ProblemReason } from '../../shared/error-sentences';

export interface Problem {
  path: string;
  /** Which stage met it: reading tags (scan) or measuring the sound (analysis). */
  stage: 'scan' | 'analysis';
  reason: ProblemReason;
  sentence: string;
  /** The engine's own message. */
  error: string;
}

export interface ProblemGroup {
  reason: ProblemReason;
  sentence: string;
  problems: Problem[];
}

/** Scan and analysis problems (up to `limit` of each), grouped by reason, largest group first. */
export async function libraryProblems(engine: Engine, limit: number): Promise<ProblemGroup[]> {
  const scan = await engine.store.tracks.errors(limit);
  const analysis = await engine.store.features.errors(limit);
  const all: Problem[] = [
    ...scan.map((e) => ({ path: e.path, stage: 'scan' as const, error: e.error })),
    ...analysis.map((e) => ({ path: e.path, stage: 'analysis' as const, error: e.error })),
  ].map((p) => {
    const { reason, sentence } = explainError(p.error);
    return { ...p, reason, sentence };
  });
  const groups = new Map<string, ProblemGroup>();
  for (const p of all) {
    const group = groups.get(p.sentence) ?? {
      reason: p.reason,
      sentence: p.sentence,
      problems: [],
    };
    group.problems.push(p);
    groups.set(p.sentence, group);
  }
  return [...groups.values()].sort((a, b) => b.problems.length - a.problems.length);
}
