/**
 * Attacks on the browser host (the same media responder the Electron protocol uses): path
 * traversal in every spelling, symlinks and stored paths that lead out of the library roots, a
 * file swapped for a symlink after the scan, unknown ids, hostile Range headers, and missing,
 * near-miss or foreign tokens, IPv6 loopback and rebinding Host names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { prng } from './mutate';
import { startAttackHost, type AttackHost } from './attack-host';

const SEED = 0xa77a_c4;

let t: AttackHost;
beforeAll(async () => {
  t = await startAttackHost();
});
afterAll(async () => {
  await t?.close();
});

describe('media requests that try to leave the library', () => {
  it('serves a track inside the library (the control case)', async () => {
    expect((await t.raw(t.withToken(`/media/track/${t.ids.song}`))).status).toBe(200);
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
      `/media/track/${t.ids.song}%00.wav`,
      `/media/track/${t.ids.song}/..`,
      `/media/track/-${t.ids.song}`,
      `/media/track/${t.ids.song}.0`,
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
      `/${encodeURIComponent(join(t.outside, 'passwd.wav'))}`,
      `/${join(t.outside, 'passwd.wav')}`,
    ];
    for (const path of attempts) {
      const res = await t.raw(t.withToken(path));
      expect([400, 403, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain('root:x:0:0');
    }
  });

  it('refuses tracks whose real path is outside the roots', async () => {
    for (const key of ['folderLink', 'dotdot', 'sibling']) {
      const res = await t.raw(t.withToken(`/media/track/${t.ids[key as keyof AttackHost['ids']]}`));
      expect(res.status, key).toBe(403);
    }
  });

  it('refuses a file swapped for a symlink after the scan (checked on every request)', async () => {
    const path = join(t.root, 'swapped.wav');
    expect((await t.raw(t.withToken(`/media/track/${t.ids.swapped}`))).status).toBe(200);
    rmSync(path);
    symlinkSync(join(t.outside, 'passwd.wav'), path);
    const res = await t.raw(t.withToken(`/media/track/${t.ids.swapped}`));
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('root:x:0:0');
  });

  it('answers unknown ids with 404, and hostile Range headers without a 500', async () => {
    expect((await t.raw(t.withToken('/media/track/987654321'))).status).toBe(404);
    expect((await t.raw(t.withToken('/media/cover/' + 'a'.repeat(64)))).status).toBe(404);
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
      const res = await t.raw(t.withToken(`/media/track/${t.ids.song}`), {
        headers: { Range: range },
      });
      expect([200, 206, 416], JSON.stringify(range)).toContain(res.status);
    }
  });
});

describe('requests without the right token', () => {
  it('refuses every route without the token, with a near-miss token, or on another port cookie', async () => {
    const secret = t.host.token;
    const near = [
      '',
      secret.slice(0, -1),
      `${secret}x`,
      secret.toUpperCase() === secret ? secret.toLowerCase() : secret.toUpperCase(),
      encodeURIComponent(secret) + '%00',
      secret.slice(0, 10),
    ];
    const routes = ['/', '/assets/app.js', `/media/track/${t.ids.song}`, '/api/call/library.stats'];
    for (const route of routes) {
      const method = route.startsWith('/api/') ? 'POST' : 'GET';
      const body = method === 'POST' ? '{}' : undefined;
      expect((await t.raw(route, { method, body })).status, route).toBe(401);
      for (const token of near) {
        const res = await t.raw(`${route}?token=${token}`, { method, body });
        expect(res.status, `${route} ${token}`).toBe(401);
        const cookie = await t.raw(route, {
          method,
          body,
          headers: { cookie: `encore_token_${t.host.port}=${token}` },
        });
        expect(cookie.status, `${route} cookie ${token}`).toBe(401);
      }
      const otherPort = await t.raw(route, {
        method,
        body,
        headers: { cookie: `encore_token_${t.host.port + 1}=${secret}` },
      });
      expect(otherPort.status, route).toBe(401);
    }
  });

  it('does not answer on IPv6 loopback or with a rebinding Host header', async () => {
    const v6 = await fetch(`http://[::1]:${t.host.port}/?token=${t.host.token}`).then(
      () => 'answered',
      () => 'refused',
    );
    expect(v6).toBe('refused');
    for (const hostHeader of [
      'localhost.evil.example',
      `127.0.0.1.nip.io:${t.host.port}`,
      `127.0.0.1:${t.host.port + 1}`,
      `[::1]:${t.host.port}`,
    ]) {
      const res = await t.raw(t.withToken('/'), { headers: { Host: hostHeader } });
      expect(res.status, hostHeader).toBe(421);
    }
  });
});
