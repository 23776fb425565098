/**
 * A small real library for recommender tests: real track rows in a real store, grouped into
 * genres and artists, plus a feature source with sound vectors and axes that follow the genre
 * (what the analysis stage would measure), so tests can run with and without measured features.
 */
import { Store } from '../../../src/main/store/index';
import { EventBus } from '../../../src/main/events';
import { Recommender } from '../../../src/main/recommend/recommender';
import type { CatalogFeatures, TrackAxes } from '../../../src/main/recommend/features';
import { rng } from '../../../src/main/recommend/content';
import type { TrackId } from '../../../src/shared/library';
import { addTracks } from '../../helpers/tracks';
import { tempDir } from '../../helpers/temp';

export const GENRES = ['Ambient', 'Metal', 'Jazz', 'Pop'] as const;
/** Energy per genre, and a key/tempo per genre (so key-tempo reasons can be tested). */
const AXES: Record<string, TrackAxes> = {
  Ambient: { energy: 0.15, valence: 0.4, bpm: 70, key: 'C', scale: 'major' },
  Metal: { energy: 0.9, valence: 0.3, bpm: 160, key: 'E', scale: 'minor' },
  Jazz: { energy: 0.45, valence: 0.6, bpm: 110, key: 'F', scale: 'major' },
  Pop: { energy: 0.7, valence: 0.85, bpm: 120, key: 'G', scale: 'major' },
};

export interface Fixture {
  store: Store;
  events: EventBus;
  rec: Recommender;
  ids: TrackId[];
  /** Track id → genre / artist. */
  genreOf: Map<TrackId, string>;
  artistOf: Map<TrackId, string>;
  features: CatalogFeatures;
  dir: string;
}

/** `artistsPerGenre` artists × `tracksPerArtist` tracks in each of four genres. */
export async function makeFixture(
  opts: {
    artistsPerGenre?: number;
    tracksPerArtist?: number;
    measured?: boolean;
    now?: () => number;
    dir?: string;
  } = {},
): Promise<Fixture> {
  const apg = opts.artistsPerGenre ?? 4;
  const tpa = opts.tracksPerArtist ?? 5;
  const dir = opts.dir ?? tempDir('encore-rec-');
  const store = await Store.open(dir);
  const rows: Parameters<typeof addTracks>[2] = [];
  for (const g of GENRES) {
    for (let a = 0; a < apg; a++) {
      for (let t = 0; t < tpa; t++) {
        rows.push({
          path: `/music/${g}/${g} Artist ${a}/Album/${t + 1} - ${g} Song ${a}-${t}.mp3`,
          title: `${g} Song ${a}-${t}`,
          artist: `${g} Artist ${a}`,
          album: `${g} Album ${a}`,
          genres: [g],
          durationS: 200,
          year: 2000 + a,
        });
      }
    }
  }
  const ids = await addTracks(store, '/music', rows);
  const genreOf = new Map(ids.map((id, i) => [id, rows[i].genres![0]]));
  const artistOf = new Map(ids.map((id, i) => [id, rows[i].artist!]));
  const features = measuredSource(ids, genreOf);
  const events = new EventBus();
  const rec = new Recommender({
    store,
    events,
    features: opts.measured === false ? undefined : features,
    random: rng(42),
    now: opts.now,
  });
  return { store, events, rec, ids, genreOf, artistOf, features, dir };
}

/** Sound vectors: a genre centre plus a little per-track noise (dim 8), and the genre's axes. */
export function measuredSource(ids: TrackId[], genreOf: Map<TrackId, string>): CatalogFeatures {
  const r = rng(7);
  const dim = 8;
  const centre = new Map<string, number[]>(
    GENRES.map((g, i) => [g, Array.from({ length: dim }, (_, j) => (j % 4 === i ? 1 : 0))]),
  );
  const data = new Float32Array(ids.length * dim);
  ids.forEach((id, i) => {
    const c = centre.get(genreOf.get(id)!)!;
    let s = 0;
    for (let j = 0; j < dim; j++) {
      data[i * dim + j] = c[j] + 0.3 * (r() - 0.5);
      s += data[i * dim + j] ** 2;
    }
    for (let j = 0; j < dim; j++) data[i * dim + j] /= Math.sqrt(s);
  });
  return {
    soundVectors: async () => ({ ids, dim, data }),
    textVectors: async () => null,
    axes: async () => new Map(ids.map((id) => [id, AXES[genreOf.get(id)!]])),
    moods: async () => new Map(),
  };
}
