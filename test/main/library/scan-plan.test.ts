/**
 * The scan plan without a disk: known files and walked files made up here, decisions checked —
 * unchanged, back from missing, new, changed, moved (renamed, or found before/after the walk
 * reaches where it was), hidden below an unreadable folder, removed.
 */
import { describe, expect, it } from 'vitest';
import { ScanPlan } from '../../../src/main/library/scan-plan';
import type { KnownFile } from '../../../src/main/store/tracks';
import type { WalkedFile } from '../../../src/main/library/walk';

const known = (id: number, path: string, more: Partial<KnownFile> = {}): KnownFile => ({
  id,
  path,
  size: 1000 + id,
  mtimeMs: 5000 + id,
  fingerprint: `fp${id}`,
  missing: false,
  hasError: false,
  ...more,
});
/** The walked file for a known one, as it is on disk when nothing changed. */
const same = (k: KnownFile): WalkedFile => ({
  path: k.path,
  size: k.size,
  mtimeMs: k.mtimeMs,
  hasSidecar: false,
});
const file = (path: string, size = 1, mtimeMs = 1): WalkedFile => ({
  path,
  size,
  mtimeMs,
  hasSidecar: false,
});

describe('scan plan', () => {
  it('reads nothing for unchanged files and brings back the missing ones among them', () => {
    const a = known(1, '/m/a.mp3');
    const b = known(2, '/m/b.mp3', { missing: true });
    const plan = new ScanPlan([a, b]);
    expect(plan.take([same(a), same(b)])).toEqual({ read: [], unchanged: 2, back: [2] });
    expect(plan.endWalk([])).toEqual([]);
    expect(plan.removed()).toEqual([]);
  });

  it('reads new files and files whose size or mtime changed, saying which row they replace', () => {
    const a = known(1, '/m/a.mp3');
    const b = known(2, '/m/b.mp3', { hasError: true });
    const plan = new ScanPlan([a, b]);
    const step = plan.take([
      { ...same(a), mtimeMs: a.mtimeMs + 1 },
      { ...same(b), size: b.size + 1 },
      file('/m/new.mp3'),
    ]);
    expect(step.unchanged).toBe(0);
    expect(step.read.map((t) => [t.file.path, t.knownId, t.hadError])).toEqual([
      ['/m/a.mp3', 1, false],
      ['/m/b.mp3', 2, true],
      ['/m/new.mp3', null, false],
    ]);
  });

  it('recognises a renamed file by its fingerprint once the walk shows its old path is gone', () => {
    const a = known(1, '/m/old name.mp3');
    const plan = new ScanPlan([a]);
    expect(plan.take([file('/m/new name.mp3')]).read).toHaveLength(1);
    // The old path may still come later in the walk: the new file's fate waits.
    expect(plan.placeNew('fp1')).toEqual({ kind: 'wait' });
    expect(plan.endWalk([])).toEqual([]);
    expect(plan.placeNew('fp1')).toEqual({ kind: 'moved', from: 1 });
    // One known file is one move: a second copy of the same sound is a new track.
    expect(plan.placeNew('fp1')).toEqual({ kind: 'added' });
    expect(plan.removed()).toEqual([]);
  });

  it('takes a file with a known fingerprint as a copy when the original is still there', () => {
    const a = known(1, '/m/a.mp3');
    const plan = new ScanPlan([a]);
    plan.take([same(a), file('/m/copy of a.mp3')]);
    expect(plan.placeNew('fp1')).toEqual({ kind: 'added' });
    expect(plan.placeNew('unknown sound')).toEqual({ kind: 'added' });
  });

  it('keeps vanished files below an unreadable folder as hidden, removes the others', () => {
    const kept = known(1, '/m/locked/a.mp3');
    const alreadyMissing = known(2, '/m/locked/b.mp3', { missing: true });
    const deleted = known(3, '/m/gone.mp3');
    const lookalike = known(4, '/m/locked-not/c.mp3');
    const plan = new ScanPlan([kept, alreadyMissing, deleted, lookalike]);
    plan.take([]);
    const hidden = plan.endWalk([{ path: '/m/locked' }]);
    expect(hidden.map((k) => k.id)).toEqual([1, 2]);
    // A hidden file is not a move source: its new-looking twin elsewhere is a new track.
    expect(plan.placeNew('fp1')).toEqual({ kind: 'added' });
    expect(plan.removed().sort()).toEqual([3, 4]);
  });

  it('never takes an unreadable-file record (no real fingerprint) as the source of a move', () => {
    const broken = known(1, '/m/broken.mp3', { hasError: true });
    const noPrint = known(2, '/m/old.mp3', { fingerprint: null });
    const plan = new ScanPlan([broken, noPrint]);
    plan.take([file('/m/renamed.mp3')]);
    plan.endWalk([]);
    expect(plan.placeNew('fp1')).toEqual({ kind: 'added' });
    expect(plan.removed().sort()).toEqual([1, 2]);
  });

  it('says nothing is removed before the walk has ended', () => {
    const plan = new ScanPlan([known(1, '/m/a.mp3')]);
    expect(() => plan.removed()).toThrow(/walk has not ended/);
  });
});
