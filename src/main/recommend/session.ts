/**
 * The short-term session model: what was played, completed and skipped in this sitting, as a
 * decaying signed sum of content vectors. A skip pushes the vector away from the skipped sound at
 * once, so the very next suggestion moves away from it.
 */
import type { TrackId } from '../../shared/library';
import type { RecordedEvent } from '../../shared/recommend';
import { CONTENT_DIM } from './content';
import type { Catalog } from './catalog';
import { isEarlySkip } from './labels';

/** A session idle longer than this is over (ms): three hours covers a long pause. */
export const SESSION_IDLE_MS = 3 * 3600 * 1000;
/** Each older signal counts this much less than the next newer one: ~ the last 5–8 tracks matter. */
const SIGNAL_DECAY = 0.7;
const MAX_SIGNALS = 20;

export interface SessionSignal {
  trackId: TrackId;
  /** −2 (disliked) … +1.5 (liked). */
  value: number;
}

export class Session {
  /** Tracks started in this session, oldest first. */
  readonly played: TrackId[] = [];
  readonly signals: SessionSignal[] = [];
  lastAt = 0;

  constructor(readonly id: string) {}

  apply(e: RecordedEvent): void {
    this.lastAt = Math.max(this.lastAt, e.at);
    const last = this.played[this.played.length - 1];
    if (
      (e.kind === 'play' || e.kind === 'replay' || e.kind === 'complete' || e.kind === 'skip') &&
      last !== e.trackId
    ) {
      this.played.push(e.trackId);
      if (this.played.length > 200) this.played.shift();
    }
    const value = signalOf(e);
    if (value !== 0) {
      this.signals.push({ trackId: e.trackId, value });
      if (this.signals.length > MAX_SIGNALS) this.signals.shift();
    }
  }

  /** The session direction: Σ decay^age · value · vector, scaled so its length is ≤ 1; null when
   * nothing known. */
  vector(c: Catalog): Float32Array | null {
    const out = new Float32Array(CONTENT_DIM);
    let w = 1;
    let total = 0;
    for (let i = this.signals.length - 1; i >= 0; i--, w *= SIGNAL_DECAY) {
      const r = c.row(this.signals[i].trackId);
      if (r < 0) continue;
      const k = w * this.signals[i].value;
      const o = r * CONTENT_DIM;
      for (let j = 0; j < CONTENT_DIM; j++) out[j] += k * c.vectors[o + j];
      total += Math.abs(k);
    }
    if (total === 0) return null;
    for (let j = 0; j < CONTENT_DIM; j++) out[j] /= total;
    return out;
  }

  /** True when the latest signal about `id` in this session is an early skip (or worse). */
  skippedEarly(id: TrackId): boolean {
    for (let i = this.signals.length - 1; i >= 0; i--) {
      if (this.signals[i].trackId === id) return this.signals[i].value <= -1;
    }
    return false;
  }

  /** Early skips (or dislikes) in a row at the end of the session: 0 after a kept track. */
  skipStreak(): number {
    let n = 0;
    for (let i = this.signals.length - 1; i >= 0 && this.signals[i].value <= -1; i--) n += 1;
    return n;
  }

  /** The last `n` tracks heard without an early skip, newest first. */
  recentKept(n: number): TrackId[] {
    const skipped = new Set(this.signals.filter((s) => s.value < -1).map((s) => s.trackId));
    const out: TrackId[] = [];
    for (let i = this.played.length - 1; i >= 0 && out.length < n; i--) {
      if (!skipped.has(this.played[i])) out.push(this.played[i]);
    }
    return out;
  }
}

/** How much one event pulls the session toward (+) or away from (−) its track. */
export function signalOf(e: Pick<RecordedEvent, 'kind' | 'positionS' | 'durationS'>): number {
  switch (e.kind) {
    case 'complete':
    case 'replay':
      return 1;
    case 'like':
      return 1.5;
    case 'queue':
      return 0.5;
    case 'skip':
      return isEarlySkip(e.positionS, e.durationS) ? -1.5 : -0.3;
    case 'dislike':
      return -2;
    case 'remove':
      return -1;
    default:
      return 0;
  }
}
