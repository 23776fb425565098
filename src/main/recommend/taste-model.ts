/**
 * The long-term taste model: a regularised logistic regression learned online, one SGD step per
 * feedback event (microseconds), over each track's content vector (tags ⊕ sound ⊕ text) and its
 * hashed named features (artist, album, genre, decade, mood words). Older lessons fade with a
 * half-life: weights are stored under one global scale that shrinks with elapsed time (lazy decay,
 * so an update touches only the features of one track). Persisted as a JSON snapshot.
 */
import { CONTENT_DIM, hash32 } from './content';
import { TASTE_BUCKETS, type Catalog } from './catalog';
import type { Lesson } from './labels';

/** Half-life of what the model learned: 180 days — last season's taste still counts, last
 * decade's barely. */
export const TASTE_HALF_LIFE_MS = 180 * 24 * 3600 * 1000;
/** SGD step sizes: named features are 0/1, the content vector unit length. The named features
 * (artist, album, genre) are what carries from one session to the next; at 0.15 five early skips
 * of one genre moved its weight by about half a log-odds, less than two skips move the 40-line
 * learning baseline's genre reward, and Encore's first sessions were no better than its (on the
 * development listeners 0–11, 5 seeds: sessions 1–3 58.2 % → 55.2 % skips at 0.3; 0.5 was worse
 * at 59.0 % — docs/evaluation.md). */
const LR_SPARSE = 0.3;
const LR_DENSE = 0.4;
/** L2 pull on touched weights per step: keeps a single event from dominating forever. */
const L2 = 0.002;
/** Logit clamp: beyond ±6 the probability is 0.998 and extra certainty only hurts ranking. */
const MAX_LOGIT = 6;
/** Past this many logged bucket changes a new epoch starts (a cache recomputes everything once
 * rather than the log growing without a reader). */
const MAX_TOUCHED = 1 << 16;

export class TasteModel {
  sparse = new Float32Array(TASTE_BUCKETS);
  dense = new Float32Array(CONTENT_DIM);
  bias = 0;
  /** True weight = scale × stored weight. */
  private scale = 1;
  /** Unix ms of the last decay. */
  lastAt = 0;
  /** Events learned from. */
  events = 0;
  /** Id of the last feedback event folded in (the snapshot's position in the log). */
  lastEventId = 0;
  /** Events up to this id were forgotten by "reset" (co-listening ignores them too). */
  resetAtEventId = 0;
  /** Named-feature buckets whose stored weight changed, in order, since `sparseEpoch` began: a
   * cache of per-track sums updates only the tracks that share them. A change of every weight at
   * once (reset, renormalisation) starts a new epoch with an empty list. */
  readonly sparseTouched: number[] = [];
  sparseEpoch = 0;

  /** Log-odds that the person wants catalog row r, clamped to ±6. */
  logit(c: Catalog, r: number): number {
    let s = 0;
    const v = c.vectors;
    const o = r * CONTENT_DIM;
    for (let j = 0; j < CONTENT_DIM; j++) s += this.dense[j] * v[o + j];
    for (let k = c.sparseOff[r]; k < c.sparseOff[r + 1]; k++) s += this.sparse[c.sparseIdx[k]];
    const z = this.scale * s + this.bias;
    return Math.max(-MAX_LOGIT, Math.min(MAX_LOGIT, z));
  }

  /** The dense weights as they count now (for a one-pass scan of the whole catalog). */
  denseNow(): Float32Array {
    const out = new Float32Array(CONTENT_DIM);
    for (let j = 0; j < CONTENT_DIM; j++) out[j] = this.dense[j] * this.scale;
    return out;
  }

  /** Current weight of a named feature bucket. */
  sparseNow(bucket: number): number {
    return this.sparse[bucket] * this.scale;
  }

  get scaleNow(): number {
    return this.scale;
  }

  /** Fades everything learned by the time elapsed since the last event. */
  decayTo(at: number): void {
    if (this.lastAt > 0 && at > this.lastAt) {
      this.scale *= Math.pow(0.5, (at - this.lastAt) / TASTE_HALF_LIFE_MS);
      if (this.scale < 1e-3) this.renormalise();
    }
    this.lastAt = Math.max(this.lastAt, at);
  }

