/**
 * The target of the attack and fuzz tests: a real engine and browser host over a small library
 * built to tempt an attacker — a folder symlinked to outside, a stored path with `..`, a sibling
 * folder sharing the root's name as a prefix, a non-audio "passwd.wav" outside — plus a raw HTTP
 * client that sends paths exactly as written and a digest of the whole database.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine, type Engine } from '../../src/main/engine';
import { startHost, type RunningHost } from '../../src/main/host/server';
import { addTracks } from '../helpers/tracks';
import { writeWav } from '../main/media/wav';

export interface AttackHost {
  engine: Engine;
  host: RunningHost;
  /** Track ids: song, swapped (inside), folderLink, dotdot, sibling (real path outside). */
  ids: Record<'song' | 'swapped' | 'folderLink' | 'dotdot' | 'sibling', number>;
  root: string;
  outside: string;
  /** Sends a request exactly as written (no URL normalisation); resolves with status and body. */
  raw(path: string, init?: RawInit): Promise<{ status: number; body: string }>;
  /** `path` with the access token appended. */
  withToken(path: string): string;
  /** A digest of every row of every table, per table: any write changes it. */
  dbDigest(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export interface RawInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export async function startAttackHost(): Promise<AttackHost> {
  const base = mkdtempSync(join(tmpdir(), 'encore-attack-'));
  const root = join(base, 'lib');
  const evilSibling = join(base, 'lib-evil'); // shares the root's name as a prefix
  const outside = join(base, 'outside');
  const rendererDir = join(base, 'renderer');
  for (const d of [root, evilSibling, outside, rendererDir]) mkdirSync(d, { recursive: true });
  writeWav(join(root, 'song.wav'), { seconds: 1 });
  writeWav(join(root, 'swapped.wav'), { seconds: 1 });
  writeWav(join(outside, 'secret.wav'), { seconds: 1 });
  writeWav(join(evilSibling, 'sibling.wav'), { seconds: 1 });
  writeFileSync(join(outside, 'passwd.wav'), 'root:x:0:0:root:/root:/bin/bash\n');
  mkdirSync(join(root, 'linked'));
  symlinkSync(outside, join(root, 'linked', 'out'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Encore</title>');
  const engine = await createEngine({ dataDir: join(base, 'data'), workers: 1 });
  await engine.meaning.configure({ offline: true });
  await engine.analysis.cancel();
  const [song, swapped, folderLink, dotdot, sibling] = await addTracks(engine.store, root, [
    { path: join(root, 'song.wav'), title: 'Song' },
    { path: join(root, 'swapped.wav'), title: 'Swapped' },
    { path: join(root, 'linked', 'out', 'secret.wav'), title: 'Through a folder link' },
    { path: join(root, '..', 'outside', 'secret.wav'), title: 'Dot-dot in the stored path' },
    { path: join(evilSibling, 'sibling.wav'), title: 'Prefix sibling' },
  ]);
  // Let background embedding of the new tracks finish: the fuzz checks that nothing else writes.
  await engine.meaning.embedPending();
  const host = await startHost({
    engine,
    rendererDir,
    info: { version: 'test', platform: process.platform, osLanguage: 'en', musicFolder: null },
  });
  return {
    engine,
    host,
    ids: { song, swapped, folderLink, dotdot, sibling },
    root,
    outside,
    raw: (path, init) => raw(host.port, path, init),
    withToken: (path) => `${path}${path.includes('?') ? '&' : '?'}token=${host.token}`,
    dbDigest: () => dbDigest(engine),
    async close() {
      await host.close();
      await engine.close();
      rmSync(base, { recursive: true, force: true });
    },
  };
}

function raw(
  port: number,
  path: string,
  init: RawInit = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
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

async function dbDigest(engine: Engine): Promise<Record<string, string>> {
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
