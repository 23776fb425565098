/**
 * The rules mask kept between Up Next calls. Its static part — whatever `allowedMask` rules out
 * with no history and nothing excluded (settings exclusions and any rule that depends only on the
 * catalog and the settings) — is computed once per catalog and settings; each call copies it and
 * clears only what changes between events: tracks inside the no-repeat window (read from the
 * recent plays, not the whole history), disliked tracks, avoided artists and the caller's exclusions. The result
 * equals `allowedMask(input)`; a rule that changes with events belongs in `mask()` below.
 */
import type { TrackId } from '../../shared/library';
import type { RecommendSettings } from '../../shared/recommend';
import type { Catalog } from './catalog';
import type { RecentPlays } from './recent-plays';
import { allowedMask, type MaskInput } from './rules';

const NO_PLAYS: ReadonlyMap<TrackId, number> = new Map();
const NO_TRACKS: ReadonlySet<TrackId> = new Set();

export class AllowedRows {
  private base: Uint8Array = new Uint8Array(0);
  /** The mask handed out, reused from call to call (valid until the next call). */
  private out: Uint8Array = new Uint8Array(0);
  private catalog: Catalog | null = null;
  private settings: RecommendSettings | null = null;

  /** Computes the static part for `catalog` and `settings` (once; again when either changes). */
  prepare(catalog: Catalog, settings: RecommendSettings): void {
    if (catalog === this.catalog && settings === this.settings) return;
    this.base = allowedMask({
      catalog,
      settings,
      lastPlayed: NO_PLAYS,
      disliked: NO_TRACKS,
      exclude: NO_TRACKS,
      now: 0,
    });
    this.catalog = catalog;
    this.settings = settings;
  }

  /** 1 for every catalog row that may be suggested: the same mask as `allowedMask(input)`, where
   * `plays` holds the plays behind `input.lastPlayed`. The array is overwritten by the next call. */
  mask(input: MaskInput, plays: RecentPlays): Uint8Array {
    const { catalog, settings } = input;
    this.prepare(catalog, settings);
    if (this.out.length !== this.base.length) this.out = new Uint8Array(this.base.length);
    const mask = this.out;
    mask.set(this.base);
    const clear = (id: TrackId): void => {
      const r = catalog.row(id);
      if (r >= 0) mask[r] = 0;
    };
    plays.forEachWithin(settings.noRepeatHours, input.now, clear);
    for (const id of input.disliked) clear(id);
    for (const id of input.exclude) clear(id);
    // Avoided artists change with feedback, so they are cleared per call, not cached.
    for (const artist of input.avoidedArtists ?? [])
      for (const r of catalog.byArtist.get(artist) ?? []) mask[r] = 0;
    return mask;
  }
}
