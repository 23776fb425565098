/**
 * Downloads a model's files from the Hugging Face hub (or a mirror) into Encore's data dir, with
 * progress. Each file streams to `<file>.part` and is renamed when complete and of the announced
 * size; the manifest (hub commit, file sizes) is written last, so anything less than a finished
 * download is recognised as incomplete. Network I/O only: no CPU-heavy work, so it runs on the
 * main process's event loop.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import type { ModelProgress } from '../../shared/meaning';
import { MANIFEST, MODEL_FILES, type Manifest } from './models';

export interface DownloadOptions {
  /** Hub base URL, e.g. "https://huggingface.co/" (a mirror works the same way). */
  host: string;
  id: string;
  /** Branch, tag or commit; default 'main'. */
  revision?: string;
  dir: string;
  files?: string[];
  onProgress?: (p: ModelProgress) => void;
  /** Milliseconds without a byte before the download is given up. */
  idleTimeoutMs?: number;
  /** Aborts the download (the engine is closing). */
  signal?: AbortSignal;
}

// A hub that has not answered a HEAD request in 15 s is not reachable from here.
const CONNECT_TIMEOUT_MS = 15_000;

function url(host: string, id: string, revision: string, file: string): string {
  const base = host.endsWith('/') ? host : `${host}/`;
  return `${base}${id}/resolve/${encodeURIComponent(revision)}/${file}`;
}

/**
 * Sizes of the files (HEAD), 0 where the server does not say. Throws when no request got any
 * answer at all (no network, hub unreachable), so an offline machine fails in seconds.
 */
async function sizes(opts: DownloadOptions, revision: string, files: string[]): Promise<number[]> {
  const errors: string[] = [];
  const out = await Promise.all(
    files.map(async (f) => {
      try {
        const res = await fetch(url(opts.host, opts.id, revision, f), {
          method: 'HEAD',
          signal: opts.signal
            ? AbortSignal.any([opts.signal, AbortSignal.timeout(CONNECT_TIMEOUT_MS)])
            : AbortSignal.timeout(CONNECT_TIMEOUT_MS),
        });
        return res.ok ? Number(res.headers.get('content-length') ?? 0) : 0;
      } catch (err) {
        errors.push((err as Error).name === 'TimeoutError' ? 'no answer' : (err as Error).message);
        return 0;
      }
    }),
  );
  if (errors.length === files.length)
    throw new Error(`hub ${opts.host} unreachable (${errors[0]})`);
  return out;
}

/** Downloads every file; resolves to the manifest written. Throws (leaving no manifest) on failure. */
export async function downloadModel(opts: DownloadOptions): Promise<Manifest> {
  const files = opts.files ?? MODEL_FILES;
  let revision = opts.revision ?? 'main';
  const idle = opts.idleTimeoutMs ?? 30_000;
  await mkdir(opts.dir, { recursive: true });
  await rm(join(opts.dir, MANIFEST), { force: true });
  opts.onProgress?.({
    modelId: opts.id,
    file: files[0],
    loaded: 0,
    total: 0,
    state: 'downloading',
  });
  let expected: number[];
  try {
    expected = await sizes(opts, revision, files);
  } catch (err) {
    const message = (err as Error).message;
    opts.onProgress?.({
      modelId: opts.id,
      file: files[0],
      loaded: 0,
      total: 0,
      state: 'failed',
      error: message,
    });
    throw new Error(`could not download ${opts.id}: ${message}`);
  }
  let total = expected.reduce((a, b) => a + b, 0);
  let loaded = 0;
  const report = (file: string, state: ModelProgress['state'], error?: string): void =>
    opts.onProgress?.({
      modelId: opts.id,
      file,
      loaded,
      total: Math.max(total, loaded),
      state,
      error,
    });
  const manifest: Manifest = { id: opts.id, revision, files: {}, downloadedAt: 0 };
  let current = files[0];
  try {
    for (const [i, file] of files.entries()) {
      current = file;
      const controller = new AbortController();
      if (opts.signal?.aborted) throw new Error('download cancelled');
      opts.signal?.addEventListener('abort', () => controller.abort(), { once: true });
      let timer = setTimeout(() => controller.abort(), idle);
      const res = await fetch(url(opts.host, opts.id, revision, file), {
        signal: controller.signal,
      });
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status} for ${file}`);
      // Pin the rest of the files to the commit the first one came from.
      const commit = res.headers.get('x-repo-commit');
      if (i === 0 && commit) revision = manifest.revision = commit;
      const length = Number(res.headers.get('content-length') ?? 0);
      if (length && length !== expected[i]) {
        total += length - expected[i];
        expected[i] = length;
      }
      const path = join(opts.dir, file);
      await mkdir(dirname(path), { recursive: true });
      const out = Writable.toWeb(createWriteStream(`${path}.part`)).getWriter();
      let bytes = 0;
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        clearTimeout(timer);
        timer = setTimeout(() => controller.abort(), idle);
        await out.write(value);
        bytes += value.byteLength;
        loaded += value.byteLength;
        report(file, 'downloading');
      }
      clearTimeout(timer);
      await out.close();
      if (length && bytes !== length) throw new Error(`${file}: got ${bytes} of ${length} bytes`);
      await rename(`${path}.part`, path);
      manifest.files[file] = bytes;
    }
    manifest.downloadedAt = Date.now();
    await writeFile(join(opts.dir, MANIFEST), JSON.stringify(manifest, null, 2));
    report(current, 'done');
    return manifest;
  } catch (err) {
    const message =
      (err as Error).name === 'AbortError'
        ? `download stalled (no data for ${idle} ms)`
        : (err as Error).message;
    await rm(join(opts.dir, `${current}.part`), { force: true }).catch(() => undefined);
    report(current, 'failed', message);
    throw new Error(`could not download ${opts.id}: ${message}`);
  }
}
