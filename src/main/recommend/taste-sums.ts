/**
 * Each catalog row's sum of named-feature taste weights (artist, album, genre, decade, mood
 * buckets; stored weights, before the model's global scale), kept up to date from the buckets the
 * model reports as changed: an event touches a handful of buckets, so only the rows sharing them
 * are summed again (a genre or decade is shared by thousands of rows, the catalog has 100,000).
 * Rows are summed in the same order as a from-scratch pass, so the sums are bit-identical to it.
 */
import { TASTE_BUCKETS, type Catalog } from './catalog';
import type { TasteModel } from './taste-model';

export class TasteSums {
  private readonly sums: Float64Array;
  private model: TasteModel | null = null;
  private epoch = -1;
  /** How much of the model's change list is folded in. */
  private read = 0;
  /** Rows of bucket b: rowsOf[offsetOf[b] … offsetOf[b+1]), built on the first change. */
  private offsetOf: Int32Array | null = null;
  private rowsOf = new Int32Array(0);
  /** Rows summed in the current update (stamp = update number), so each is summed once. */
  private readonly stamp: Int32Array;
  private pass = 0;

  constructor(readonly catalog: Catalog) {
    this.sums = new Float64Array(catalog.size);
    this.stamp = new Int32Array(catalog.size);
  }

  /** Sums every row for `model` and builds the bucket → rows lists the updates read. */
  prepare(model: TasteModel): void {
    this.offsetOf ??= this.buildPostings();
    this.update(model);
  }

  /** The sums for `model` as it is now (a view owned by this object). */
  update(model: TasteModel): Float64Array {
    const n = this.catalog.size;
    if (model !== this.model || model.sparseEpoch !== this.epoch) {
      // Every row (a new epoch: reset, or the renormalisation at each snapshot), in one tight loop
      // with the same additions in the same order as `rowSum`.
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
    const offsetOf = (this.offsetOf ??= this.buildPostings());
    const pass = ++this.pass;
    for (let i = this.read; i < touched.length; i++) {
      const b = touched[i];
      for (let k = offsetOf[b]; k < offsetOf[b + 1]; k++) {
        const r = this.rowsOf[k];
        if (this.stamp[r] === pass) continue;
        this.stamp[r] = pass;
        this.sums[r] = rowSum(this.catalog, model.sparse, r);
      }
    }
    this.read = touched.length;
    return this.sums;
  }

  private buildPostings(): Int32Array {
    const { sparseOff, sparseIdx, size } = this.catalog;
    const offsetOf = new Int32Array(TASTE_BUCKETS + 1);
    for (let k = 0; k < sparseIdx.length; k++) offsetOf[sparseIdx[k] + 1] += 1;
    for (let b = 0; b < TASTE_BUCKETS; b++) offsetOf[b + 1] += offsetOf[b];
    const fill = offsetOf.slice(0, TASTE_BUCKETS);
    this.rowsOf = new Int32Array(sparseIdx.length);
    for (let r = 0; r < size; r++)
      for (let k = sparseOff[r]; k < sparseOff[r + 1]; k++) this.rowsOf[fill[sparseIdx[k]]++] = r;
    return offsetOf;
  }
}

/** Σ of row r's stored named-feature weights, in the row's token order. */
export function rowSum(catalog: Catalog, sparse: Float32Array, r: number): number {
  let sp = 0;
  for (let k = catalog.sparseOff[r]; k < catalog.sparseOff[r + 1]; k++)
    sp += sparse[catalog.sparseIdx[k]];
  return sp;
}