  /** One SGD step on catalog row r. Returns the probability before the step. */
  learn(c: Catalog, r: number, lesson: Lesson, at: number): number {
    this.decayTo(at);
    const p = 1 / (1 + Math.exp(-this.logit(c, r)));
    const g = lesson.weight * (p - lesson.label);
    const inv = 1 / this.scale;
    const v = c.vectors;
    const o = r * CONTENT_DIM;
    for (let j = 0; j < CONTENT_DIM; j++) {
      this.dense[j] -= LR_DENSE * (g * v[o + j] * inv + L2 * this.dense[j]);
    }
    const gn = g * (lesson.named ?? 1);
    for (let k = c.sparseOff[r]; k < c.sparseOff[r + 1]; k++) {
      const b = c.sparseIdx[k];
      this.sparse[b] -= LR_SPARSE * (gn * inv + L2 * this.sparse[b]);
      this.touched(b);
    }
    this.bias -= 0.02 * g;
    this.events += 1;
    return p;
  }

  /** Forgets one named feature, e.g. 'artist:radiohead'. */
  forgetToken(token: string): void {
    this.sparse[hash32(token) % TASTE_BUCKETS] = 0;
    this.touched(hash32(token) % TASTE_BUCKETS);
  }

  /** Forgets the learned sound/text direction. */
  forgetSound(): void {
    this.dense.fill(0);
  }

  reset(): void {
    this.sparse.fill(0);
    this.dense.fill(0);
    this.bias = 0;
    this.scale = 1;
    this.events = 0;
    this.changedAll();
  }

  private touched(bucket: number): void {
    if (this.sparseTouched.length >= MAX_TOUCHED) this.changedAll();
    else this.sparseTouched.push(bucket);
  }

  private changedAll(): void {
    this.sparseEpoch += 1;
    this.sparseTouched.length = 0;
  }

  private renormalise(): void {
    this.changedAll();
    for (let i = 0; i < this.sparse.length; i++) this.sparse[i] *= this.scale;
    for (let j = 0; j < CONTENT_DIM; j++) this.dense[j] *= this.scale;
    this.scale = 1;
  }

  /**
   * JSON snapshot of the weights as they count now (only non-zero named weights are written): the
   * same text as renormalising first, without rewriting the model. Rewriting every stored weight
   * (× scale) at each snapshot would start a new epoch, and the next Up Next would sum the taste
   * weights of every catalog row again (taste-sums.ts); the scale stays in `scale` instead, until
   * it gets small enough for float32 (decayTo).
   */
  toJSON(): string {
    const k = this.scale;
    const sparse: [number, number][] = [];
    this.sparse.forEach((w, i) => {
      const now = Math.fround(w * k);
      if (Math.abs(now) > 1e-6) sparse.push([i, now]);
    });
    return JSON.stringify({
      v: 1,
      dim: CONTENT_DIM,
      lastEventId: this.lastEventId,
      resetAtEventId: this.resetAtEventId,
      lastAt: this.lastAt,
      events: this.events,
      bias: this.bias,
      dense: Array.from(this.dense, (w) => Math.fround(w * k)),
      sparse,
    });
  }

  /** Restores a snapshot; a snapshot of another shape gives an empty model (it is replayed). */
  static fromJSON(text: string | undefined): TasteModel {
    const m = new TasteModel();
    if (!text) return m;
    const s = JSON.parse(text) as {
      v: number;
      dim: number;
      lastEventId: number;
      resetAtEventId?: number;
      lastAt: number;
      events: number;
      bias: number;
      dense: number[];
      sparse: [number, number][];
    };
    if (s.v !== 1 || s.dim !== CONTENT_DIM) return m;
    m.lastEventId = s.lastEventId;
    m.resetAtEventId = s.resetAtEventId ?? 0;
    m.lastAt = s.lastAt;
    m.events = s.events;
    m.bias = s.bias;
    m.dense.set(s.dense);
    for (const [i, w] of s.sparse) m.sparse[i] = w;
    return m;
  }
}
