/**
 * Each catalog row's sum of named-feature taste weights (artist, album, genre, decade, mood
 * buckets; stored weights, before the model's global scale), kept up to date from the buckets the
 * model reports as changed: an event touches a handful of buckets, so only the rows sharing them
 * are summed again (a genre or decade is shared by thousands of rows, the catalog has 100,000).
 * Rows with the same list of buckets (the tracks of one album, mostly) have the same sum: it is
 * worked out once per list and copied to its rows. Each list is summed in its order, as a
 * from-scratch pass sums a row, so the sums are bit-identical to it.
 */
import { TASTE_BUCKETS, type Catalog } from './catalog';
import type { TasteModel } from './taste-model';

/** Rows grouped by their bucket list, and the lists of each bucket (built on first use). */
interface BucketLists {
  /** Rows of list g: rows[rowsAt[g] … rowsAt[g+1]); its first row stands for all of them. */
  rowsAt: Int32Array;
  rows: Int32Array;
  /** Lists holding bucket b: lists[listsAt[b] … listsAt[b+1]). */
  listsAt: Int32Array;
  lists: Int32Array;
}

export class TasteSums {
  private readonly sums: Float64Array;
  private model: TasteModel | null = null;
  private epoch = -1;
  /** How much of the model's change list is folded in. */
  private read = 0;
  private lists: BucketLists | null = null;
  /** Lists summed in the current update (stamp = update number), so each is summed once. */
  private stamp = new Int32Array(0);
  private pass = 0;

  constructor(readonly catalog: Catalog) {
    this.sums = new Float64Array(catalog.size);
  }

  /** Sums every row for `model` and builds the bucket lists the updates read. */
  prepare(model: TasteModel): void {
    this.lists ??= this.buildLists();
    this.update(model);
  }

  /** The sums for `model` as it is now (a view owned by this object). */
  update(model: TasteModel): Float64Array {
    const n = this.catalog.size;
    if (model !== this.model || model.sparseEpoch !== this.epoch) {
      // Every row (a new epoch: reset, or a renormalisation when the scale got tiny), in one tight
      // loop with the same additions in the same order as `rowSum`.
      const { sparseOff, sparseIdx } = this.catalog;
      const sparse = model.sparse;
      for (let r = 0, k = 0; r < n; r++) {
        let sp = 0;
        for (const end = sparseOff[r + 1]; k < end; k++) sp += sparse[sparseIdx[k]];
        this.sums[r] = sp;
      }
      this.model = model;
      this.epoch = model.sparseEpoch;
      this.read = model.sparseTouched.length;
      return this.sums;
    }
    const touched = model.sparseTouched;
    if (this.read === touched.length) return this.sums;
    const { rowsAt, rows, listsAt, lists } = (this.lists ??= this.buildLists());
    const pass = ++this.pass;
    for (let i = this.read; i < touched.length; i++) {
      const b = touched[i];
      for (let k = listsAt[b]; k < listsAt[b + 1]; k++) {
        const g = lists[k];
        if (this.stamp[g] === pass) continue;
        this.stamp[g] = pass;
        const sum = rowSum(this.catalog, model.sparse, rows[rowsAt[g]]);
        for (let j = rowsAt[g]; j < rowsAt[g + 1]; j++) this.sums[rows[j]] = sum;
      }
    }
    this.read = touched.length;
    return this.sums;
  }

  private buildLists(): BucketLists {
    const { sparseOff, sparseIdx, size } = this.catalog;
    // List number of each row: rows with the same buckets in the same order share one.
    const listOf = new Int32Array(size);
    const byKey = new Map<string, number>();
    const first: number[] = [];
    for (let r = 0; r < size; r++) {
      const key = sparseIdx.subarray(sparseOff[r], sparseOff[r + 1]).join(',');
      let g = byKey.get(key);
      if (g === undefined) {
        g = first.length;
        byKey.set(key, g);
        first.push(r);
      }
      listOf[r] = g;
    }
    const count = first.length;
    const rowsAt = new Int32Array(count + 1);
    for (let r = 0; r < size; r++) rowsAt[listOf[r] + 1] += 1;
    for (let g = 0; g < count; g++) rowsAt[g + 1] += rowsAt[g];
    const rows = new Int32Array(size);
    const fill = rowsAt.slice(0, count);
    for (let r = 0; r < size; r++) rows[fill[listOf[r]]++] = r;
    // Each list under each of its buckets (a bucket twice in one list: the list once).
    const listsAt = new Int32Array(TASTE_BUCKETS + 1);
    const bucketsOf = (g: number): Int32Array => {
      const r = first[g];
      return sparseIdx.subarray(sparseOff[r], sparseOff[r + 1]);
    };
    const once = (bs: Int32Array, k: number): boolean => bs.indexOf(bs[k]) === k;
    for (let g = 0; g < count; g++) {
      const bs = bucketsOf(g);
      for (let k = 0; k < bs.length; k++) if (once(bs, k)) listsAt[bs[k] + 1] += 1;
    }
    for (let b = 0; b < TASTE_BUCKETS; b++) listsAt[b + 1] += listsAt[b];
    const lists = new Int32Array(listsAt[TASTE_BUCKETS]);
    const at = listsAt.slice(0, TASTE_BUCKETS);
    for (let g = 0; g < count; g++) {
      const bs = bucketsOf(g);
      for (let k = 0; k < bs.length; k++) if (once(bs, k)) lists[at[bs[k]]++] = g;
    }
    this.stamp = new Int32Array(count);
    return { rowsAt, rows, listsAt, lists };
  }
}

/** Σ of row r's stored named-feature weights, in the row's token order. */
export function rowSum(catalog: Catalog, sparse: Float32Array, r: number): number {
  let sp = 0;
  for (let k = catalog.sparseOff[r]; k < catalog.sparseOff[r + 1]; k++)
    sp += sparse[catalog.sparseIdx[k]];
  return sp;
}
