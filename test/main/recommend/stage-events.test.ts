// A stage's results reach Up Next without a scan: embedding text vectors (real transformers.js
// with the tiny fixture model, in the worker) announces `embedding.updated`, audio analysis (real
// decoding and essentia.js in the worker) announces `analysis.updated`; the recommender rebuilds
// its catalog from the store, and Up Next is computed with the new vectors in it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../../src/main/engine';
import { EventBus } from '../../../src/main/events';
import { Meaning } from '../../../src/main/embedding/meaning';
import { Recommender } from '../../../src/main/recommend/recommender';
import type { RecommenderState } from '../../../src/main/recommend/state';
import { Store } from '../../../src/main/store/index';
import { rng } from '../../../src/main/vectors/random';
import type { TrackId } from '../../../src/shared/library';
import { addCorpus, scratchDir, TINY_MODEL } from '../embedding/helpers';
import { cadence, writeWav } from '../analysis/signals';
import { tempDir } from '../../helpers/temp';

describe('stage results reach Up Next', () => {
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const close of closers.reverse()) await close();
  });

  it('new text vectors rebuild the catalog on embedding.updated, with no scan in between', async () => {
    const dir = scratchDir('encore-stage-events-');
    const store = await Store.open(dir);
    closers.push(() => store.close());
    const corpus = await addCorpus(store);
    await store.vectors.setSetting('modelPath', TINY_MODEL);
    const events = new EventBus();
    const meaning = new Meaning({ dataDir: dir, store, events });
    closers.push(() => meaning.close());
    const rec = new Recommender({ store, events, random: rng(3) });
    closers.push(() => rec.close());
    const state = (): Promise<RecommenderState> =>
      (rec as unknown as { ready(): Promise<RecommenderState> }).ready();
    const request = { sessionId: 's', currentTrackId: corpus[0].id, count: 5 };

    const before = await rec.upNext(request);
    expect(before.length).toBeGreaterThan(0);
    expect((await state()).catalog.tracks.some((t) => t.hasText)).toBe(false);

    const updated: TrackId[][] = [];
    events.on('embedding.updated', ({ trackIds }) => updated.push(trackIds));
    const rebuilt = new Promise<void>((resolve) => events.on('upnext.changed', () => resolve()));
    await meaning.embedPending();
    expect(updated.length).toBe(1);
    expect([...updated[0]].sort()).toEqual(corpus.map((c) => c.id).sort());

    // The next request starts the rebuild (answering from the old catalog meanwhile); the
    // recommender says when the new one is in.
    await rec.upNext(request);
    await rebuilt;
    const catalog = (await state()).catalog;
    expect(catalog.tracks.filter((t) => t.hasText).length).toBe(corpus.length);
    const after = await rec.upNext(request);
    expect(after.length).toBeGreaterThan(0);
    expect(after.map((i) => i.score)).not.toEqual(before.map((i) => i.score));
  });

  it('new analyses rebuild the catalog on analysis.updated: sound vectors reach Up Next without a scan', async () => {
    const base = tempDir('encore-stage-analysis-');
    const album = join(base, 'Music', 'Artist', 'Album');
    mkdirSync(album, { recursive: true });
    const keys = ['A', 'C', 'E'] as const;
    keys.forEach((key, i) =>
      writeWav(join(album, `0${i + 1} - ${key}.wav`), [
        cadence(key, i % 2 ? 'major' : 'minor', 12),
      ]),
    );
    const engine = await createEngine({ dataDir: join(base, 'data'), workers: 1 });
    closers.push(() => engine.close());
    await engine.analysis.setEnabled(false);
    await engine.library.addRoot(join(base, 'Music'));
    await engine.library.scan();
    const ids = (await engine.store.tracks.list()).map((t) => t.id);
    expect(ids).toHaveLength(keys.length);
    const state = (): Promise<RecommenderState> =>
      (engine.recommend as unknown as { ready(): Promise<RecommenderState> }).ready();
    const request = { sessionId: 's', currentTrackId: ids[0], count: 2 };
    await engine.recommend.upNext(request);
    expect((await state()).catalog.tracks.filter((t) => t.hasSound)).toEqual([]);

    // Analyse them all (the stage's own event says when each is written), then ask again: the
    // request starts the rebuild the event asked for, and the recommender says when it is in.
    const analysed = new Set<TrackId>();
    const done = new Promise<void>((resolve) =>
      engine.events.on('analysis.updated', ({ trackIds }) => {
        trackIds.forEach((id) => analysed.add(id));
        if (analysed.size === ids.length) resolve();
      }),
    );
    await engine.analysis.setEnabled(true);
    await done;
    await engine.recommend.upNext(request);
    await engine.recommend.settled();
    expect((await state()).catalog.tracks.filter((t) => t.hasSound)).toHaveLength(ids.length);
  });
});
