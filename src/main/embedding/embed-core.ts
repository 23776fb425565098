/**
 * The embedding work itself, run inside the embed worker (and by the benchmark): texts → mean-
 * pooled, L2-normalised vectors with a transformers.js feature-extraction pipeline, or with the
 * lexical fallback. Long texts (lyrics) are cut into line-aligned chunks that fit the model's
 * window, embedded in batches, and averaged (weighted by tokens), so a long song is not reduced
 * to its first lines. Texts are sorted by length before batching so little time goes to padding.
 */
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { availableParallelism } from 'node:os';
import { lexicalVectors } from './lexical';

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
      /** onnxruntime intra-op threads; 0 = one per core of this machine (`intraOpThreads`), −1 =
       * onnxruntime's own default (what Encore used before; kept for the benchmark). */
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
 * Tokens per inference call: a batch is as many texts as fit when each is padded to the longest
 * (texts are sorted by length first). Many short descriptors share one call, long lyric chunks
 * go a dozen or so at a time, so every call does a similar amount of work.
 */
export const BATCH_TOKENS = 2048;

/**
 * onnxruntime intra-op threads for this machine: one per core the process may use. Its own default
 * starts more threads than that on a small machine (12 on 2 cores here), which then wait on each
 * other; the inter-op pool is not used by these sequential encoder graphs.
 */
export function intraOpThreads(): number {
  return Math.max(1, availableParallelism());
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
            },
    }) as Promise<FeatureExtractionPipeline>;
    // A failed load is not cached: the next request retries (files may have been repaired).
    loading.catch(() => pipelines.delete(key));
    pipelines.set(key, loading);
  }
  return loading;
}

interface Piece {
  text: number;
  content: string;
  tokens: number;
}

/** Splits a text into line-aligned pieces of at most `budget` tokens (a longer line is cut). */
function chunkText(
  text: string,
  count: (s: string) => number,
  budget: number,
): { content: string; tokens: number }[] {
  const lines = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const out: { content: string; tokens: number }[] = [];
  let current: string[] = [];
  let used = 0;
  const flush = (): void => {
    if (current.length) out.push({ content: current.join('\n'), tokens: used });
    current = [];
    used = 0;
  };
  for (const line of lines) {
    const n = count(line);
    if (used + n > budget) flush();
    current.push(line);
    used += Math.min(n, budget);
    if (used >= budget) flush();
  }
  flush();
  return out;
}

async function embedSemantic(
  spec: Extract<ModelSpec, { backend: 'transformers' }>,
  req: EmbedRequest,
): Promise<EmbedResponse> {
  const extractor = await loadPipeline(spec);
  const prefix = req.mode === 'query' ? spec.queryPrefix : spec.passagePrefix;
  const count = (s: string): number =>
    extractor.tokenizer.encode(s, { add_special_tokens: false }).length;
  // Room for [CLS], [SEP] and the prefix.
  const budget = Math.max(8, spec.maxTokens - 2 - (prefix ? count(prefix) : 0));
  const pieces: Piece[] = [];
  req.texts.forEach((text, i) => {
    const parts = req.chunk
      ? chunkText(text, count, budget)
      : [{ content: text.trim(), tokens: Math.min(budget, count(text)) }];
    for (const p of parts)
      if (p.content)
        pieces.push({ text: i, content: prefix + p.content, tokens: Math.max(1, p.tokens) });
  });
  const order = pieces
    .map((_, i) => i)
    .sort((a, b) => pieces[a].content.length - pieces[b].content.length);
  const batches = req.batchSize
    ? fixedBatches(order, req.batchSize)
    : tokenBatches(order, pieces, req.batchTokens ?? BATCH_TOKENS, spec.maxTokens);
  let dim = 0;
  let sums: Float32Array | undefined;
  const weights = new Float64Array(req.texts.length);
  const failed = new Set<number>();
  let tokens = 0;
  for (const indexes of batches) {
    const group = indexes.map((i) => pieces[i]);
    try {
      const out = await extractor(
        group.map((p) => p.content),
        { pooling: 'mean', normalize: true },
      );
      dim = out.dims[1];
      sums ??= new Float32Array(req.texts.length * dim);
      const data = out.data as Float32Array;
      group.forEach((p, g) => {
        const w = req.chunk ? p.tokens : 1;
        weights[p.text] += w;
        for (let j = 0; j < dim; j++)
          (sums as Float32Array)[p.text * dim + j] += w * data[g * dim + j];
      });
      tokens += group.reduce((s, p) => s + p.tokens, 0);
    } catch {
      for (const p of group) failed.add(p.text);
    }
  }
  if (!sums) {
    if (pieces.length > 0) throw new Error('the model produced no output for any text');
    dim = (await extractor('x', { pooling: 'mean', normalize: true })).dims[1];
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

/** `order` cut into runs of `size`. */
function fixedBatches(order: number[], size: number): number[][] {
  const out: number[][] = [];
  for (let start = 0; start < order.length; start += size)
    out.push(order.slice(start, start + size));
  return out;
}

/**
 * `order` (pieces sorted by length) cut into runs whose padded size — count × the longest piece's
 * tokens, plus [CLS] and [SEP] — stays within `budget` tokens (at least one piece per run).
 */
function tokenBatches(
  order: number[],
  pieces: Piece[],
  budget: number,
  maxTokens: number,
): number[][] {
  const out: number[][] = [];
  let run: number[] = [];
  let longest = 0;
  for (const i of order) {
    const len = Math.min(maxTokens, pieces[i].tokens + 2);
    const wider = Math.max(longest, len);
    if (run.length > 0 && (run.length + 1) * wider > budget) {
      out.push(run);
      run = [];
      longest = 0;
    }
    run.push(i);
    longest = Math.max(longest, len);
  }
  if (run.length) out.push(run);
  return out;
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
