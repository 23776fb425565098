// End to end in a real browser: Settings → Models downloads the language model from a local test
// hub (127.0.0.1, the Hugging Face URL layout, serving the tiny model of test/fixtures/models) and
// shows a progress bar that moves, then a clear result. The hub holds the model file halfway
// until the page has shown the bar part-filled, so the test waits on what it sees, not on a clock.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import type { Engine } from '../../src/main/engine';
import type { RunningHost } from '../../src/main/host/server';
import { DEFAULT_MODEL } from '../../src/shared/model-catalog';
import {
  describeWithChromium,
  screenshotPath,
  startBrowserHost,
  type BrowserHost,
} from './support';

const TINY = resolve(import.meta.dirname, '../fixtures/models/tiny-bert');
const HELD_FILE = 'onnx/model_quantized.onnx';

/** A hub on 127.0.0.1: `/<org>/<name>/resolve/<revision>/<file>`, any model id, the tiny files. */
function startHub(): Promise<{
  server: Server;
  url: string;
  release: () => void;
  requests: string[];
}> {
  let release = (): void => {};
  const released = new Promise<void>((r) => (release = r));
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const m = /^\/[\w.-]+\/[\w.-]+\/resolve\/[^/]+\/(.+)$/.exec(req.url ?? '');
    const file = m ? join(TINY, decodeURIComponent(m[1])) : null;
    if (!file || !file.startsWith(TINY) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end();
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, {
      'content-length': body.length,
      'content-type': 'application/octet-stream',
      'x-repo-commit': 'e2e0000000000000000000000000000000000000',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    if (m?.[1] !== HELD_FILE) {
      res.end(body);
      return;
    }
    // Half now, the rest once the test has seen the bar part-filled.
    const half = Math.floor(body.length / 2);
    res.write(body.subarray(0, half));
    void released.then(() => res.end(body.subarray(half)));
  });
  return new Promise((resolveHub) =>
    server.listen(0, '127.0.0.1', () =>
      resolveHub({
        server,
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
        release,
        requests,
      }),
    ),
  );
}

describeWithChromium('model download in Settings (browser, local hub)', () => {
  let engine: Engine;
  let host: RunningHost;
  let app: BrowserHost;
  let page: Page;
  let hub: Awaited<ReturnType<typeof startHub>>;

  beforeAll(async () => {
    hub = await startHub();
    app = await startBrowserHost({
      name: 'e2e-model',
      prepare: (e) => e.meaning.configure({ host: hub.url, offline: false, model: DEFAULT_MODEL }),
    });
    ({ engine, host, page } = app);
  }, 180_000);

  afterAll(async () => {
    hub?.release();
    await app?.close();
    hub?.server.close();
  });

  it('says what the model adds and its size, shows the download moving, and the result', async () => {
    await page.goto(host.url);
    await page.getByRole('navigation').getByRole('button', { name: 'Settings' }).click();
    const models = page.getByRole('group', { name: 'Models' });
    await expect
      .poll(() => models.getByTestId('model-state').textContent())
      .toBe(
        'The semantic model is not installed; Encore matches words instead (Settings → Models to install it)',
      );
    await expect
      .poll(() => models.textContent())
      .toMatch(/lyrics and descriptions in many languages/);
    // The hub id is not on the page until "Advanced" is opened.
    expect(await models.getByRole('textbox').isVisible()).toBe(false);
    expect(await models.getByRole('combobox').inputValue()).toBe(DEFAULT_MODEL);
    await expect
      .poll(() => models.getByRole('combobox').textContent())
      .toMatch(/Multilingual MiniLM — 50\+ languages, 118 MB/);

    await models.getByRole('button', { name: 'Download (118 MB)' }).click();
    const bar = models.getByRole('progressbar', { name: 'Downloading model' });
    // Part-filled while the hub holds the model file halfway.
    await expect
      .poll(async () => {
        const value = Number(await bar.getAttribute('value'));
        const max = Number(await bar.getAttribute('max'));
        return value > 0 && value < max;
      })
      .toBe(true);
    const heldAt = Number(await bar.getAttribute('value'));
    await expect
      .poll(() => models.getByTestId('model-progress-text').textContent())
      .toMatch(/^[\d.]+ [km]B of [\d.]+ [km]B$/);
    await page.screenshot({ path: screenshotPath('model-download-progress') });
    hub.release();

    await expect
      .poll(() => models.getByTestId('model-result').textContent(), { timeout: 60_000 })
      .toBe('Done: Multilingual MiniLM is installed and in use.');
    expect(await bar.count()).toBe(0);
    await expect
      .poll(() => models.getByTestId('model-state').textContent())
      .toMatch(/^Multilingual MiniLM is installed/);
    await page.screenshot({ path: screenshotPath('model-download-done') });
    expect(heldAt).toBeGreaterThan(0);
    expect(hub.requests).toContain(
      `GET /${DEFAULT_MODEL}/resolve/e2e0000000000000000000000000000000000000/${HELD_FILE}`,
    );
    const status = await engine.meaning.status();
    expect(status).toMatchObject({ semantic: true, wanted: DEFAULT_MODEL });

    await models.getByText('Advanced').click();
    expect(await models.getByRole('textbox').isVisible()).toBe(true);
    expect(app.pageErrors).toEqual([]);
  });
});
