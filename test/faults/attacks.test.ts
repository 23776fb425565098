/**
 * Attacks on the browser host (the same media responder and contract dispatch the Electron shell
 * uses): path traversal in every spelling, symlinks and stored paths that lead out of the library
 * roots, a file swapped for a symlink after the scan, unknown ids, missing or wrong tokens, and
 * seeded fuzzing of every contract method and message with payloads the schema rejects — each
 * gets a validation error, never a crash, a 500 or a write to the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { z } from 'zod';
import { createEngine, type Engine } from '../../src/main/engine';
import { startHost, type RunningHost } from '../../src/main/host/server';
import { messages, methods } from '../../src/shared/contract';
import {
  deliver,
  dispatch,
  type Handlers,
  type MessageHandlers,
} from '../../src/main/ipc/dispatch';
import { addTracks } from '../helpers/tracks';
import { tempDir } from '../helpers/temp';
import { writeWav } from '../main/media/wav';
import { prng } from './mutate';

const SEED = 0xa77a_c4;
// Payloads per method: with ~30 methods this is a few thousand requests, a few seconds.
const PER_METHOD = 60;

let engine: Engine;
let host: RunningHost;
const base = tempDir('encore-attack-');
const root = join(base, 'lib');
const evilSibling = join(base, 'lib-evil'); // shares the root's name as a prefix
const outside = join(base, 'outside');
const rendererDir = join(base, 'renderer');
const ids: Record<string, number> = {};

beforeAll(async () => {
  for (const d of [root, evilSibling, outside, rendererDir]) mkdirSync(d, { recursive: true });
  writeWav(join(root, 'song.wav'), { seconds: 1 });
  writeWav(join(root, 'swapped.wav'), { seconds: 1 });
  writeWav(join(outside, 'secret.wav'), { seconds: 1 });
  writeWav(join(evilSibling, 'sibling.wav'), { seconds: 1 });
  writeFileSync(join(outside, 'passwd.wav'), 'root:x:0:0:root:/root:/bin/bash\n');
  mkdirSync(join(root, 'linked'));
  symlinkSync(outside, join(root, 'linked', 'out'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Encore</title>');
  engine = await createEngine({ dataDir: tempDir('encore-attack-data-'), workers: 1 });
  await engine.meaning.configure({ offline: true });
  await engine.analysis.cancel();
  const added = await addTracks(engine.store, root, [
    { path: join(root, 'song.wav'), title: 'Song' },
    { path: join(root, 'swapped.wav'), title: 'Swapped' },
    { path: join(root, 'linked', 'out', 'secret.wav'), title: 'Through a folder link' },
    { path: join(root, '..', 'outside', 'secret.wav'), title: 'Dot-dot in the stored path' },
    { path: join(evilSibling, 'sibling.wav'), title: 'Prefix sibling' },
  ]);
  ['song', 'swapped', 'folderLink', 'dotdot', 'sibling'].forEach((k, i) => (ids[k] = added[i]));
  // Let background embedding of the new tracks finish: the fuzz checks that nothing else writes.
  await engine.meaning.embedPending();
  host = await startHost({
    engine,
    rendererDir,
    info: { version: 'test', platform: process.platform, osLanguage: 'en', musicFolder: null },
  });
});

afterAll(async () => {
  await host?.close();
  await engine?.close();
});

/** Sends a request exactly as written (no URL normalisation); resolves with status and body. */
function raw(
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path,
        method: init.method ?? 'GET',
        headers: init.headers,
        // A fresh connection per request: a refused request's unread body cannot spoil the next.
        agent: false,
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString('latin1')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
const withToken = (path: string): string =>
  `${path}${path.includes('?') ? '&' : '?'}token=${host.token}`;

/** A digest of every row of every table, per table: any write changes it. */
async function dbDigest(): Promise<Record<string, string>> {
  const reader = engine.store.db.reader;
  const tables = await reader.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
  );
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = await reader.all(`SELECT * FROM "${name.replace(/"/g, '""')}"`);
    out[name] = createHash('sha256')
      .update(JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)))
      .digest('hex')
      .slice(0, 16);
  }
  return out;
}

