/**
 * The main-process side of embedding: sends texts to the embed worker in jobs of at most 64
 * (bounded job time, steady progress), or hashes them in-process for the lexical fallback, which
 * costs microseconds per text and so keeps working even when the worker cannot start at all.
 */
import { WorkerPool } from '../workers/pool';
import { workerFile } from '../workers/worker-file';
import type { EmbedResponse, ModelSpec } from './embed-core';
import type { EmbedJob } from './embed-worker';
import { lexicalVectors } from './lexical';

// A job includes loading the model the first time: a 120 MB model loads in a few seconds, a slow
// disk or a busy CPU can make that much longer.
const JOB_TIMEOUT_MS = 180_000;
// One embed-run batch (128 tracks) per job: the worker then cuts it into token-sized batches.
const JOB_TEXTS = 128;

export class Embedder {
  private pool?: WorkerPool<EmbedJob, EmbedResponse>;

  /** Loads the model in the worker and runs one text; rejects when the files do not load. */
  async probe(spec: ModelSpec): Promise<void> {
    await this.workers().run({ op: 'probe', spec });
  }

  /** Embeds texts as contiguous unit rows; indexes of texts that failed are in `failed`. */
  async embed(
    spec: ModelSpec,
    texts: string[],
    mode: 'query' | 'passage',
    chunk: boolean,
  ): Promise<EmbedResponse> {
    const parts: EmbedResponse[] = [];
    for (let i = 0; i < texts.length; i += JOB_TEXTS) {
      const slice = texts.slice(i, i + JOB_TEXTS);
      parts.push(
        spec.backend === 'lexical'
          ? { ...lexicalVectors(slice, spec.dim), failed: [], tokens: 0 }
          : await this.workers().run({ op: 'embed', spec, texts: slice, mode, chunk }),
      );
    }
    const dim = parts[0]?.dim ?? 0;
    const data = new Float32Array(texts.length * dim);
    parts.forEach((p, i) => data.set(p.data, i * JOB_TEXTS * dim));
    const failed = parts.flatMap((p, i) => p.failed.map((f) => f + i * JOB_TEXTS));
    return { dim, data, failed, tokens: parts.reduce((s, p) => s + p.tokens, 0) };
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  private workers(): WorkerPool<EmbedJob, EmbedResponse> {
    this.pool ??= new WorkerPool<EmbedJob, EmbedResponse>({
      file: workerFile('embed-worker'),
      // One worker: onnxruntime already spreads one inference over the cores.
      size: 1,
      timeoutMs: JOB_TIMEOUT_MS,
    });
    return this.pool;
  }
}
