/**
 * One embedding pass over the library: for each batch of tracks, build the descriptor text and
 * take the lyrics, skip texts already embedded with the same model and the same text (hash), embed
 * the rest in the worker, store vectors and failures, report progress. Cancellable between
 * batches; a failed batch is recorded per track and the pass goes on.
 */
import type { EmbeddingProgress, TextKind } from '../../shared/meaning';
import type { TrackId } from '../../shared/library';
import type { Store } from '../store/index';
import type { EmbedFailure, TextVectorRow } from '../store/vectors';
import type { EmbedResponse } from './embed-core';
import type { Backend } from './model-status';
import { descriptorText, textHash } from './descriptor';
import type { SoundFeatures } from './sound-words';

/** What the embedding stage reads of the analysis (store.features): the measured sound features. */
export interface AnalysisReader {
  getMany(ids: TrackId[]): Promise<(SoundFeatures & { trackId: TrackId; status: string })[]>;
  soundVectors?(): Promise<{ ids: TrackId[]; dim: number; data: Float32Array }>;
}

export interface RunOptions {
  store: Store;
  backend: Backend;
  features: (ids: TrackId[]) => Promise<Map<TrackId, SoundFeatures>>;
  embed: (texts: string[], chunk: boolean) => Promise<EmbedResponse>;
  progress: (p: EmbeddingProgress) => void;
  /** Called after vectors are stored / removed, so in-memory indexes follow. */
  stored?: (kind: TextKind, rows: TextVectorRow[]) => Promise<void>;
  removed?: (kind: TextKind, ids: TrackId[]) => Promise<void>;
  cancelled: () => boolean;
}

// Tracks per pass step: big enough to batch inference well, small enough for steady progress.
const BATCH = 128;

interface Todo {
  trackId: TrackId;
  text: string;
  hash: string;
}

/** Runs the pass; returns the ids of tracks whose vectors changed. */
export async function embedPendingRun(opts: RunOptions): Promise<TrackId[]> {
  const { store, backend } = opts;
  const ids = await store.vectors.trackIds();
  const changed: TrackId[] = [];
  let failed = 0;
  for (let start = 0; start < ids.length && !opts.cancelled(); start += BATCH) {
    const batch = ids.slice(start, start + BATCH);
    const stored = await store.vectors.hashes(batch, backend.key);
    const tracks = await store.tracks.getMany(batch);
    const features = await opts.features(batch);
    const lyrics = new Map(
      (await store.vectors.lyricsTexts(batch)).map((l) => [l.trackId, l.plain]),
    );
    const todo: Record<TextKind, Todo[]> = { descriptor: [], lyrics: [] };
    const dropLyrics: TrackId[] = [];
    for (const t of tracks) {
      const desc = descriptorText(t, features.get(t.id));
      const dh = textHash(desc);
      if (stored.get(`${t.id}:descriptor`) !== dh)
        todo.descriptor.push({ trackId: t.id, text: desc, hash: dh });
      const plain = lyrics.get(t.id)?.trim();
      if (plain) {
        const lh = textHash(plain);
        if (stored.get(`${t.id}:lyrics`) !== lh)
          todo.lyrics.push({ trackId: t.id, text: plain, hash: lh });
      } else if (stored.has(`${t.id}:lyrics`)) {
        dropLyrics.push(t.id);
      }
    }
    if (dropLyrics.length) {
      await store.vectors.remove(dropLyrics, 'lyrics');
      await opts.removed?.('lyrics', dropLyrics);
      changed.push(...dropLyrics);
    }
    for (const kind of ['descriptor', 'lyrics'] as const) {
      const items = todo[kind];
      if (items.length === 0) continue;
      const rows: TextVectorRow[] = [];
      const failures: EmbedFailure[] = [];
      try {
        const out = await opts.embed(
          items.map((i) => i.text),
          kind === 'lyrics',
        );
        const bad = new Set(out.failed);
        items.forEach((item, i) => {
          if (bad.has(i)) {
            failures.push({
              trackId: item.trackId,
              kind,
              model: backend.key,
              textHash: item.hash,
              error: 'the model could not embed this text',
            });
            return;
          }
          rows.push({
            trackId: item.trackId,
            kind,
            model: backend.key,
            vector: out.data.slice(i * out.dim, (i + 1) * out.dim),
            textHash: item.hash,
          });
        });
      } catch (err) {
        const error = (err as Error).message.slice(0, 300);
        for (const item of items)
          failures.push({
            trackId: item.trackId,
            kind,
            model: backend.key,
            textHash: item.hash,
            error,
          });
      }
      await store.vectors.upsert(rows);
      await store.vectors.recordFailures(failures);
      failed += failures.length;
      await opts.stored?.(kind, rows);
      changed.push(...rows.map((r) => r.trackId));
    }
    opts.progress({
      done: Math.min(ids.length, start + BATCH),
      total: ids.length,
      failed,
      finished: false,
    });
  }
  opts.progress({ done: ids.length, total: ids.length, failed, finished: true });
  return [...new Set(changed)];
}
