// The browser host over real HTTP and a real WebSocket: token, host and origin checks, the
// contract with validation, the renderer files, and the media stream with Range.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync, writeFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { createEngine, type Engine } from '../../../src/main/engine';
import type { RunningHost } from '../../../src/main/host/server';
import { startTestHost } from './test-host';
import { addTracks } from '../../helpers/tracks';
import { tempDir } from '../../helpers/temp';
import { writeWav } from '../media/wav';

let engine: Engine;
let host: RunningHost;
let ids: number[];
const root = tempDir('encore-host-lib-');
const outside = tempDir('encore-host-outside-');
const rendererDir = tempDir('encore-host-renderer-');
const song = join(root, 'song.wav');

beforeAll(async () => {
  writeWav(song, { seconds: 1 });
  writeWav(join(outside, 'secret.wav'), { seconds: 1 });
  symlinkSync(join(outside, 'secret.wav'), join(root, 'escape.wav'));
  writeFileSync(join(root, 'notes.txt'), 'not audio');
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Encore</title>');
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  engine = await createEngine({ dataDir: tempDir('encore-host-data-'), workers: 1 });
  ids = await addTracks(engine.store, root, [
    { path: song, title: 'Song', artist: 'Artist' },
    { path: join(root, 'escape.wav'), title: 'Escape' },
    { path: join(root, 'notes.txt'), title: 'Notes' },
    { path: join(outside, 'secret.wav'), title: 'Outside' },
  ]);
  host = await startTestHost(engine, rendererDir);
});

afterAll(async () => {
  await host?.close();
  await engine?.close();
});

