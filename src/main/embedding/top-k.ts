/**
 * Top-k selection for the vector index: a bounded min-heap that keeps the k largest scores seen,
 * so a scan of n scores costs O(n) checks against the current k-th best plus O(log k) per keeper.
 */
import type { Neighbour } from './vector-index';

/** A bounded min-heap keeping the k largest scores seen. */
export class TopK {
  private readonly ids: number[] = [];
  private readonly scores: number[] = [];

  constructor(private readonly k: number) {}

  accepts(score: number): boolean {
    return this.scores.length < this.k || score > this.scores[0];
  }

  push(id: number, score: number): void {
    const { ids, scores } = this;
    if (scores.length < this.k) {
      ids.push(id);
      scores.push(score);
      let i = scores.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (scores[parent] <= scores[i]) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    ids[0] = id;
    scores[0] = score;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < scores.length && scores[l] < scores[m]) m = l;
      if (r < scores.length && scores[r] < scores[m]) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  sorted(): Neighbour[] {
    return this.ids
      .map((id, i) => ({ id, score: this.scores[i] }))
      .sort((a, b) => b.score - a.score);
  }

  private swap(a: number, b: number): void {
    [this.ids[a], this.ids[b]] = [this.ids[b], this.ids[a]];
    [this.scores[a], this.scores[b]] = [this.scores[b], this.scores[a]];
  }
}