describe('media requests that try to leave the library', () => {
  it('serves a track inside the library (the control case)', async () => {
    expect((await raw(withToken(`/media/track/${ids.song}`))).status).toBe(200);
  });

  it('refuses every spelling of traversal in the id and the path', async () => {
    const attempts = [
      '/media/track/..',
      '/media/track/../../etc/passwd',
      '/media/track/%2e%2e',
      '/media/track/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/media/track/%252e%252e%252fetc',
      '/media/track/..%5c..%5cwindows',
      '/media/track/%c0%ae%c0%ae',
      '/media/track//etc/passwd',
      '/media/track/%2fetc%2fpasswd',
      `/media/track/${ids.song}%00.wav`,
      `/media/track/${ids.song}/..`,
      `/media/track/-${ids.song}`,
      `/media/track/${ids.song}.0`,
      '/media/track/0x1',
      '/media/track/1e3',
      '/media/track/99999999999999999999',
      '/media/cover/..',
      '/media/cover/%2e%2e%2fencore.db',
      '/media/cover/../../encore.db',
      '/media/../../../../etc/passwd',
      '/media/%2e%2e/%2e%2e/etc/passwd',
      '/assets/../../../../etc/passwd',
      '/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/....//....//etc/passwd',
      '/assets/%00/../index.html',
      `/${encodeURIComponent(join(outside, 'passwd.wav'))}`,
      `/${join(outside, 'passwd.wav')}`,
    ];
    for (const path of attempts) {
      const res = await raw(withToken(path));
      expect([400, 403, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain('root:x:0:0');
    }
  });

  it('refuses tracks whose real path is outside the roots', async () => {
    for (const key of ['folderLink', 'dotdot', 'sibling']) {
      const res = await raw(withToken(`/media/track/${ids[key]}`));
      expect(res.status, key).toBe(403);
    }
  });

  it('refuses a file swapped for a symlink after the scan (checked on every request)', async () => {
    const path = join(root, 'swapped.wav');
    expect((await raw(withToken(`/media/track/${ids.swapped}`))).status).toBe(200);
    rmSync(path);
    symlinkSync(join(outside, 'passwd.wav'), path);
    const res = await raw(withToken(`/media/track/${ids.swapped}`));
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('root:x:0:0');
  });

  it('answers unknown ids with 404, and hostile Range headers without a 500', async () => {
    expect((await raw(withToken('/media/track/987654321'))).status).toBe(404);
    expect((await raw(withToken('/media/cover/' + 'a'.repeat(64)))).status).toBe(404);
    const rand = prng(SEED);
    const pieces = [
      'bytes=',
      '-',
      ',',
      '0',
      '1',
      '99999999999999999999',
      ' ',
      'x',
      '=',
      '-1',
      '\t',
    ];
    for (let i = 0; i < 200; i++) {
      const range = Array.from(
        { length: 1 + Math.floor(rand() * 6) },
        () => pieces[Math.floor(rand() * pieces.length)],
      ).join('');
      const res = await raw(withToken(`/media/track/${ids.song}`), { headers: { Range: range } });
      expect([200, 206, 416], JSON.stringify(range)).toContain(res.status);
    }
  });
});

describe('requests without the right token', () => {
  it('refuses every route without the token, with a near-miss token, or on another port cookie', async () => {
    const t = host.token;
    const near = [
      '',
      t.slice(0, -1),
      `${t}x`,
      t.toUpperCase() === t ? t.toLowerCase() : t.toUpperCase(),
      encodeURIComponent(t) + '%00',
      `${t.slice(0, 10)}`,
    ];
    const routes = ['/', '/assets/app.js', `/media/track/${ids.song}`, '/api/call/library.stats'];
    for (const route of routes) {
      const method = route.startsWith('/api/') ? 'POST' : 'GET';
      const body = method === 'POST' ? '{}' : undefined;
      expect((await raw(route, { method, body })).status, route).toBe(401);
      for (const token of near) {
        const res = await raw(`${route}?token=${token}`, { method, body });
        expect(res.status, `${route} ${token}`).toBe(401);
        const cookie = await raw(route, {
          method,
          body,
          headers: { cookie: `encore_token_${host.port}=${token}` },
        });
        expect(cookie.status, `${route} cookie ${token}`).toBe(401);
      }
      const otherPort = await raw(route, {
        method,
        body,
        headers: { cookie: `encore_token_${host.port + 1}=${t}` },
      });
      expect(otherPort.status, route).toBe(401);
    }
  });

  it('does not answer on IPv6 loopback or with a rebinding Host header', async () => {
    const v6 = await fetch(`http://[::1]:${host.port}/?token=${host.token}`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(v6).toBe('refused');
    for (const hostHeader of [
      'localhost.evil.example',
      `127.0.0.1.nip.io:${host.port}`,
      `127.0.0.1:${host.port + 1}`,
      `[::1]:${host.port}`,
    ]) {
      const res = await raw(withToken('/'), { headers: { Host: hostHeader } });
      expect(res.status, hostHeader).toBe(421);
    }
  });
});

/** Values of every JSON type, including hostile shapes. */
function junk(rand: () => number, depth = 0): unknown {
  const pick = Math.floor(rand() * (depth > 2 ? 9 : 12));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return Math.floor(rand() * 2 ** 53) * (rand() < 0.5 ? -1 : 1);
    case 2:
      return [NaN, Infinity, -0, 1e308, 0.5, -1][Math.floor(rand() * 6)];
    case 3:
      return rand() < 0.5;
    case 4:
      return 'x'.repeat(Math.floor(rand() * 5000));
    case 5:
      return ['', '../../etc/passwd', '\u0000', '<img src=x onerror=alert(1)>', '%2e%2e', '\ud800'][
        Math.floor(rand() * 6)
      ];
    case 6:
      return '9'.repeat(30);
    case 7:
      return { __proto__: { polluted: true } };
    case 8:
      return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {}}}');
    case 9:
      return Array.from({ length: Math.floor(rand() * 4) }, () => junk(rand, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < 1 + Math.floor(rand() * 3); i++) o[`k${i}`] = junk(rand, depth + 1);
      return o;
    }
  }
}

