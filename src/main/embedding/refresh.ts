/**
 * The library-wide refresh after an embedding pass: mood scores for every track (from its
 * descriptor and lyrics vectors and its audio features), predicted genres for untagged tracks,
 * and the style clusters. Long loops give the event loop a turn between SIMD scans.
 */
import type { TrackId } from '../../shared/library';
import type { ModelKey } from '../../shared/meaning';
import type { Store } from '../store/index';
import { moodPrompts, scoreMoods } from './moods';
import type { SoundFeatures } from './sound-words';
import { buildClusters, predictStyles, yieldToLoop } from './styles';
import { VectorIndex } from '../vectors/vector-index';

export interface RefreshInput {
  store: Store;
  model: ModelKey;
  descriptor: VectorIndex;
  lyrics: VectorIndex | undefined;
  features: Map<TrackId, SoundFeatures>;
  /** The analysis stage's sound vectors, when any track is analysed. */
  sound: { ids: TrackId[]; dim: number; data: Float32Array } | undefined;
  /** Embeds the mood prompts with the current model (rows of the index's dim). */
  embedPrompts: (texts: string[]) => Promise<Float32Array>;
}

export async function refreshMoodsAndStyles(
  input: RefreshInput,
): Promise<{ moods: number; clusters: number; space: 'sound' | 'text' }> {
  const { store, descriptor, lyrics, features, sound } = input;
  const ids = descriptor.ids();
  // The text a mood is read from: descriptor and lyrics averaged (renormalised by the index).
  const combined = new VectorIndex({ dim: descriptor.dim, capacity: ids.length });
  for (const [i, id] of ids.entries()) {
    const d = descriptor.get(id) as Float32Array;
    const l = lyrics?.get(id);
    if (l) for (let j = 0; j < d.length; j++) d[j] += l[j];
    combined.set(id, d);
    // Building 10,000+ rows takes a while: let the event loop breathe every 1,000.
    if (i % 1000 === 999) await yieldToLoop();
  }
  const prompts = moodPrompts();
  const promptVectors = await input.embedPrompts(prompts.map((p) => p.text));
  const scores = await scoreMoods(combined, prompts, promptVectors, features);
  await store.vectors.setMoods(
    [...scores].map(([trackId, s]) => ({ trackId, scores: s })),
    input.model,
  );
  const tracks = await store.tracks.getMany(ids);
  const genres = new Map(
    tracks.map((t) => [t.id, t.genres.length ? t.genres : t.genre ? [t.genre] : []]),
  );
  const spaces: { name: 'sound' | 'text'; index: VectorIndex }[] = [
    { name: 'text', index: descriptor },
  ];
  if (sound) {
    spaces.unshift({
      name: 'sound',
      index: VectorIndex.from(sound.ids, sound.data, { dim: sound.dim }),
    });
  }
  await store.styles.replacePredicted(await predictStyles(genres, spaces));
  // Cluster on sound when at least half the tracks are analysed, else on the descriptors.
  const space =
    sound && sound.ids.length >= ids.length / 2
      ? { ...sound, name: 'sound' as const }
      : { ids, dim: descriptor.dim, data: descriptor.toArray(), name: 'text' as const };
  const { clusters, members } = await buildClusters(space, genres, features);
  await store.styles.replaceClusters(clusters, members);
  return { moods: scores.size, clusters: clusters.length, space: space.name };
}
