import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/main/events';
import { Meaning } from '../../../src/main/embedding/meaning';
import { Store } from '../../../src/main/store/index';
import type { EmbeddingProgress } from '../../../src/shared/meaning';
import { MOODS } from '../../../src/shared/meaning';
import { addCorpus, scratchDir, TINY_MODEL, type CorpusTrack } from './helpers';
import { addTracks } from '../../helpers/tracks';

describe('Meaning with the tiny fixture model (real transformers.js in the worker)', () => {
  let store: Store;
  let meaning: Meaning;
  let corpus: CorpusTrack[];
  const events = new EventBus();
  const progress: EmbeddingProgress[] = [];
  events.on('embedding.progress', (p) => progress.push(p));

  beforeAll(async () => {
    const dir = scratchDir('encore-meaning-');
    store = await Store.open(dir);
    corpus = await addCorpus(store);
    await store.vectors.setSetting('modelPath', TINY_MODEL);
    meaning = new Meaning({ dataDir: dir, store, events });
  });
  afterAll(async () => {
    await meaning.close();
    await store.close();
  });

  it('reports the local model folder as a ready semantic model', async () => {
    const status = await meaning.status();
    expect(status.semantic).toBe(true);
    expect(status.state).toBe('ready');
    expect(status.model.id).toBe(`local:${TINY_MODEL}`);
    expect(status.model.revision).toMatch(/^local-[0-9a-f]{12}$/);
    expect(status.vectors?.pending).toBe(corpus.length);
  });

  it('embeds every descriptor and lyric, with progress, and stores normalised vectors', async () => {
    await meaning.embedPending();
    expect(progress.at(-1)).toMatchObject({
      done: corpus.length,
      total: corpus.length,
      failed: 0,
      finished: true,
    });
    const status = await meaning.status();
    expect(status.vectors).toEqual({
      descriptor: corpus.length,
      lyrics: corpus.length,
      pending: 0,
    });
    const v = await store.vectors.textVectors('lyrics');
    expect(v.dim).toBe(48);
    expect(v.ids.sort()).toEqual(corpus.map((c) => c.id).sort());
    for (let i = 0; i < v.ids.length; i++) {
      const row = v.data.subarray(i * v.dim, (i + 1) * v.dim);
      expect(Math.hypot(...row)).toBeCloseTo(1, 4);
    }
  });

  it('does not re-embed unchanged texts', async () => {
    const before = await store.db.reader.all<{ updated_at: number }>(
      'SELECT updated_at FROM text_vectors ORDER BY track_id, kind',
    );
    await new Promise((r) => setTimeout(r, 5));
    await meaning.embedPending();
    const after = await store.db.reader.all<{ updated_at: number }>(
      'SELECT updated_at FROM text_vectors ORDER BY track_id, kind',
    );
    expect(after).toEqual(before);
  });

  it('matches the Python-free reference: the same text gives the same vector as embedText', async () => {
    const track = corpus[0];
    const stored = await store.vectors.vector(track.id, 'lyrics', (await meaning.status()).model);
    const again = await meaning.embedText(track.lyrics, 'passage');
    // The stored lyric vector is a chunk average; a short lyric is one chunk, so they agree.
    const cos = (stored as Float32Array).reduce((s, x, i) => s + x * again[i], 0);
    expect(cos).toBeGreaterThan(0.99);
  });

  it('scores every mood for every track, 0…1, strongest first', async () => {
    const moods = await meaning.moods(corpus[0].id);
    expect(moods.map((m) => m.mood).sort()).toEqual([...MOODS].sort());
    for (const m of moods) {
      expect(m.score).toBeGreaterThanOrEqual(0);
      expect(m.score).toBeLessThanOrEqual(1);
      expect(m.audio).toBeNull();
    }
    expect(moods[0].score).toBeGreaterThanOrEqual(moods[moods.length - 1].score);
    const top = await meaning.mood('sad', 3);
    expect(top).toHaveLength(3);
    expect(top[0].score).toBeGreaterThanOrEqual(top[2].score);
  });

  it('answers a vibe query with ranked tracks and recognised sound words', async () => {
    const result = await meaning.vibe('slow rain at night, 120 bpm', 5);
    expect(result.semantic).toBe(true);
    expect(result.hits).toHaveLength(5);
    expect(result.soundTerms.some((t) => t.startsWith('slow'))).toBe(true);
    expect(result.soundTerms.some((t) => t.startsWith('120 bpm'))).toBe(true);
    for (let i = 1; i < result.hits.length; i++)
      expect(result.hits[i - 1].score).toBeGreaterThanOrEqual(result.hits[i].score);
  });

  it('finds the tracks whose texts are closest, leaving the track itself out', async () => {
    const hits = await meaning.similar(corpus[0].id, 4);
    expect(hits).toHaveLength(4);
    expect(hits.map((h) => h.trackId)).not.toContain(corpus[0].id);
    for (let i = 1; i < hits.length; i++)
      expect(hits[i - 1].score).toBeGreaterThanOrEqual(hits[i].score);
  });

  it('predicts genres only for untagged tracks and builds named clusters', async () => {
    const untagged = corpus.filter(
      (c) =>
        ![
          'party-lights.txt',
          'iron-engine.txt',
          'slow-tide.txt',
          'empty-room.txt',
          'sunrise-run.txt',
        ].includes(c.file),
    );
    for (const c of corpus) {
      const p = await store.styles.predicted(c.id);
      if (p) {
        expect(untagged.map((u) => u.id)).toContain(c.id);
        expect(p.confidence).toBeGreaterThanOrEqual(0.35);
        expect(['Dance', 'Metal', 'Ambient', 'Folk', 'Pop']).toContain(p.genre);
      }
    }
    const clusters = await meaning.styles();
    expect(clusters.length).toBeGreaterThanOrEqual(2);
    expect(clusters.reduce((s, c) => s + c.size, 0)).toBe(corpus.length);
    for (const c of clusters) {
      expect(c.name.length).toBeGreaterThan(0);
      expect(c.space).toBe('text');
    }
    // The file's own tags are untouched.
    const track = await store.tracks.get(untagged[0].id);
    expect(track?.genres).toEqual([]);
  });

  it('keeps a handed-out index current as tracks are added and removed', async () => {
    const index = await meaning.index('descriptor');
    const [id] = await addTracks(store, '/music', [
      { path: '/music/new-song.mp3', title: 'New song', artist: 'Someone' },
    ]);
    expect(index?.has(id)).toBe(false);
    await meaning.embedPending();
    expect(await meaning.index('descriptor')).toBe(index);
    expect(index?.has(id)).toBe(true);
    await store.tracks.remove([id]);
    events.emit('library.changed', { added: [], updated: [], removed: [id] });
    await new Promise((r) => setImmediate(r));
    expect(index?.has(id)).toBe(false);
  });

  it('re-embeds in the background when the model changes (here: to the lexical fallback)', async () => {
    await store.vectors.setSetting('modelPath', undefined);
    await store.vectors.setSetting('offline', '1');
    meaning.reset();
    const status = await meaning.status();
    expect(status.semantic).toBe(false);
    expect(status.state).toBe('missing');
    expect(status.reason).toMatch(/semantic model not installed.*offline mode.*lexical fallback/);
    expect(status.vectors?.pending).toBe(corpus.length);
    await meaning.embedPending();
    const v = await store.vectors.textVectors('descriptor');
    expect(v.ids).toHaveLength(corpus.length);
    expect(v.dim).toBe(384);
    expect((await store.vectors.activeModel())?.id).toBe('encore-lexical');
    const result = await meaning.vibe('dance party floor', 3);
    expect(result.semantic).toBe(false);
    expect(result.hits[0].trackId).toBe(corpus.find((c) => c.file === 'party-lights.txt')?.id);
  });
});

