/**
 * The one top-k collector, for the vector index and the recommender: keeps the k best (score, id)
 * pairs seen, best = higher float32 score, and among equal scores the lower id. That order is
 * total, so the kept set and `sorted()` depend only on which pairs were pushed, not on their order:
 * a scan may push a superset of the rows in any order (e.g. only the rows a coarse int8 pass could
 * not rule out) and get exactly what a full scan gets. A tournament tree over the k slots finds the
 * worst kept pair in O(log k), so a scan of n scores costs O(n) comparisons plus O(log k) per
 * keeper. Slots are exposed (`rows`, `scores`, `size`) for callers that walk the kept set as is.
 */

export class TopK {
  /** Kept ids (row numbers, track ids) by slot. */
  readonly rows: Int32Array;
  /** Their scores by slot (float32, as every scanned score is). */
  readonly scores: Float32Array;
  size = 0;
  /** tree[1] is the slot of the lowest score; leaves tree[leaf + s] hold slot s. */
  private readonly tree: Int32Array;
  private readonly leaf: number;

  constructor(readonly k: number) {
    this.rows = new Int32Array(k);
    this.scores = new Float32Array(k);
    let leaf = 1;
    while (leaf < k) leaf *= 2;
    this.leaf = leaf;
    this.tree = new Int32Array(2 * leaf);
  }

  /** True when `score` could be kept (for some id: an equal score needs a lower id). */
  accepts(score: number): boolean {
    return this.size < this.k || Math.fround(score) >= this.scores[this.tree[1]];
  }

  /** The worst kept score once k are kept (−Infinity before): nothing below it can enter. */
  get threshold(): number {
    return this.size < this.k || this.k === 0 ? -Infinity : this.scores[this.tree[1]];
  }

  push(row: number, score: number): void {
    if (this.k === 0) return;
    if (this.size < this.k) {
      this.rows[this.size] = row;
      this.scores[this.size] = score;
      this.size += 1;
      if (this.size === this.k) this.build();
      return;
    }
    const min = this.tree[1];
    const s = Math.fround(score);
    if (s < this.scores[min] || (s === this.scores[min] && row >= this.rows[min])) return;
    this.rows[min] = row;
    this.scores[min] = s;
    this.update(min);
  }

  /** Ids, best first (equal scores: lower id first). */
  sorted(): number[] {
    return this.order().map((i) => this.rows[i]);
  }

  /** Ids with their scores, best first. */
  best(): { id: number; score: number }[] {
    return this.order().map((i) => ({ id: this.rows[i], score: this.scores[i] }));
  }

  private order(): number[] {
    return Array.from({ length: this.size }, (_, i) => i).sort(
      (a, b) => this.scores[b] - this.scores[a] || this.rows[a] - this.rows[b],
    );
  }

  /** The worse of two slots: the lower score, on a tie the higher id. */
  private lower(a: number, b: number): number {
    const sa = this.scores[a];
    const sb = this.scores[b];
    return sb < sa || (sb === sa && this.rows[b] > this.rows[a]) ? b : a;
  }

  private build(): void {
    const { tree, leaf } = this;
    // Padding leaves repeat the last slot so they never win over a real one by position.
    for (let s = 0; s < leaf; s++) tree[leaf + s] = Math.min(s, this.k - 1);
    for (let i = leaf - 1; i >= 1; i--) tree[i] = this.lower(tree[2 * i], tree[2 * i + 1]);
  }

  private update(slot: number): void {
    const { tree } = this;
    for (let i = (this.leaf + slot) >> 1; i >= 1; i >>= 1)
      tree[i] = this.lower(tree[2 * i], tree[2 * i + 1]);
  }
}