/** A payload the schema rejects: junk at the top, in one field, or an unknown extra key. */
function badPayload(schema: z.ZodType, rand: () => number): unknown {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape ?? {};
  const keys = Object.keys(shape);
  for (let tries = 0; tries < 50; tries++) {
    const style = Math.floor(rand() * 3);
    let candidate: unknown;
    if (style === 0 || keys.length === 0) candidate = junk(rand);
    else if (style === 1) candidate = { [keys[Math.floor(rand() * keys.length)]]: junk(rand) };
    else candidate = { ...Object.fromEntries(keys.map((k) => [k, junk(rand)])), extra: junk(rand) };
    // What the server sees: the JSON round trip (NaN → null), and null or nothing → {}.
    const text = JSON.stringify(candidate);
    const seen: unknown = text === undefined ? {} : (JSON.parse(text) ?? {});
    if (!schema.safeParse(seen).success) return candidate;
  }
  return { extra: 1 }; // strict objects reject unknown keys
}

describe('contract fuzzing over HTTP', () => {
  it('answers every malformed payload of every method with invalid-payload and writes nothing', async () => {
    const rand = prng(SEED);
    const before = await dbDigest();
    let sent = 0;
    for (const [name, def] of Object.entries(methods)) {
      for (let i = 0; i < PER_METHOD; i++) {
        const payload = badPayload(def.args as z.ZodType, rand);
        const res = await raw(withToken(`/api/call/${name}`), {
          method: 'POST',
          body: JSON.stringify(payload) ?? '',
        });
        sent++;
        expect(res.status, `${name} ${res.body}`).toBe(200);
        const reply = JSON.parse(res.body) as { ok: boolean; error?: { code: string } };
        expect(reply.ok, `${name} ${JSON.stringify(payload)?.slice(0, 200)}`).toBe(false);
        expect(reply.error?.code, name).toBe('invalid-payload');
      }
    }
    for (const [name, schema] of Object.entries(messages)) {
      for (let i = 0; i < PER_METHOD; i++) {
        const res = await raw(withToken(`/api/send/${name}`), {
          method: 'POST',
          body: JSON.stringify(badPayload(schema as z.ZodType, rand)) ?? '',
        });
        sent++;
        expect(res.status, name).toBe(400);
      }
    }
    expect(sent).toBeGreaterThan(1000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await dbDigest()).toEqual(before);
  });

  it('refuses unknown and hostile method names, bad bodies and wrong verbs without a write', async () => {
    const before = await dbDigest();
    for (const name of [
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'library.stats.x',
      '..%2flibrary.stats',
      'library.stats%00',
      'x'.repeat(5000),
    ]) {
      const res = await raw(withToken(`/api/call/${name}`), { method: 'POST', body: '{}' });
      expect([200, 400, 404], name).toContain(res.status);
      if (res.status === 200) expect(JSON.parse(res.body).error?.code, name).toBe('unknown-method');
    }
    const rand = prng(SEED + 1);
    for (let i = 0; i < 50; i++) {
      const bytes = Buffer.from(
        Array.from({ length: 1 + Math.floor(rand() * 300) }, () => Math.floor(rand() * 256)),
      );
      const res = await raw(withToken('/api/call/recs.feedback'), { method: 'POST', body: bytes });
      expect([200, 400], `body ${i}`).toContain(res.status);
      if (res.status === 200) expect(JSON.parse(res.body).ok).toBe(false);
    }
    const big = await raw(withToken('/api/call/library.search'), {
      method: 'POST',
      body: Buffer.alloc(5 * 1024 * 1024, 0x20),
    }).catch(() => ({ status: 400, body: '' }));
    expect(big.status).toBe(400);
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      expect((await raw(withToken('/api/call/recs.feedback'), { method })).status, method).toBe(
        405,
      );
    }
    expect(await dbDigest()).toEqual(before);
  });
});

