// What the browser host keeps per page: the page's event stream, released when the page closes
// (and the engine subscription with the last one), and cut off when the page stops reading.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createEngine, type Engine } from '../../../src/main/engine';
import type { RunningHost } from '../../../src/main/host/server';
import { startTestHost } from './test-host';
import { tempDir } from '../../helpers/temp';

let engine: Engine;
let host: RunningHost;

beforeAll(async () => {
  const rendererDir = tempDir('encore-streams-renderer-');
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Encore</title>');
  engine = await createEngine({
    dataDir: tempDir('encore-streams-data-'),
    workers: 1,
    background: false,
  });
  host = await startTestHost(engine, rendererDir);
});

afterAll(async () => {
  await host?.close();
  await engine?.close();
});

async function openPage(): Promise<{ ws: WebSocket; frames: unknown[] }> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events?token=${host.token}`);
  const frames: unknown[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data))));
  await new Promise<void>((resolve, reject) => {
    ws.on('open', () => resolve());
    ws.on('error', reject);
  });
  return { ws, frames };
}

const change = (added: number[]) => ({ added, updated: [], removed: [] });

describe('browser host: per-page state', () => {
  it('holds nothing for pages before one connects', () => {
    expect(host.streams()).toEqual({ open: 0, subscribed: false });
  });

  it('releases a closed page’s stream, and the engine subscription with the last page', async () => {
    const a = await openPage();
    const b = await openPage();
    await expect.poll(() => host.streams()).toEqual({ open: 2, subscribed: true });
    a.ws.close();
    await expect.poll(() => host.streams().open).toBe(1);
    expect(host.streams().subscribed).toBe(true);
    engine.events.emit('library.changed', change([7]));
    await expect.poll(() => b.frames).toEqual([{ event: 'library.changed', payload: change([7]) }]);
    expect(a.frames).toEqual([]);
    b.ws.terminate();
    await expect.poll(() => host.streams()).toEqual({ open: 0, subscribed: false });
    // Events with no page connected go nowhere and cost no frame.
    engine.events.emit('library.changed', change([8]));
    expect(host.streams()).toEqual({ open: 0, subscribed: false });
    // A page opened later gets a stream (and the subscription) again.
    const c = await openPage();
    await expect.poll(() => host.streams()).toEqual({ open: 1, subscribed: true });
    c.ws.close();
    await expect.poll(() => host.streams()).toEqual({ open: 0, subscribed: false });
  });

  it('cuts off a page that stops reading instead of queueing its frames without end', async () => {
    const stuck = await openPage();
    await expect.poll(() => host.streams().open).toBe(1);
    // The page stops reading its socket: frames pile up in the host's send buffer.
    (stuck.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const ids = Array.from({ length: 20_000 }, (_, i) => i);
    let sent = 0;
    // 20,000 ids are ~110 KB a frame: 2,000 frames (220 MB) far exceed any socket's buffers.
    while (host.streams().open > 0 && sent < 2_000) {
      engine.events.emit('library.changed', change(ids));
      sent++;
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(host.streams()).toEqual({ open: 0, subscribed: false });
    expect(sent).toBeLessThan(2_000);
    stuck.ws.terminate();
  });
});