const base = (): string => `http://127.0.0.1:${host.port}`;
const authed = (path: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${base()}${path}${path.includes('?') ? '&' : '?'}token=${host.token}`, init);
/** A GET with the path sent exactly as written (fetch would resolve `..` and `%2e%2e` first). */
const rawStatus = (path: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path: `${path}?token=${host.token}` },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
const call = async (
  method: string,
  args: unknown,
): Promise<{ ok: boolean; result?: unknown; error?: { code: string } }> =>
  (
    await authed(`/api/call/${method}`, { method: 'POST', body: JSON.stringify(args) })
  ).json() as never;

describe('browser host', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
    // Every other address of this machine refuses the connection.
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((a) => a && a.family === 'IPv4' && !a.internal)
      .map((a) => a?.address as string);
    for (const address of others) {
      const refused = await fetch(`http://${address}:${host.port}/?token=${host.token}`).then(
        () => false,
        () => true,
      );
      expect(refused, address).toBe(true);
    }
  });

  it('refuses requests without the token, with a wrong token, or for another Host', async () => {
    expect((await fetch(`${base()}/`)).status).toBe(401);
    expect((await fetch(`${base()}/?token=nope`)).status).toBe(401);
    expect((await fetch(`${base()}/media/track/${ids[0]}`)).status).toBe(401);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: `/?token=${host.token}`,
          headers: { Host: 'evil.example:80' },
        },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
  });

  it('serves the renderer with a strict CSP and sets the token cookie', async () => {
    const res = await authed('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('HttpOnly');
    const asset = await fetch(`${base()}/assets/app.js`, {
      headers: { cookie: cookie.split(';')[0] ?? '' },
    });
    expect(asset.status).toBe(200);
    expect(await rawStatus('/..%2f..%2fetc%2fpasswd')).toBe(404);
    expect(await rawStatus('/assets/..%2f..%2f..%2fetc%2fhostname')).toBe(404);
  });

  it('runs contract calls and rejects bad payloads, unknown methods and foreign origins', async () => {
    const stats = await call('library.stats', {});
    expect(stats.ok).toBe(true);
    expect((stats.result as { tracks: number }).tracks).toBe(4);
    expect((await call('library.track', { id: 'x' })).error?.code).toBe('invalid-payload');
    expect((await call('library.track', { id: ids[0], extra: 1 })).error?.code).toBe(
      'invalid-payload',
    );
    expect((await call('library.nope', {})).error?.code).toBe('unknown-method');
    const track = await call('library.track', { id: ids[0] });
    expect((track.result as { title: string }).title).toBe('Song');
    const foreign = await authed('/api/call/library.stats', {
      method: 'POST',
      body: '{}',
      headers: { Origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(
      (await authed('/api/call/library.stats', { method: 'POST', body: '{not json' })).status,
    ).toBe(400);
  });

  it('stores the player state sent as a message and returns it', async () => {
    const state = {
      queue: [ids[0]],
      index: 0,
      positionS: 12.5,
      volume: 0.5,
      muted: false,
      shuffle: true,
      repeat: 'all',
      source: null,
    };
    const sent = await authed('/api/send/player.save', {
      method: 'POST',
      body: JSON.stringify({ state }),
    });
    expect(sent.status).toBe(204);
    expect((await call('player.state', {})).result).toEqual(state);
    const bad = await authed('/api/send/player.save', {
      method: 'POST',
      body: JSON.stringify({ state: { ...state, volume: 7 } }),
    });
    expect(bad.status).toBe(400);
    expect((await call('player.state', {})).result).toEqual(state);
  });

  it('streams audio with Range: 200, 206, 416 and HEAD', async () => {
    const size = statSync(song).size;
    const full = await authed(`/media/track/${ids[0]}`);
    expect(full.status).toBe(200);
    expect(full.headers.get('accept-ranges')).toBe('bytes');
    expect(full.headers.get('content-type')).toBe('audio/wav');
    expect((await full.arrayBuffer()).byteLength).toBe(size);
    const part = await authed(`/media/track/${ids[0]}`, { headers: { Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 100-199/${size}`);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    const tail = await authed(`/media/track/${ids[0]}`, { headers: { Range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    const beyond = await authed(`/media/track/${ids[0]}`, { headers: { Range: `bytes=${size}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${size}`);
    const head = await authed(`/media/track/${ids[0]}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(size));
  });

  it('refuses traversal, unknown ids, non-audio files and files outside the roots', async () => {
    expect(await rawStatus('/media/track/..%2f..%2fetc%2fpasswd')).toBe(400);
    expect(await rawStatus('/media/track/%2e%2e')).toBe(400);
    expect(await rawStatus('/media/track/1%00')).toBe(400);
    expect(await rawStatus(`/media/track/${encodeURIComponent(song)}`)).toBe(400);
    expect(await rawStatus('/../../../etc/passwd')).not.toBe(200);
    expect(await rawStatus('/%2e%2e/%2e%2e/etc/passwd')).not.toBe(200);
    expect((await authed('/media/track/999999')).status).toBe(404);
    expect((await authed(`/media/track/${ids[1]}`)).status).toBe(403); // symlink out of the root
    expect((await authed(`/media/track/${ids[2]}`)).status).toBe(403); // .txt
    expect((await authed(`/media/track/${ids[3]}`)).status).toBe(403); // not under the root
    expect((await authed(`/media/track/${ids[0]}`, { method: 'DELETE' })).status).toBe(405);
    expect((await authed('/media/cover/..%2f..%2fencore.db')).status).toBe(400);
  });

  it('pushes engine events over the WebSocket, and refuses sockets without the token', async () => {
    const refused = new WebSocket(`ws://127.0.0.1:${host.port}/api/events`);
    await new Promise<void>((resolve) => refused.on('error', () => resolve()));
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api/events?token=${host.token}`);
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => resolve());
      ws.on('error', reject);
    });
    const got = new Promise<unknown>((resolve) =>
      ws.on('message', (data) => resolve(JSON.parse(String(data)))),
    );
    engine.events.emit('library.changed', { added: [1], updated: [], removed: [] });
    expect(await got).toEqual({
      event: 'library.changed',
      payload: { added: [1], updated: [], removed: [] },
    });
    ws.close();
  });
});
