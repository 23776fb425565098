/**
 * The embedding work itself, run inside the embed worker (and by the benchmark): texts → mean-
 * pooled, L2-normalised vectors with a transformers.js model, or with the lexical fallback. Texts
 * are tokenised once (text-pieces.ts); long texts (lyrics) are cut into line-aligned windows that
 * are embedded and averaged (weighted by tokens), so a long song is not reduced to its first
 * lines. Pieces are sorted by length and batched by padded tokens so little time goes to padding.
 */
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { availableParallelism } from 'node:os';
import { BatchInputs } from './batch-inputs';
import { lexicalVectors } from './lexical';
import { byLength, fixedBatches, PieceMaker, tokenBatches } from './text-pieces';

/** How to embed: a semantic model in a local folder, or the lexical fallback. */
export type ModelSpec =
  | {
      backend: 'transformers';
      /** Absolute folder with config.json, tokenizer.json, onnx/model[_quantized].onnx. */
      folder: string;
      /** 'q8' loads onnx/model_quantized.onnx, 'fp32' onnx/model.onnx. */
      dtype: 'q8' | 'fp32';
      /** Prefixes some models (e5) were trained with; '' for the others. */
      queryPrefix: string;
      passagePrefix: string;
      /** Tokens the model sees at once (its max_seq_length). */
      maxTokens: number;
      /** onnxruntime intra-op threads; 0 = half the cores of this machine (`intraOpThreads`),
       * −1 = onnxruntime's own default (what Encore used before; kept for the benchmark). */
      threads: number;
    }
  | { backend: 'lexical'; dim: number };

export interface EmbedRequest {
  spec: ModelSpec;
  texts: string[];
  /** 'query' for search text, 'passage' for what is searched. */
  mode: 'query' | 'passage';
  /** Chunk long texts by lines and average (lyrics); otherwise truncate at the window. */
  chunk: boolean;
  /** Texts (or chunks) per inference call; unset: batches of about `batchTokens` tokens. */
  batchSize?: number;
  /** Tokens per inference call, padding included (default BATCH_TOKENS). */
  batchTokens?: number;
}

/**
 * Tokens per inference call, padding included: a batch is as many pieces as fit when each is
 * padded to the longest (pieces are sorted by length first). Measured with the default model's
 * architecture on 2 cores (int8, one thread): 16 × 80 tokens per call gave the most texts per
 * CPU-second, 8 × 80 2 % fewer, 32 × 80 11 % fewer (larger activations fall out of the cache).
 */
export const BATCH_TOKENS = 1280;

/**
 * onnxruntime intra-op threads for this machine: half the cores the process may use (at least
 * one). onnxruntime's own default starts more threads than cores (12 on 2 cores here), which
 * then spin waiting on each other; and embedding runs in the background beside analysis and the
 * UI, where one thread per core measured half the texts per CPU-second of a single thread on a
 * busy 2-core machine (bench:embed). The inter-op pool is unused by these sequential graphs.
 */
export function intraOpThreads(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}

export interface EmbedResponse {
  dim: number;
  /** texts.length rows of dim values; a failed text's row is all zeros. */
  data: Float32Array;
  /** Indexes of texts that could not be embedded. */
  failed: number[];
  /** Model tokens processed (0 for lexical). */
  tokens: number;
}

const pipelines = new Map<string, Promise<FeatureExtractionPipeline>>();

/** Loads (once per spec) the pipeline for a model folder, with remote access off. */
export function loadPipeline(
  spec: Extract<ModelSpec, { backend: 'transformers' }>,
): Promise<FeatureExtractionPipeline> {
  const key = JSON.stringify([spec.folder, spec.dtype, spec.threads]);
  let loading = pipelines.get(key);
  if (!loading) {
    // Files are fetched by Encore's own downloader in the main process; here only local files.
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.useFSCache = false;
    loading = pipeline('feature-extraction', spec.folder, {
      dtype: spec.dtype,
      device: 'cpu',
      local_files_only: true,
      session_options:
        spec.threads < 0
          ? {}
          : {
              intraOpNumThreads: spec.threads > 0 ? spec.threads : intraOpThreads(),
              interOpNumThreads: 1,
              executionMode: 'sequential',
              // Idle threads sleep instead of spinning: spinning burns the core another thread
              // (of this pool or of the analysis) is waiting for.
              extra: { session: { intra_op: { allow_spinning: '0' } } },
            },
    }) as Promise<FeatureExtractionPipeline>;
    // A failed load is not cached: the next request retries (files may have been repaired).
    loading.catch(() => pipelines.delete(key));
    pipelines.set(key, loading);
  }
  return loading;
}

async function embedSemantic(
  spec: Extract<ModelSpec, { backend: 'transformers' }>,
  req: EmbedRequest,
): Promise<EmbedResponse> {
  const extractor = await loadPipeline(spec);
  const maker = new PieceMaker(
    extractor.tokenizer,
    spec.maxTokens,
    req.mode === 'query' ? spec.queryPrefix : spec.passagePrefix,
  );
  const pieces = req.texts.flatMap((text, i) =>
    req.chunk ? maker.lines(i, text) : maker.whole(i, text),
  );
  const order = byLength(pieces);
  const batches = req.batchSize
    ? fixedBatches(order, req.batchSize)
    : tokenBatches(order, pieces, req.batchTokens ?? BATCH_TOKENS);
  const inputs = new BatchInputs(extractor);
  let dim = 0;
  let sums: Float32Array | undefined;
  const weights = new Float64Array(req.texts.length);
  const failed = new Set<number>();
  let tokens = 0;
  for (const indexes of batches) {
    const group = indexes.map((i) => pieces[i]);
    try {
      const pooled = await inputs.meanPooled(group);
      dim = pooled.dim;
      sums ??= new Float32Array(req.texts.length * dim);
      group.forEach((p, g) => {
        const w = req.chunk ? p.tokens : 1;
        weights[p.text] += w;
        const row = pooled.data.subarray(g * dim, (g + 1) * dim);
        normalise(row);
        for (let j = 0; j < dim; j++) (sums as Float32Array)[p.text * dim + j] += w * row[j];
      });
      tokens += group.reduce((s, p) => s + p.tokens, 0);
    } catch {
      for (const p of group) failed.add(p.text);
    }
  }
  if (!sums) {
    if (pieces.length > 0) throw new Error('the model produced no output for any text');
    dim = (await inputs.meanPooled(maker.whole(0, 'x'))).dim;
    sums = new Float32Array(req.texts.length * dim);
  }
  for (let t = 0; t < req.texts.length; t++) {
    if (weights[t] === 0 || failed.has(t)) {
      sums.fill(0, t * dim, (t + 1) * dim);
      if (req.texts[t].trim()) failed.add(t);
      continue;
    }
    normalise(sums.subarray(t * dim, (t + 1) * dim));
  }
  return { dim, data: sums, failed: [...failed].sort((a, b) => a - b), tokens };
}

function normalise(v: Float32Array): void {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i] * v[i];
  if (n === 0) return;
  const inv = 1 / Math.sqrt(n);
  for (let i = 0; i < v.length; i++) v[i] *= inv;
}

/** Embeds texts as the request says; never throws for one bad text (it is listed in `failed`). */
export async function embed(req: EmbedRequest): Promise<EmbedResponse> {
  if (req.spec.backend === 'lexical')
    return { ...lexicalVectors(req.texts, req.spec.dim), failed: [], tokens: 0 };
  return embedSemantic(req.spec, req);
}
