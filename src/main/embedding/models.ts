/**
 * Which sentence-embedding models Encore knows, where their files live, and whether a model on
 * disk is complete. Downloaded models sit in `<dataDir>/models/<org>/<name>/` with a manifest
 * written last (`encore-model.json`: hub commit and file sizes), so a half-finished or damaged
 * download is recognised instead of crashing the loader. A user-chosen local folder is used as is.
 *
 * Default: Xenova/paraphrase-multilingual-MiniLM-L12-v2. Collections mix English, Chinese,
 * Japanese, Spanish and more; this model was trained by multilingual knowledge distillation so
 * that a sentence and its translation map to the same vector (50+ languages), which is exactly
 * "a Chinese lyric about loneliness lands near an English one". It is symmetric (no query/passage
 * prefixes to get wrong), 384-dimensional, 12 small layers, ~118 MB as int8 ONNX. Its 128-token
 * window is why lyrics are chunked and averaged. multilingual-e5-small is the alternative
 * (asymmetric, needs "query: "/"passage: " prefixes, which the catalog records).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ModelKey } from '../../shared/meaning';
import type { ModelSpec } from './embed-core';

export { DEFAULT_MODEL, MODEL_CATALOG, type ModelInfo } from '../../shared/model-catalog';
import { MODEL_CATALOG, type ModelInfo } from '../../shared/model-catalog';

/** The files a model folder needs for int8 inference (fp32 uses onnx/model.onnx instead). */
export const MODEL_FILES = [
  'config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'onnx/model_quantized.onnx',
];
export const MANIFEST = 'encore-model.json';

export interface Manifest {
  id: string;
  /** Hub commit the files came from (or the requested revision when the hub did not say). */
  revision: string;
  files: Record<string, number>;
  downloadedAt: number;
}

export type Inspection =
  | { state: 'ready'; key: ModelKey; spec: Extract<ModelSpec, { backend: 'transformers' }> }
  | { state: 'missing' | 'corrupt'; reason: string };

/** Where a hub model's files live under the data dir. */
export function modelDir(dataDir: string, id: string): string {
  return join(dataDir, 'models', ...id.split('/'));
}

function info(id: string): ModelInfo | undefined {
  return MODEL_CATALOG.find((m) => m.id === id);
}

function specFor(
  folder: string,
  dtype: 'q8' | 'fp32',
  id: string,
  threads: number,
): Inspection & { state: 'ready' } {
  const known = info(id);
  let maxTokens = known?.maxTokens ?? 256;
  if (!known) {
    try {
      const cfg = JSON.parse(readFileSync(join(folder, 'tokenizer_config.json'), 'utf8')) as {
        model_max_length?: number;
      };
      // Tokenizer configs often say 1e30 for "unbounded"; BERT-style encoders stop at 512.
      if (cfg.model_max_length && cfg.model_max_length > 8)
        maxTokens = Math.min(512, cfg.model_max_length);
    } catch {
      // keep the default
    }
  }
  return {
    state: 'ready',
    key: { id, revision: '' },
    spec: {
      backend: 'transformers',
      folder,
      dtype,
      queryPrefix: known?.queryPrefix ?? '',
      passagePrefix: known?.passagePrefix ?? '',
      maxTokens,
      threads,
    },
  };
}

/** Checks a downloaded hub model: manifest present and every file at its recorded size. */
export function inspectDownloaded(dataDir: string, id: string, threads = 0): Inspection {
  const dir = modelDir(dataDir, id);
  const manifestPath = join(dir, MANIFEST);
  if (!existsSync(manifestPath)) {
    const partial = MODEL_FILES.some(
      (f) => existsSync(join(dir, f)) || existsSync(join(dir, `${f}.part`)),
    );
    return partial
      ? {
          state: 'corrupt',
          reason: `model ${id} is incompletely downloaded (no manifest in ${dir})`,
        }
      : { state: 'missing', reason: `semantic model not installed (${id} is not in ${dir})` };
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  } catch (err) {
    return {
      state: 'corrupt',
      reason: `model manifest ${manifestPath} is unreadable: ${(err as Error).message}`,
    };
  }
  for (const [file, size] of Object.entries(manifest.files)) {
    const path = join(dir, file);
    const actual = existsSync(path) ? statSync(path).size : -1;
    if (actual !== size) {
      return {
        state: 'corrupt',
        reason: `model file ${file} is ${actual < 0 ? 'missing' : `${actual} bytes, expected ${size}`} (damaged download)`,
      };
    }
  }
  const ready = specFor(dir, 'q8', id, threads);
  ready.key.revision = manifest.revision;
  return ready;
}

/**
 * Checks a user-chosen model folder (config.json, tokenizer.json and an ONNX model). Its revision
 * is a hash of the configs and the model file's size and time, so replacing the files re-embeds.
 */
export function inspectFolder(folder: string, threads = 0): Inspection {
  const dir = resolve(folder);
  for (const file of ['config.json', 'tokenizer.json']) {
    if (!existsSync(join(dir, file)))
      return { state: 'missing', reason: `model folder ${dir} has no ${file}` };
  }
  const quantized = join(dir, 'onnx', 'model_quantized.onnx');
  const full = join(dir, 'onnx', 'model.onnx');
  const onnx = existsSync(quantized) ? quantized : existsSync(full) ? full : undefined;
  if (!onnx)
    return {
      state: 'missing',
      reason: `model folder ${dir} has no onnx/model_quantized.onnx or onnx/model.onnx`,
    };
  const hash = createHash('sha1');
  for (const file of ['config.json', 'tokenizer.json']) hash.update(readFileSync(join(dir, file)));
  const st = statSync(onnx);
  if (st.size === 0) return { state: 'corrupt', reason: `model file ${onnx} is empty` };
  hash.update(`${st.size}:${st.mtimeMs}`);
  const ready = specFor(dir, onnx === quantized ? 'q8' : 'fp32', `local:${dir}`, threads);
  ready.key.revision = `local-${hash.digest('hex').slice(0, 12)}`;
  return ready;
}
