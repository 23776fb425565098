/**
 * The scan plan: pure decisions, no disk and no store. Given the files the store knows under the
 * scanned folder and the walk's files as they arrive, it says which files are unchanged (and
 * which of those come back from missing), which to read (new, or changed in size or mtime), which
 * new file is a known one moved or renamed (same content fingerprint), and at the end of the walk
 * which known files vanished: hidden (below an unreadable folder or a link out: kept as missing)
 * or gone (removed, unless a new file turned out to be them moved).
 *
 * A new file can be read before the walk ends: only when its fingerprint is that of a known file
 * the walk has not reached yet does its fate wait for the end of the walk (placeNew says 'wait').
 */
import { sep } from 'node:path';
import type { KnownFile } from '../store/tracks';
import type { TrackId } from '../../shared/library';
import type { WalkedFile } from './walk';

/** A file to read: new (knownId null) or changed since it was last read. */
export interface ReadTask {
  file: WalkedFile;
  knownId: TrackId | null;
  /** The known row is an unreadable-file record (so a failure to open it replaces nothing good). */
  hadError: boolean;
}

/** How one chunk of walked files sorts out. */
export interface ChunkPlan {
  read: ReadTask[];
  unchanged: number;
  /** Unchanged files whose tracks were missing: they are back. */
  back: TrackId[];
}

/** Where a new file's reading goes. */
export type NewFilePlace =
  | { kind: 'added' }
  | { kind: 'moved'; from: TrackId }
  /** A known file with the same fingerprint is not walked yet: ask again when the walk ends. */
  | { kind: 'wait' };

/** True when `path` is `folder` or lies below it. */
export const isInside = (path: string, folder: string): boolean =>
  path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

export class ScanPlan {
  /** Known files by path that the walk has not listed (yet). */
  private readonly unseen: Map<string, KnownFile>;
  /** Known files that a moved file can be recognised as, by fingerprint. */
  private readonly bySound = new Map<string, KnownFile[]>();
  /** Set when the walk ends: the vanished files that are hidden, not gone. */
  private hidden: Set<TrackId> | null = null;
  private readonly movedIds = new Set<TrackId>();

  /** `known`: the store's files under the scanned folder. */
  constructor(known: readonly KnownFile[]) {
    this.unseen = new Map(known.map((k) => [k.path, k]));
    for (const k of known) {
      // An unreadable-file record has no real fingerprint to recognise.
      if (!k.fingerprint || k.hasError) continue;
      const same = this.bySound.get(k.fingerprint);
      if (same) same.push(k);
      else this.bySound.set(k.fingerprint, [k]);
    }
  }

  /** Sorts a chunk of walked files; files listed twice (never, from one walk) count once. */
  take(files: readonly WalkedFile[]): ChunkPlan {
    const plan: ChunkPlan = { read: [], unchanged: 0, back: [] };
    for (const file of files) {
      const k = this.unseen.get(file.path);
      if (k) this.unseen.delete(file.path);
      if (k && k.size === file.size && k.mtimeMs === file.mtimeMs) {
        plan.unchanged++;
        if (k.missing) plan.back.push(k.id);
      } else plan.read.push({ file, knownId: k?.id ?? null, hadError: k?.hasError ?? false });
    }
    return plan;
  }

  /**
   * The walk ended (completely): `blocked` are the folders (and links out) whose files could not
   * be seen. Returns the vanished tracks below them, which are kept as missing, not removed.
   */
  endWalk(blocked: readonly { path: string }[]): KnownFile[] {
    const hidden = [...this.unseen.values()].filter((k) =>
      blocked.some((b) => isInside(k.path, b.path)),
    );
    this.hidden = new Set(hidden.map((k) => k.id));
    return hidden;
  }

  /** Where a new file read with `fingerprint` goes: a known file moved, or a new track. */
  placeNew(fingerprint: string): NewFilePlace {
    const candidates = (this.bySound.get(fingerprint) ?? []).filter(
      (k) => this.unseen.has(k.path) && !this.movedIds.has(k.id) && !this.hidden?.has(k.id),
    );
    if (candidates.length === 0) return { kind: 'added' };
    if (this.hidden === null) return { kind: 'wait' };
    const from = candidates[0].id;
    this.movedIds.add(from);
    return { kind: 'moved', from };
  }

  /** After the walk and every placement: the known tracks whose files are gone for good. */
  removed(): TrackId[] {
    if (this.hidden === null) throw new Error('the walk has not ended');
    return [...this.unseen.values()]
      .filter((k) => !this.hidden?.has(k.id) && !this.movedIds.has(k.id))
      .map((k) => k.id);
  }
}
