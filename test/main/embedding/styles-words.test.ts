import { describe, expect, it } from 'vitest';
import { buildClusters, kMeans, predictStyles } from '../../../src/main/embedding/styles';
import { parseSoundTerms, soundFit, soundPhrase } from '../../../src/main/embedding/sound-words';
import { descriptorText } from '../../../src/main/embedding/descriptor';
import { VectorIndex } from '../../../src/main/vectors/vector-index';
import type { Track } from '../../../src/shared/library';

/** Rows around `centres` unit axes with a little deterministic jitter. */
function blobs(perCluster: number, centres: number[], dim: number): Float32Array {
  const out = new Float32Array(perCluster * centres.length * dim);
  let r = 0;
  for (const axis of centres) {
    for (let i = 0; i < perCluster; i++, r++) {
      out[r * dim + axis] = 1;
      out[r * dim + ((axis + 1 + (i % 3)) % dim)] = 0.2 + (i % 5) * 0.02;
    }
  }
  return out;
}

describe('style clusters and predictions', () => {
  it('k-means separates well-separated groups', async () => {
    const dim = 8;
    const data = blobs(20, [0, 3, 6], dim);
    const { cluster } = await kMeans(data, dim, 3);
    const groups = [0, 1, 2].map((g) => new Set(Array.from(cluster.slice(g * 20, (g + 1) * 20))));
    for (const g of groups) expect(g.size).toBe(1);
    expect(new Set(groups.map((g) => [...g][0])).size).toBe(3);
  });

  it('names clusters from genres and sound, and predicts genres for untagged tracks only', async () => {
    const dim = 8;
    const data = blobs(20, [0, 4], dim);
    const ids = Array.from({ length: 40 }, (_, i) => i + 1);
    const genres = new Map(
      ids.map((id) => [id, id % 10 === 0 ? [] : id <= 20 ? ['Piano'] : ['Techno']]),
    );
    const features = new Map(
      ids.map((id) => [
        id,
        id <= 20
          ? { bpm: 70, scale: 'minor' as const, spectralCentroid: 1200 }
          : { bpm: 130, scale: 'major' as const, spectralCentroid: 3500 },
      ]),
    );
    const { clusters, members } = await buildClusters(
      { ids, dim, data, name: 'sound' },
      genres,
      features,
    );
    expect(clusters.map((c) => c.name).sort()).toEqual([
      'fast major-key bright techno',
      'slow minor-key mellow piano',
    ]);
    expect(members).toHaveLength(40);
    const index = VectorIndex.from(ids, data, { dim });
    const predicted = await predictStyles(genres, [{ name: 'sound', index }]);
    expect(predicted.map((p) => p.trackId).sort((a, b) => a - b)).toEqual([10, 20, 30, 40]);
    expect(predicted.find((p) => p.trackId === 10)?.genre).toBe('Piano');
    expect(predicted.find((p) => p.trackId === 30)?.genre).toBe('Techno');
    for (const p of predicted) expect(p.confidence).toBeGreaterThan(0.9);
  });
});

describe('sound words', () => {
  it('describes analysed sound in words', () => {
    expect(
      soundPhrase({
        bpm: 150,
        scale: 'minor',
        key: 'A',
        arousal: 0.8,
        valence: 0.2,
        onsetRate: 0.8,
      }),
    ).toBe('fast, 150 BPM, minor key (A minor), high energy, dark, melancholic, sparse');
    expect(soundPhrase(undefined)).toBe('');
  });

  it('turns query words into feature constraints', () => {
    const terms = parseSoundTerms('slow acoustic songs around 120 BPM');
    expect(terms.map((t) => t.label.split(' →')[0])).toEqual(['slow', 'acoustic', '120 bpm']);
    expect(soundFit(parseSoundTerms('slow'), { bpm: 70 })).toBe(1);
    expect(soundFit(parseSoundTerms('slow'), { bpm: 140 })).toBe(0);
    // Half time counts: 60 BPM reported for a 120 BPM groove.
    expect(soundFit(parseSoundTerms('120 bpm'), { bpm: 60 })).toBe(1);
    expect(soundFit(parseSoundTerms('upbeat'), undefined)).toBeNull();
    // Mood words map to measured traits too (a model-free vibe search still knows "rain" is soft).
    expect(parseSoundTerms('rainy sunday morning').map((t) => t.label)).toEqual([
      'rainy → soft and calm',
    ]);
    expect(parseSoundTerms('sunday morning')).toEqual([]);
    expect(parseSoundTerms('epic battle drums').map((t) => t.label.split(' →')[0])).toEqual([
      'epic',
      'drums',
    ]);
    expect(parseSoundTerms('下雨天 tranquilo').map((t) => t.label.split(' →')[0])).toEqual([
      'tranquilo',
      '雨',
    ]);
  });

  it('builds descriptors from tags, skipping rip-log comments, with sound words when analysed', () => {
    const track = {
      path: '/m/a.mp3',
      title: 'Harbour',
      artist: 'Slow Tide',
      album: 'Lanterns',
      year: 2019,
      genres: ['Ambient'],
      genre: 'Ambient',
      moodTag: 'calm',
      composer: null,
      comment: 'Ripped with EAC',
      bpmTag: null,
    } as unknown as Track;
    expect(descriptorText(track)).toBe(
      'Harbour by Slow Tide. from the album Lanterns (2019). Genre: Ambient. Mood: calm',
    );
    expect(descriptorText(track, { bpm: 72 })).toMatch(/Sound: slow, 72 BPM$/);
  });
});
