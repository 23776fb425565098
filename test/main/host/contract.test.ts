// Contract fuzzing through the real dispatcher and handlers: for every method, malformed payloads
// get an 'invalid-payload' reply — never a crash, never a handler call, never a write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, messages, type MethodName } from '../../../src/shared/contract';
import { createEngine, type Engine } from '../../../src/main/engine';
import { deliver, dispatch, type Handlers } from '../../../src/main/ipc/dispatch';
import { createHandlers, createMessageHandlers } from '../../../src/main/ipc/handlers';
import { addTracks } from '../../helpers/tracks';
import { tempDir } from '../../helpers/temp';

let engine: Engine;
let handlers: Handlers;
let calls = 0;

beforeAll(async () => {
  engine = await createEngine({ dataDir: tempDir('encore-contract-'), workers: 1 });
  await addTracks(engine.store, '/music', [{ path: '/music/a.mp3', title: 'A' }]);
  const real = createHandlers(engine, {
    version: 't',
    platform: 'linux',
    osLanguage: 'en',
    musicFolder: null,
  });
  // Count handler calls: a rejected payload must never reach one.
  handlers = Object.fromEntries(
    Object.entries(real).map(([name, fn]) => [
      name,
      (args: unknown) => (calls++, (fn as (a: unknown) => unknown)(args)),
    ]),
  ) as Handlers;
});

afterAll(async () => {
  await engine?.close();
});

/** Payloads no method accepts. */
const alwaysBad: unknown[] = [
  null,
  42,
  'text',
  [],
  [1, 2],
  true,
  { __proto__: { polluted: true }, extra: 1 },
  { unexpected: 'key' },
];

/** Per-field garbage: wrong types, out of range, oversized. */
const badValues: unknown[] = [
  null,
  -1,
  0,
  1.5,
  'x'.repeat(5000),
  [],
  {},
  Number.MAX_VALUE,
  NaN,
  '1; DROP TABLE tracks',
];

function randomJunk(seed: number): unknown {
  const pick = [
    () => ({ id: badValues[seed % badValues.length] }),
    () => ({ query: badValues[seed % badValues.length], limit: -seed }),
    () => ({ path: seed % 2 ? '' : 'x'.repeat(5000) }),
    () => ({ patch: { volume: seed, language: 'klingon' } }),
    () => ({ event: { trackId: 'a', kind: 'explode', sessionId: '', source: 'web' } }),
    () => ({ seed: { kind: 'vibe' } }),
    () => ({ ids: Array.from({ length: 3 }, () => 'z') }),
  ];
  return (pick[seed % pick.length] as () => unknown)();
}

describe('contract validation', () => {
  it('refuses malformed payloads for every method without calling a handler or writing', async () => {
    const before = JSON.stringify(await engine.store.tracks.stats());
    const settingsBefore = JSON.stringify(await engine.store.appState.settings());
    let tried = 0;
    for (const name of Object.keys(methods) as MethodName[]) {
      const payloads = [
        ...alwaysBad,
        ...Array.from({ length: 20 }, (_, i) => randomJunk(i + name.length)),
      ];
      for (const payload of payloads) {
        // A payload the schema happens to accept is fine; the point is: no crash, no bad call.
        if (methods[name].args.safeParse(payload ?? {}).success) continue;
        const reply = await dispatch(handlers, name, payload);
        tried++;
        expect(reply.ok, `${name} ${JSON.stringify(payload)?.slice(0, 80)}`).toBe(false);
        if (!reply.ok) expect(reply.error.code).toBe('invalid-payload');
      }
    }
    expect(tried).toBeGreaterThan(Object.keys(methods).length * 8);
    expect(calls).toBe(0);
    expect(JSON.stringify(await engine.store.tracks.stats())).toBe(before);
    expect(JSON.stringify(await engine.store.appState.settings())).toBe(settingsBefore);
  });

  it('refuses unknown and prototype method names', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 'library', '', null, 7]) {
      const reply = await dispatch(handlers, name, {});
      expect(reply).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
    }
    expect(calls).toBe(0);
  });

  it('refuses malformed messages without writing', async () => {
    const mh = createMessageHandlers(engine);
    const before = JSON.stringify(await engine.store.appState.player());
    for (const payload of [...alwaysBad, { state: { queue: ['a'] } }, { state: { volume: 2 } }]) {
      expect(await deliver(mh, 'player.save', payload)).toBe(false);
    }
    expect(await deliver(mh, 'nope', {})).toBe(false);
    expect(Object.keys(messages)).toContain('player.save');
    expect(JSON.stringify(await engine.store.appState.player())).toBe(before);
  });

  it('still answers well-formed calls', async () => {
    const reply = await dispatch(handlers, 'library.search', { query: 'A' });
    expect(reply.ok).toBe(true);
    expect(calls).toBe(1);
  });
});
