import { describe, expect, it } from 'vitest';
import { TopK } from '../../../src/main/vectors/top-k';
import { rng } from '../../../src/main/vectors/random';

/** The straightforward collector the tree replaces: a linear scan for the worst kept pair (lowest
 * score, on a tie the highest id). */
class LinearTopK {
  rows: number[] = [];
  scores: number[] = [];
  constructor(readonly k: number) {}
  push(row: number, score: number): void {
    const s = Math.fround(score);
    if (this.rows.length < this.k) {
      this.rows.push(row);
      this.scores.push(s);
      return;
    }
    let m = 0;
    for (let i = 1; i < this.k; i++)
      if (
        this.scores[i] < this.scores[m] ||
        (this.scores[i] === this.scores[m] && this.rows[i] > this.rows[m])
      )
        m = i;
    if (s < this.scores[m] || (s === this.scores[m] && row >= this.rows[m])) return;
    this.rows[m] = row;
    this.scores[m] = s;
  }
}

describe('TopK', () => {
  it('keeps the same rows in the same slots as a linear scan, ties included', () => {
    for (const [k, n, levels] of [
      [1, 200, 5],
      [7, 3000, 12],
      [50, 20_000, 40],
      [200, 20_000, 1000],
      [64, 5000, 3],
    ]) {
      const next = rng(k * 31 + n);
      const top = new TopK(k);
      const ref = new LinearTopK(k);
      for (let r = 0; r < n; r++) {
        // Few distinct levels: many equal scores compete for the last place.
        const score = Math.floor(next() * levels) / levels;
        top.push(r, score);
        ref.push(r, score);
      }
      expect(Array.from(top.rows.subarray(0, top.size))).toEqual(ref.rows);
      const sorted = ref.rows
        .map((row, i) => ({ row, score: ref.scores[i], i }))
        .sort((a, b) => b.score - a.score || a.row - b.row)
        .map((x) => x.row);
      expect(top.sorted()).toEqual(sorted);
      expect(top.best().map((b) => b.id)).toEqual(sorted);
    }
  });

  it('keeps the same pairs whatever order they come in, or when only a superset of them comes', () => {
    const next = rng(77);
    const n = 5000;
    // Few levels: ties at the last place decide by id, not by arrival.
    const scores = Array.from({ length: n }, () => Math.floor(next() * 30) / 30);
    const inOrder = new TopK(100);
    for (let r = 0; r < n; r++) inOrder.push(r, scores[r]);
    const shuffled = Array.from({ length: n }, (_, r) => r).sort(() => next() - 0.5);
    const anyOrder = new TopK(100);
    for (const r of shuffled) anyOrder.push(r, scores[r]);
    expect(anyOrder.sorted()).toEqual(inOrder.sorted());
    // Only the rows at or above the threshold of a full pass, backwards.
    const threshold = inOrder.threshold;
    const some = new TopK(100);
    for (let r = n - 1; r >= 0; r--)
      if (Math.fround(scores[r]) >= threshold) some.push(r, scores[r]);
    expect(some.sorted()).toEqual(inOrder.sorted());
    // The case that matters: more rows tie at the last place than there is room for.
    const kept = inOrder.sorted().filter((r) => Math.fround(scores[r]) === threshold).length;
    const tied = scores.filter((s) => Math.fround(s) === threshold).length;
    expect(tied).toBeGreaterThan(kept);
  });

  it('keeps everything while not full, and nothing with k = 0', () => {
    const top = new TopK(5);
    top.push(3, 0.5);
    top.push(9, 0.7);
    expect(top.best()).toEqual([
      { id: 9, score: Math.fround(0.7) },
      { id: 3, score: 0.5 },
    ]);
    expect(top.accepts(-1)).toBe(true);
    const none = new TopK(0);
    none.push(1, 1);
    expect(none.size).toBe(0);
  });
});
