/**
 * The main-process side of embedding: sends texts to the embed worker in jobs of at most 128
 * (bounded job time, steady progress), or hashes them in-process for the lexical fallback, which
 * costs microseconds per text and so keeps working even when the worker cannot start at all.
 * The worker exits when it has had nothing to do for a while, so the model it holds does not stay
 * in memory between embedding passes; the next text starts it again.
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
/**
 * Idle time after which the worker exits with the model: the default model's session holds ~120
 * MB of weights plus onnxruntime's buffers. Long enough that a pass's jobs, the mood refresh after
 * it and a burst of vibe searches share one load; loading again costs about a second.
 */
export const IDLE_EXIT_MS = 30_000;

export class Embedder {
  private pool?: WorkerPool<EmbedJob, EmbedResponse>;
  private active = 0;
  private idleTimer?: NodeJS.Timeout;

  constructor(private readonly idleExitMs = IDLE_EXIT_MS) {}

  /** Whether the embed worker (and the model in it) is loaded now. */
  get loaded(): boolean {
    return this.pool !== undefined;
  }

  /** Loads the model in the worker and runs one text; rejects when the files do not load. */
  async probe(spec: ModelSpec): Promise<void> {
    await this.job({ op: 'probe', spec });
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
          : await this.job({ op: 'embed', spec, texts: slice, mode, chunk }),
      );
    }
    const dim = parts[0]?.dim ?? 0;
    const data = new Float32Array(texts.length * dim);
    parts.forEach((p, i) => data.set(p.data, i * JOB_TEXTS * dim));
    const failed = parts.flatMap((p, i) => p.failed.map((f) => f + i * JOB_TEXTS));
    return { dim, data, failed, tokens: parts.reduce((s, p) => s + p.tokens, 0) };
  }

  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    await this.pool?.close();
    this.pool = undefined;
  }

  /** One job in the worker; the last one to finish starts the idle countdown. */
  private async job(job: EmbedJob): Promise<EmbedResponse> {
    clearTimeout(this.idleTimer);
    this.active++;
    try {
      return await this.workers().run(job);
    } finally {
      if (--this.active === 0) {
        this.idleTimer = setTimeout(() => void this.exitIdle(), this.idleExitMs);
        this.idleTimer.unref();
      }
    }
  }

  private async exitIdle(): Promise<void> {
    const pool = this.pool;
    if (this.active > 0 || !pool) return;
    this.pool = undefined;
    await pool.close();
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
