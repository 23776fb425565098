/**
 * Decides which embedder Encore uses right now: the chosen semantic model (downloaded into the
 * data dir, or a user-chosen folder) when its files are complete and load, else the lexical
 * fallback, always with a reason a person can read. Settings come from the store
 * (`encore model use …`) and can be overridden by ENCORE_MODEL, ENCORE_MODEL_PATH,
 * ENCORE_OFFLINE=1 and ENCORE_MODEL_HOST.
 */
import type { MeaningStatus, ModelKey, ModelProgress } from '../../shared/meaning';
import type { VectorRepository } from '../store/vectors';
import type { ModelSpec } from './embed-core';
import { downloadModel } from './download';
import { LEXICAL_DIM, LEXICAL_MODEL_ID, LEXICAL_REVISION } from './lexical';
import {
  DEFAULT_MODEL,
  inspectDownloaded,
  inspectFolder,
  modelDir,
  type Inspection,
} from './models';

export const LEXICAL_KEY: ModelKey = { id: LEXICAL_MODEL_ID, revision: LEXICAL_REVISION };
export const LEXICAL_SPEC: ModelSpec = { backend: 'lexical', dim: LEXICAL_DIM };

export interface ModelSettings {
  model: string;
  modelPath?: string;
  offline: boolean;
  host: string;
}

/** The embedder chosen, with its key for stored vectors and the status to show. */
export interface Backend {
  key: ModelKey;
  spec: ModelSpec;
  status: MeaningStatus;
  /** Set when a download was tried and failed (so it is not retried at every start). */
  downloadError?: string;
}

export async function readSettings(
  vectors: VectorRepository,
  env = process.env,
): Promise<ModelSettings> {
  const offlineEnv = env.ENCORE_OFFLINE;
  return {
    model: env.ENCORE_MODEL || (await vectors.getSetting('model')) || DEFAULT_MODEL,
    modelPath: env.ENCORE_MODEL_PATH || (await vectors.getSetting('modelPath')) || undefined,
    offline:
      offlineEnv !== undefined
        ? offlineEnv === '1' || offlineEnv === 'true'
        : (await vectors.getSetting('offline')) === '1',
    host:
      env.ENCORE_MODEL_HOST || (await vectors.getSetting('modelHost')) || 'https://huggingface.co/',
  };
}

function lexical(wanted: string, state: MeaningStatus['state'], reason: string): Backend {
  return {
    key: LEXICAL_KEY,
    spec: LEXICAL_SPEC,
    status: {
      model: LEXICAL_KEY,
      wanted,
      semantic: false,
      state,
      reason: `${reason}; using the lexical fallback`,
    },
  };
}

export interface ResolveOptions {
  dataDir: string;
  settings: ModelSettings;
  /** Download a missing hub model (unless offline). */
  download: boolean;
  /** Loads the model in the worker; rejects when the files do not load. */
  probe: (spec: ModelSpec) => Promise<void>;
  onProgress?: (p: ModelProgress) => void;
  onDownloading?: () => void;
  threads?: number;
  signal?: AbortSignal;
}

/** Picks the backend: semantic when possible, lexical with the reason otherwise. Never throws. */
export async function resolveBackend(opts: ResolveOptions): Promise<Backend> {
  const { settings } = opts;
  const wanted = settings.modelPath ? `local:${settings.modelPath}` : settings.model;
  let found: Inspection = settings.modelPath
    ? inspectFolder(settings.modelPath, opts.threads)
    : inspectDownloaded(opts.dataDir, settings.model, opts.threads);
  if (found.state !== 'ready' && !settings.modelPath) {
    if (settings.offline) return lexical(wanted, found.state, `${found.reason} (offline mode)`);
    if (!opts.download) return lexical(wanted, found.state, found.reason);
    opts.onDownloading?.();
    try {
      await downloadModel({
        host: settings.host,
        id: settings.model,
        dir: modelDir(opts.dataDir, settings.model),
        onProgress: opts.onProgress,
        signal: opts.signal,
      });
    } catch (err) {
      const message = (err as Error).message;
      return {
        ...lexical(wanted, 'missing', `semantic model not installed: ${message}`),
        downloadError: message,
      };
    }
    found = inspectDownloaded(opts.dataDir, settings.model, opts.threads);
  }
  if (found.state !== 'ready') return lexical(wanted, found.state, found.reason);
  try {
    await opts.probe(found.spec);
  } catch (err) {
    const message = (err as Error).message.split('\n')[0].slice(0, 300);
    return lexical(wanted, 'corrupt', `model ${found.key.id} failed to load (${message})`);
  }
  return {
    key: found.key,
    spec: found.spec,
    status: {
      model: found.key,
      wanted,
      semantic: true,
      state: 'ready',
      reason: `semantic model ${found.key.id} ready`,
    },
  };
}

// After a failed download, background passes wait this long before trying again (6 h).
const RETRY_DOWNLOAD_MS = 6 * 3600_000;

/** The error of a download of `model` that failed within RETRY_DOWNLOAD_MS, if any. */
async function recentDownloadFailure(
  vectors: VectorRepository,
  model: string,
): Promise<string | undefined> {
  const raw = await vectors.getSetting('downloadFailure');
  if (!raw) return undefined;
  const record = JSON.parse(raw) as { model: string; at: number; error: string };
  return record.model === model && Date.now() - record.at < RETRY_DOWNLOAD_MS
    ? record.error
    : undefined;
}

/**
 * resolveBackend with the stored settings and a memory of failed downloads: unless `explicit`
 * (encore model download), a download that failed in the last hours is not retried, so an
 * offline machine does not wait at every start.
 */
export async function chooseBackend(
  opts: Omit<ResolveOptions, 'settings'> & { vectors: VectorRepository; explicit: boolean },
): Promise<Backend> {
  const settings = await readSettings(opts.vectors);
  const failure = await recentDownloadFailure(opts.vectors, settings.model);
  const backend = await resolveBackend({
    ...opts,
    settings,
    download: opts.download && (opts.explicit || !failure),
  });
  if (backend.downloadError) {
    const record = { model: settings.model, at: Date.now(), error: backend.downloadError };
    await opts.vectors.setSetting('downloadFailure', JSON.stringify(record));
  } else if (backend.status.semantic) {
    await opts.vectors.setSetting('downloadFailure', undefined);
  } else if (opts.download && failure) {
    backend.status.reason += ` (the last download failed: ${failure}; retry with \`encore model download\`)`;
  }
  return backend;
}
