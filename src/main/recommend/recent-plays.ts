/**
 * Plays in log order, for the no-repeat window: which tracks were played within the last N hours,
 * without a pass over the whole history on every Up Next. Plays that fell out of the window are
 * stepped over once (a cursor moves past them); if the window ever reaches back further than
 * before (a longer setting, a clock set back), the cursor starts over from the first play.
 */
import type { TrackId } from '../../shared/library';
import { outsideRepeatWindow } from './rules';

export class RecentPlays {
  private readonly ids: TrackId[] = [];
  private readonly ats: number[] = [];
  /** Plays before this index were outside the window at `cutoff` (ms). */
  private head = 0;
  private cutoff = -Infinity;

  /** One play (start, complete or skip) at unix ms `at`. */
  note(id: TrackId, at: number): void {
    this.ids.push(id);
    this.ats.push(at);
  }

  /**
   * Calls `fn` for every play not outside the window of `hours` hours before `now` (ms), the same
   * test as `outsideRepeatWindow` on the track's last play (a track played twice may come twice).
   */
  forEachWithin(hours: number, now: number, fn: (id: TrackId) => void): void {
    const cutoff = now - hours * 3600 * 1000;
    if (cutoff < this.cutoff) this.head = 0;
    this.cutoff = cutoff;
    const { ids, ats } = this;
    while (this.head < ats.length && outsideRepeatWindow(ats[this.head], hours, now))
      this.head += 1;
    for (let i = this.head; i < ats.length; i++)
      if (!outsideRepeatWindow(ats[i], hours, now)) fn(ids[i]);
  }
}