describe('contract fuzzing of the dispatcher with what Electron IPC can carry', () => {
  it('rejects structured-clone values JSON cannot express, without throwing', async () => {
    // Electron IPC structured-clones payloads: BigInt, Date, Map, typed arrays, sparse arrays,
    // cycles and very deep nesting can all arrive. Handlers here only record that they ran.
    const reached: string[] = [];
    const record = new Proxy(
      {},
      { get: (_t, name) => async () => void reached.push(String(name)) },
    ) as unknown as Handlers & MessageHandlers;
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    let deepObject: unknown = 1;
    for (let i = 0; i < 100_000; i++) deepObject = { state: deepObject, id: deepObject };
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    cyclic.id = cyclic;
    const payloads: unknown[] = [
      deep,
      deepObject,
      cyclic,
      { id: 1n },
      { id: new Date() },
      { ids: new Uint32Array([1, 2, 3]) },
      { ids: [1, , 3] }, // eslint-disable-line no-sparse-arrays
      { id: Number.MAX_SAFE_INTEGER + 2 },
      new Map([['id', 1]]),
      new Set([1]),
      { event: cyclic, state: cyclic, query: cyclic, patch: cyclic, seed: cyclic },
    ];
    for (const name of [...Object.keys(methods), ...Object.keys(messages)]) {
      for (const payload of payloads) {
        reached.length = 0;
        const isMessage = Object.hasOwn(messages, name);
        const outcome = isMessage
          ? await deliver(record, name, payload)
          : await dispatch(record, name, payload);
        if (reached.length === 0) {
          if (isMessage) expect(outcome, name).toBe(false);
          else
            expect((outcome as { error?: { code: string } }).error?.code, name).toBe(
              'invalid-payload',
            );
          continue;
        }
        // Only a payload without own keys may pass (as {}), and only where no argument is required.
        expect(Object.keys(payload as object), `${name} ${String(payload)}`).toEqual([]);
        expect(methods[name as keyof typeof methods].args.safeParse({}).success, name).toBe(true);
      }
    }
  });
});
