/**
 * The model download and damage paths, offline: a local HTTP server plays the hub (same URL
 * layout, X-Repo-Commit header), serving the tiny fixture model, failing, or cutting files short.
 */
import { createServer, type Server } from 'node:http';
import {
  cpSync,
  existsSync,
  readFileSync,
  statSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/main/events';
import { Meaning } from '../../../src/main/embedding/meaning';
import { MANIFEST, modelDir } from '../../../src/main/embedding/models';
import { Store } from '../../../src/main/store/index';
import type { ModelProgress } from '../../../src/shared/meaning';
import { scratchDir, TINY_MODEL } from './helpers';
import { addTracks } from '../../helpers/tracks';

const MODEL = 'Xenova/tiny-test';
let mode: 'ok' | 'fail' | 'short' | 'slow' = 'ok';
// In 'slow' mode the ONNX file stops half way until this is called.
let release: () => void = () => undefined;
// Set once the slow ONNX request is being held: releasing before that would release nothing.
let held = false;
let server: Server;
let host = '';
let requests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    const m = req.url?.match(/^\/Xenova\/tiny-test\/resolve\/[^/]+\/(.+)$/);
    const file = m ? join(TINY_MODEL, decodeURIComponent(m[1])) : '';
    if (!m || !existsSync(file) || mode === 'fail') {
      res.writeHead(mode === 'fail' ? 503 : 404).end();
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, { 'content-length': String(body.length), 'x-repo-commit': 'c0ffee1234' });
    if (req.method === 'HEAD') return void res.end();
    // 'short': announce the full length, send half, then hang up (a dropped connection).
    if (mode === 'short' && file.endsWith('.onnx')) {
      res.write(body.subarray(0, body.length >> 1));
      res.destroy();
      return;
    }
    if (mode === 'slow' && file.endsWith('.onnx')) {
      res.write(body.subarray(0, body.length >> 1));
      release = () => res.end(body.subarray(body.length >> 1));
      held = true;
      return;
    }
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  host = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function open(): Promise<{
  dir: string;
  store: Store;
  meaning: Meaning;
  progress: ModelProgress[];
}> {
  const dir = scratchDir('encore-models-');
  const store = await Store.open(dir);
  await store.vectors.setSetting('model', MODEL);
  await store.vectors.setSetting('modelHost', host);
  const events = new EventBus();
  const progress: ModelProgress[] = [];
  events.on('model.progress', (p) => progress.push(p));
  return { dir, store, meaning: new Meaning({ dataDir: dir, store, events }), progress };
}

describe('model download', () => {
  it('downloads into the data dir with progress, records the hub commit, then works offline', async () => {
    mode = 'ok';
    const { dir, store, meaning, progress } = await open();
    expect((await meaning.status()).state).toBe('missing');
    const status = await meaning.download();
    expect(status.semantic).toBe(true);
    expect(status.model).toEqual({ id: MODEL, revision: 'c0ffee1234' });
    const folder = modelDir(dir, MODEL);
    expect(existsSync(join(folder, 'onnx', 'model_quantized.onnx'))).toBe(true);
    expect(
      JSON.parse(readFileSync(join(folder, MANIFEST), 'utf8')).files['onnx/model_quantized.onnx'],
    ).toBe(statSync(join(TINY_MODEL, 'onnx', 'model_quantized.onnx')).size);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toMatchObject({ state: 'done', modelId: MODEL });
    expect(progress.at(-1)?.loaded).toBe(progress.at(-1)?.total);
    await meaning.close();
    // A new session with downloading impossible (server failing, offline) still uses the files.
    mode = 'fail';
    await store.vectors.setSetting('offline', '1');
    const again = new Meaning({ dataDir: dir, store, events: new EventBus() });
    expect((await again.status()).semantic).toBe(true);
    expect((await again.embedText('rain at night')).length).toBe(48);
    await again.close();
    await store.close();
  });

  it('falls back to lexical with a clear reason when the download fails', async () => {
    mode = 'fail';
    const { store, meaning, progress } = await open();
    const status = await meaning.download();
    expect(status.semantic).toBe(false);
    expect(status.reason).toMatch(
      /semantic model not installed: could not download Xenova\/tiny-test: HTTP 503/,
    );
    expect(progress.at(-1)?.state).toBe('failed');
    expect((await meaning.embedText('still works')).length).toBe(384);
    await meaning.close();
    await store.close();
  });

  it('recognises a cut-off download as incomplete and leaves no partial file in place', async () => {
    mode = 'short';
    const { dir, store, meaning } = await open();
    const status = await meaning.download();
    expect(status.semantic).toBe(false);
    const folder = modelDir(dir, MODEL);
    expect(existsSync(join(folder, MANIFEST))).toBe(false);
    expect(existsSync(join(folder, 'onnx', 'model_quantized.onnx'))).toBe(false);
    // Next start, offline: files half there and no manifest → "incompletely downloaded".
    await store.vectors.setSetting('offline', '1');
    meaning.reset();
    const later = await meaning.status();
    expect(later.state).toBe('corrupt');
    expect(later.reason).toMatch(/incompletely downloaded/);
    await meaning.close();
    await store.close();
  });
});

describe('download failures', () => {
  it('fails fast with "unreachable" when the hub does not answer at all', async () => {
    const { store, meaning } = await open();
    await meaning.configure({ host: 'http://127.0.0.1:9/' });
    const status = await meaning.download();
    expect(status.reason).toMatch(/could not download .*hub http:\/\/127\.0\.0\.1:9\/ unreachable/);
    await meaning.close();
    await store.close();
  });

  it('does not retry a failed download at every start, only when asked', async () => {
    mode = 'fail';
    const { dir, store, meaning } = await open();
    await meaning.embedPending();
    expect((await meaning.status()).semantic).toBe(false);
    await meaning.close();
    const before = requests;
    const next = new Meaning({ dataDir: dir, store, events: new EventBus() });
    await next.embedPending();
    expect(requests).toBe(before);
    expect((await next.status()).reason).toMatch(
      /the last download failed: .*HTTP 503.*encore model download/,
    );
    mode = 'ok';
    expect((await next.download()).semantic).toBe(true);
    expect(requests).toBeGreaterThan(before);
    await next.close();
    await store.close();
  });
});

describe('when the download happens', () => {
  it('never from a background pass after a scan; from the first vibe search, in the background', async () => {
    mode = 'ok';
    const dir = scratchDir('encore-models-auto-');
    const store = await Store.open(dir);
    await store.vectors.setSetting('model', MODEL);
    await store.vectors.setSetting('modelHost', host);
    const events = new EventBus();
    const meaning = new Meaning({ dataDir: dir, store, events, auto: true });
    const finished = (): Promise<void> =>
      new Promise((resolve) => {
        const off = events.on('embedding.progress', (p) => p.finished && (off(), resolve()));
      });
    const ids = await addTracks(store, '/m', [
      { path: '/m/a.mp3', title: 'Rain at night', artist: 'A' },
      { path: '/m/b.mp3', title: 'Sunny morning', artist: 'B' },
    ]);
    const before = requests;
    const first = finished();
    events.emit('library.changed', { added: ids, updated: [], removed: [] });
    await first;
    expect(requests).toBe(before);
    expect((await meaning.status()).semantic).toBe(false);

    const second = finished();
    const result = await meaning.vibe('rain', 2);
    expect(result.semantic).toBe(false);
    expect(result.hits).toHaveLength(2);
    await second;
    expect(requests).toBeGreaterThan(before);
    const status = await meaning.status();
    expect(status.semantic).toBe(true);
    expect(status.vectors).toMatchObject({ descriptor: 2, pending: 0 });
    expect((await meaning.vibe('rain', 2)).semantic).toBe(true);
    await meaning.close();
    await store.close();
  });
});

describe('while a model downloads', () => {
  it('answers searches and reports the download progress in its status', async () => {
    mode = 'slow';
    held = false;
    const { store, meaning } = await open();
    await addTracks(store, '/s', [{ path: '/s/a.mp3', title: 'Rain at night', artist: 'A' }]);
    await meaning.embedPending({ download: false });
    const vibe = await meaning.vibe('rain', 5);
    expect(vibe).toMatchObject({ semantic: false, hits: [{ trackId: expect.any(Number) }] });
    let status = await meaning.status();
    // Other files (tokenizer, config) may come first; wait for the held ONNX file, however long a
    // loaded machine takes (the test's own time limit catches a hang).
    while (!(held && status.state === 'downloading')) {
      await new Promise((r) => setTimeout(r, 50));
      status = await meaning.status();
    }
    expect(status.state).toBe('downloading');
    expect(status.progress).toBeGreaterThan(0);
    expect(status.progress).toBeLessThan(1);
    expect(status.reason).toMatch(
      /^downloading Xenova\/tiny-test: [\d.]+ of [\d.]+ MB; .*meanwhile$/,
    );
    expect((await meaning.vibe('rain', 5)).semantic).toBe(false);
    release();
    await meaning.embedPending();
    expect((await meaning.status()).semantic).toBe(true);
    expect((await meaning.vibe('rain', 5)).semantic).toBe(true);
    await meaning.close();
    await store.close();
  });
});

describe('damaged model files', () => {
  it('detects a downloaded file whose size no longer matches the manifest', async () => {
    mode = 'ok';
    const { dir, store, meaning } = await open();
    expect((await meaning.download()).semantic).toBe(true);
    await meaning.close();
    truncateSync(join(modelDir(dir, MODEL), 'onnx', 'model_quantized.onnx'), 1000);
    await store.vectors.setSetting('offline', '1');
    const again = new Meaning({ dataDir: dir, store, events: new EventBus() });
    const status = await again.status();
    expect(status).toMatchObject({ semantic: false, state: 'corrupt' });
    expect(status.reason).toMatch(
      /model_quantized\.onnx is 1000 bytes, expected \d+ \(damaged download\).*lexical fallback/,
    );
    await again.close();
    await store.close();
  });

  it('reports a local folder whose ONNX file does not load as corrupt, without crashing', async () => {
    const { dir, store, meaning } = await open();
    const folder = join(dir, 'my-model');
    cpSync(TINY_MODEL, folder, { recursive: true });
    writeFileSync(
      join(folder, 'onnx', 'model_quantized.onnx'),
      Buffer.from('not an onnx graph at all'),
    );
    await meaning.configure({ modelPath: folder });
    const status = await meaning.status();
    expect(status).toMatchObject({ semantic: false, state: 'corrupt' });
    expect(status.reason).toMatch(/failed to load/);
    unlinkSync(join(folder, 'tokenizer.json'));
    meaning.reset();
    expect((await meaning.status()).reason).toMatch(/has no tokenizer\.json/);
    await meaning.close();
    await store.close();
  });
});
