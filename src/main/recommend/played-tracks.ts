/**
 * The played tracks as catalog rows, kept up to date from the history's play order: each call
 * reads only the tracks first played since the last one (a long history holds tens of thousands).
 * Also the sets of artists and genres played, and "is any played artist liked?" from their taste buckets,
 * hashed once per artist instead of once per artist per suggestion.
 */
import type { History } from './history';
import { TASTE_BUCKETS, type Catalog } from './catalog';
import { hash32 } from './content';
import type { TasteModel } from './taste-model';

export class PlayedTracks {
  /** Catalog row of the i-th track in `history.playOrder`, −1 when not in the catalog. */
  readonly rows: number[] = [];
  /** The same row when the track has a measured sound, else −1 (for the change of direction,
   * which only goes to tracks it can compare by sound: no track record read per played track). */
  readonly soundRows: number[] = [];
  private readonly artists = new Set<string>();
  private readonly genres = new Set<string>();
  /** Taste bucket of each artist in `artists`, in the same order. */
  private readonly buckets: number[] = [];

  constructor(readonly catalog: Catalog) {}

  /** Catches up with the history; returns `this` for chaining. */
  update(history: History): this {
    const order = history.playOrder;
    for (let i = this.rows.length; i < order.length; i++) {
      const r = this.catalog.row(order[i]);
      this.rows.push(r);
      this.soundRows.push(r >= 0 && this.catalog.tracks[r].hasSound ? r : -1);
      const key = r >= 0 ? this.catalog.tracks[r].artistKey : '';
      if (r >= 0) for (const g of this.catalog.tracks[r].genres) this.genres.add(g);
      if (this.artists.has(key)) continue;
      this.artists.add(key);
      this.buckets.push(hash32(`artist:${key}`) % TASTE_BUCKETS);
    }
    return this;
  }

  /** Artist keys with any played track ('' stands for played tracks not in the catalog). */
  artistKeys(): ReadonlySet<string> {
    return this.artists;
  }

  /** Genre keys of the played tracks (for "new to you": a genre never heard). */
  genreKeys(): ReadonlySet<string> {
    return this.genres;
  }

  /** True when the model weighs some played artist above `threshold` (log-odds). */
  anyArtistAbove(model: TasteModel, threshold: number): boolean {
    for (const b of this.buckets) if (model.sparseNow(b) > threshold) return true;
    return false;
  }
}
