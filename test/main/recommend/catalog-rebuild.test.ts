// The library changes again while the catalog is being rebuilt (a scan's batches, a folder removed
// during a rebuild): the recommender rebuilds once more by itself, and it tells the views only
// when the catalog it swapped in is current — never with the catalog read before the change.
import { afterAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/main/events';
import { storeCatalogFeatures, type CatalogFeatures } from '../../../src/main/recommend/features';
import { Recommender } from '../../../src/main/recommend/recommender';
import type { RecommenderState } from '../../../src/main/recommend/state';
import { Store } from '../../../src/main/store/index';
import { rng } from '../../../src/main/vectors/random';
import { addTracks } from '../../helpers/tracks';
import { tempDir } from '../../helpers/temp';

describe('catalog rebuilds', () => {
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  it('a change during a rebuild starts another, and upnext.changed comes only with a current catalog', async () => {
    const store = await Store.open(tempDir('encore-catalog-rebuild-'));
    closers.push(() => store.close());
    const first = await addTracks(
      store,
      '/music',
      ['a', 'b', 'c', 'd'].map((n) => ({
        path: `/music/${n}.mp3`,
        title: n,
        artist: `Artist ${n}`,
      })),
    );
    // The store's features, with a gate the test opens: the rebuild in flight waits inside it
    // after it has read the track list.
    const real = storeCatalogFeatures(store);
    let gate: Promise<void> | null = null;
    let entered: () => void = () => {};
    const inGate = new Promise<void>((resolve) => (entered = resolve));
    const features: CatalogFeatures = {
      ...real,
      soundVectors: async () => {
        if (gate) {
          entered();
          await gate;
        }
        return real.soundVectors();
      },
    };
    const events = new EventBus();
    const rec = new Recommender({ store, events, features, random: rng(1) });
    closers.push(() => rec.close());
    const state = (): Promise<RecommenderState> =>
      (rec as unknown as { ready(): Promise<RecommenderState> }).ready();
    await rec.upNext({ sessionId: 's', count: 3 });
    expect((await state()).catalog.tracks).toHaveLength(first.length);

    // What the catalog held each time the views were told.
    const told: number[] = [];
    events.on('upnext.changed', () => {
      void state().then((st) => told.push(st.catalog.tracks.length));
    });
    let open: () => void = () => {};
    gate = new Promise<void>((resolve) => (open = resolve));
    events.emit('library.changed', { added: [], updated: [], removed: [] });
    await inGate; // the first rebuild has read four tracks and waits
    gate = null;
    const added = await addTracks(store, '/music', [
      { path: '/music/e.mp3', title: 'e', artist: 'Artist e' },
    ]);
    events.emit('library.changed', { added, updated: [], removed: [] });
    open();
    await rec.settled();
    await state();
    expect((await state()).catalog.tracks).toHaveLength(first.length + 1);
    expect(told).toEqual([first.length + 1]);
  });
});
