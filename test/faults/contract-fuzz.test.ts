/**
 * Contract fuzzing: seeded payloads the schema rejects for every method and message of
 * src/shared/contract.ts, over HTTP (the browser host) and straight into the dispatcher with the
 * values Electron IPC can carry. Each gets a validation error — never a crash, a 500 or a write
 * to the database (a digest of every row of every table is compared before and after).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { messages, methods } from '../../src/shared/contract';
import {
  deliver,
  dispatch,
  type Handlers,
  type MessageHandlers,
} from '../../src/main/ipc/dispatch';
import { prng } from './mutate';
import { startAttackHost, type AttackHost } from './attack-host';

const SEED = 0xf022_c4;
// Payloads per method: with ~30 methods this is a couple of thousand requests, a few seconds.
const PER_METHOD = 60;

let t: AttackHost;
beforeAll(async () => {
  t = await startAttackHost();
});
afterAll(async () => {
  await t?.close();
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
    const before = await t.dbDigest();
    let sent = 0;
    for (const [name, def] of Object.entries(methods)) {
      for (let i = 0; i < PER_METHOD; i++) {
        const payload = badPayload(def.args as z.ZodType, rand);
        const res = await t.raw(t.withToken(`/api/call/${name}`), {
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
        const res = await t.raw(t.withToken(`/api/send/${name}`), {
          method: 'POST',
          body: JSON.stringify(badPayload(schema as z.ZodType, rand)) ?? '',
        });
        sent++;
        expect(res.status, name).toBe(400);
      }
    }
    expect(sent).toBeGreaterThan(1000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await t.dbDigest()).toEqual(before);
  });

  it('refuses unknown and hostile method names, bad bodies and wrong verbs without a write', async () => {
    const before = await t.dbDigest();
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
      const res = await t.raw(t.withToken(`/api/call/${name}`), { method: 'POST', body: '{}' });
      expect([200, 400, 404], name).toContain(res.status);
      if (res.status === 200) expect(JSON.parse(res.body).error?.code, name).toBe('unknown-method');
    }
    const rand = prng(SEED + 1);
    for (let i = 0; i < 50; i++) {
      const bytes = Buffer.from(
        Array.from({ length: 1 + Math.floor(rand() * 300) }, () => Math.floor(rand() * 256)),
      );
      const res = await t.raw(t.withToken('/api/call/recs.feedback'), {
        method: 'POST',
        body: bytes,
      });
      expect([200, 400], `body ${i}`).toContain(res.status);
      if (res.status === 200) expect(JSON.parse(res.body).ok).toBe(false);
    }
    const big = await t
      .raw(t.withToken('/api/call/library.search'), {
        method: 'POST',
        body: Buffer.alloc(5 * 1024 * 1024, 0x20),
      })
      .catch(() => ({ status: 400, body: '' }));
    expect(big.status).toBe(400);
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      expect((await t.raw(t.withToken('/api/call/recs.feedback'), { method })).status, method).toBe(
        405,
      );
    }
    expect(await t.dbDigest()).toEqual(before);
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