describe('Meaning in the background', () => {
  it('resumes leftover work after start-up', async () => {
    const dir = scratchDir('encore-meaning-resume-');
    const store = await Store.open(dir);
    await store.vectors.setSetting('modelPath', TINY_MODEL);
    const corpus = await addCorpus(store);
    const events = new EventBus();
    const finished = new Promise<EmbeddingProgress>((resolve) =>
      events.on('embedding.progress', (p) => p.finished && resolve(p)),
    );
    const meaning = new Meaning({ dataDir: dir, store, events, auto: true, startupDelayMs: 50 });
    expect(await finished).toMatchObject({ done: corpus.length });
    expect((await meaning.status()).vectors?.pending).toBe(0);
    await meaning.close();
    await store.close();
  });

  it('embeds new tracks after library.changed without being asked', async () => {
    const dir = scratchDir('encore-meaning-auto-');
    const store = await Store.open(dir);
    await store.vectors.setSetting('modelPath', TINY_MODEL);
    const events = new EventBus();
    const meaning = new Meaning({ dataDir: dir, store, events, auto: true });
    const corpus = await addCorpus(store);
    const finished = new Promise<EmbeddingProgress>((resolve) =>
      events.on('embedding.progress', (p) => p.finished && resolve(p)),
    );
    events.emit('library.changed', { added: corpus.map((c) => c.id), updated: [], removed: [] });
    expect(await finished).toMatchObject({ done: corpus.length, failed: 0 });
    expect((await meaning.status()).vectors).toEqual({
      descriptor: corpus.length,
      lyrics: corpus.length,
      pending: 0,
    });
    await meaning.close();
    await store.close();
  });
});
