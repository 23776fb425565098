/**
 * Styles: genres predicted for untagged tracks from their nearest tagged neighbours (a
 * similarity-weighted k-NN vote in the sound and text spaces), and style clusters (spherical
 * k-means over sound vectors, or descriptor vectors when nothing is analysed) named from their
 * dominant genres and what they sound like ("slow minor-key piano").
 */
import type { PredictedStyle, StyleCluster } from '../../shared/meaning';
import type { TrackId } from '../../shared/library';
import type { ClusterAssignment } from '../store/styles';
import { rng } from '../vectors/random';
import { VectorIndex } from '../vectors/vector-index';
import type { SoundFeatures } from './sound-words';

// Neighbours that vote; 15 smooths over a few mis-tagged tracks without reaching far.
const K = 15;
// Below this share of the vote a prediction is a guess, not a style.
const MIN_CONFIDENCE = 0.35;

/** Predicts a genre for each untagged track that has a vector in at least one space. */
export async function predictStyles(
  genres: Map<TrackId, string[]>,
  spaces: { name: 'sound' | 'text'; index: VectorIndex }[],
): Promise<PredictedStyle[]> {
  const tagged = (id: number): boolean => (genres.get(id)?.length ?? 0) > 0;
  const untagged = [...genres.keys()].filter((id) => !tagged(id));
  const out: PredictedStyle[] = [];
  for (const [i, id] of untagged.entries()) {
    // Each search is one scan of the library; give the event loop a turn every 32 of them.
    if (i % 32 === 31) await yieldToLoop();
    const votes = new Map<string, { weight: number; label: string }>();
    const used: PredictedStyle['spaces'] = [];
    let total = 0;
    for (const { name, index } of spaces) {
      const q = index.get(id);
      if (!q) continue;
      used.push(name);
      for (const n of index.search(q, K, { filter: tagged, exclude: new Set([id]) })) {
        if (n.score <= 0) continue;
        const list = genres.get(n.id) as string[];
        for (const g of list) {
          const key = g.toLowerCase();
          const v = votes.get(key) ?? { weight: 0, label: g };
          v.weight += n.score / list.length;
          votes.set(key, v);
        }
        total += n.score;
      }
    }
    const best = [...votes.values()].sort((a, b) => b.weight - a.weight)[0];
    if (!best || total === 0) continue;
    const confidence = best.weight / total;
    if (confidence >= MIN_CONFIDENCE)
      out.push({ trackId: id, genre: best.label, confidence, spaces: used });
  }
  return out;
}

/** Lets other work (IPC, playback events) run between slices of a long computation. */
export const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Spherical k-means (cosine) over normalised rows, k-means++ seeding, fixed seed. Similarities
 * come from SIMD scans of a VectorIndex over the rows (one scan per centre), and the event loop
 * gets a turn between scans, so 10,000 × 384 clusters in well under a second without freezing.
 * Returns each row's cluster and its similarity to the centre.
 */
export async function kMeans(
  data: Float32Array,
  dim: number,
  k: number,
  iterations = 20,
): Promise<{ cluster: Int32Array; sim: Float32Array }> {
  const n = data.length / dim;
  const rows = VectorIndex.from(
    Array.from({ length: n }, (_, i) => i),
    data,
    { dim, metric: 'dot' },
  );
  const next = rng(42);
  const centres = new Float32Array(k * dim);
  const scan = (c: number): Float32Array => {
    const { ids, scores } = rows.scoreAll(centres.subarray(c * dim, (c + 1) * dim));
    const byRow = new Float32Array(n);
    for (let i = 0; i < n; i++) byRow[ids[i]] = scores[i];
    return byRow;
  };
  centres.set(data.subarray(0, dim), 0);
  const best = new Float32Array(n).fill(-Infinity);
  for (let c = 1; c < k; c++) {
    const s = scan(c - 1);
    let sum = 0;
    const dist = new Float32Array(n);
    for (let r = 0; r < n; r++) {
      best[r] = Math.max(best[r], s[r]);
      dist[r] = Math.max(0, 1 - best[r]) ** 2;
      sum += dist[r];
    }
    let pick = next() * sum;
    let r = 0;
    while (r < n - 1 && pick > dist[r]) pick -= dist[r++];
    centres.set(data.subarray(r * dim, (r + 1) * dim), c * dim);
    await yieldToLoop();
  }
  const cluster = new Int32Array(n);
  const sim = new Float32Array(n).fill(-Infinity);
  for (let it = 0; it < iterations; it++) {
    const previous = cluster.slice();
    sim.fill(-Infinity);
    for (let c = 0; c < k; c++) {
      const s = scan(c);
      for (let r = 0; r < n; r++) {
        if (s[r] > sim[r]) {
          sim[r] = s[r];
          cluster[r] = c;
        }
      }
      await yieldToLoop();
    }
    if (it > 0 && cluster.every((c, r) => c === previous[r])) break;
    centres.fill(0);
    for (let r = 0; r < n; r++) {
      const at = cluster[r] * dim;
      for (let j = 0; j < dim; j++) centres[at + j] += data[r * dim + j];
    }
    for (let c = 0; c < k; c++) {
      const v = centres.subarray(c * dim, (c + 1) * dim);
      let norm = 0;
      for (let j = 0; j < dim; j++) norm += v[j] * v[j];
      if (norm > 0) for (let j = 0; j < dim; j++) v[j] /= Math.sqrt(norm);
    }
  }
  return { cluster, sim };
}

