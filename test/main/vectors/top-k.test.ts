import { describe, expect, it } from 'vitest';
import { TopK } from '../../../src/main/vectors/top-k';
import { rng } from '../../../src/main/vectors/random';

/** The straightforward collector the tree replaces: a linear scan for the lowest slot. */
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
    for (let i = 1; i < this.k; i++) if (this.scores[i] < this.scores[m]) m = i;
    if (s <= this.scores[m]) return;
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
        .sort((a, b) => b.score - a.score || a.i - b.i)
        .map((x) => x.row);
      expect(top.sorted()).toEqual(sorted);
      expect(top.best().map((b) => b.id)).toEqual(sorted);
    }
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
