/** The scan counters (ScanCounts in shared/library.ts): zero, and summed over roots. */
import type { ScanCounts, ScanErrorEntry, TrackId } from '../../shared/library';

/** Every counter at zero; the compiler checks it names each one, and the sum below uses its keys. */
const ZERO: Readonly<ScanCounts> = {
  added: 0,
  updated: 0,
  moved: 0,
  removed: 0,
  unchanged: 0,
  errors: 0,
  markedMissing: 0,
};

export const zeroScanCounts = (): ScanCounts => ({ ...ZERO });

/** Adds each of `more`'s counters to `into`'s. */
export function addScanCounts(into: ScanCounts, more: ScanCounts): void {
  for (const key of Object.keys(ZERO) as (keyof ScanCounts)[]) into[key] += more[key];
}

/** Files the scan has seen on disk so far: each is counted once, in one of these. */
export const filesSeen = (c: ScanCounts): number =>
  c.unchanged + c.added + c.updated + c.moved + c.errors;

/** One root's scan: the counters, plus what the library needs to report and announce. */
export interface RootScanCounts extends ScanCounts {
  unavailable: boolean;
  /** Folders below the root that could not be listed, and links that lead out of the library. */
  unreadableFolders: ScanErrorEntry[];
  cancelled: boolean;
  /** `available`: tracks that went missing or came back, their files unchanged. */
  changed: { added: TrackId[]; updated: TrackId[]; removed: TrackId[]; available: TrackId[] };
}