/** How many clusters for n tracks: about one per 40 tracks, 2…24 (a screenful of "Sounds like"). */
export function clusterCount(n: number): number {
  return Math.max(2, Math.min(24, Math.round(n / 40)));
}

function majority<T>(items: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const x of items) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Names a cluster from its members' genres (by lift over the library) and sound. */
export function nameCluster(
  members: TrackId[],
  genres: Map<TrackId, string[]>,
  libraryShare: Map<string, number>,
  features: Map<TrackId, SoundFeatures>,
): { name: string; topGenres: string[] } {
  const counts = new Map<string, number>();
  for (const id of members)
    for (const g of genres.get(id) ?? [])
      counts.set(g.toLowerCase(), (counts.get(g.toLowerCase()) ?? 0) + 1);
  const topGenres = [...counts.entries()]
    .map(([g, c]) => ({
      g,
      share: c / members.length,
      lift: c / members.length / (libraryShare.get(g) ?? 1),
    }))
    .filter((x) => x.share >= 0.15)
    .sort((a, b) => b.share * Math.log1p(b.lift) - a.share * Math.log1p(a.lift))
    .slice(0, 2)
    .map((x) => x.g);
  const f = members
    .map((id) => features.get(id))
    .filter((x): x is SoundFeatures => x !== undefined);
  const words: string[] = [];
  if (f.length >= members.length / 2) {
    const bpms = f
      .map((x) => x.bpm)
      .filter((b): b is number => typeof b === 'number')
      .sort((a, b) => a - b);
    const bpm = bpms[Math.floor(bpms.length / 2)];
    if (bpm) words.push(bpm < 90 ? 'slow' : bpm >= 125 ? 'fast' : 'mid-tempo');
    const scale = majority(f.map((x) => x.scale).filter(Boolean));
    if (scale) words.push(`${scale}-key`);
    const centroids = f
      .map((x) => x.spectralCentroid)
      .filter((c): c is number => typeof c === 'number');
    const mean = centroids.reduce((a, b) => a + b, 0) / (centroids.length || 1);
    if (centroids.length) words.push(mean > 3000 ? 'bright' : mean < 1500 ? 'mellow' : 'warm');
  }
  const name = [...words, topGenres.join(' / ') || 'mixed'].join(' ');
  return { name, topGenres };
}

/** Clusters the rows of `space` and names each cluster; empty below 8 tracks. */
export async function buildClusters(
  space: { ids: TrackId[]; dim: number; data: Float32Array; name: 'sound' | 'text' },
  genres: Map<TrackId, string[]>,
  features: Map<TrackId, SoundFeatures>,
): Promise<{ clusters: Omit<StyleCluster, 'id' | 'examples'>[]; members: ClusterAssignment[] }> {
  // Fewer than 8 tracks make clusters of one or two: nothing to name.
  if (space.ids.length < 8) return { clusters: [], members: [] };
  const k = clusterCount(space.ids.length);
  const { cluster, sim } = await kMeans(space.data, space.dim, k);
  const libraryShare = new Map<string, number>();
  for (const id of space.ids)
    for (const g of genres.get(id) ?? [])
      libraryShare.set(
        g.toLowerCase(),
        (libraryShare.get(g.toLowerCase()) ?? 0) + 1 / space.ids.length,
      );
  const groups: TrackId[][] = Array.from({ length: k }, () => []);
  space.ids.forEach((id, r) => groups[cluster[r]].push(id));
  const kept = groups.map((g, c) => ({ g, c })).filter((x) => x.g.length > 0);
  const clusters = kept.map(({ g }) => ({
    ...nameCluster(g, genres, libraryShare, features),
    size: g.length,
    space: space.name,
  }));
  const position = new Map(kept.map((x, i) => [x.c, i]));
  const members = space.ids.map((trackId, r) => ({
    trackId,
    cluster: position.get(cluster[r]) as number,
    similarity: sim[r],
  }));
  return { clusters, members };
}
