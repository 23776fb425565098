import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Store } from '../../../src/main/store/index';
import { EventBus } from '../../../src/main/events';
import { Recommender } from '../../../src/main/recommend/recommender';
import { addTracks } from '../../helpers/tracks';
import { tempDir } from '../../helpers/temp';
import { nodeScript } from '../../helpers/node-script';

describe('feedback durability', () => {
  it('keeps every acknowledged event when the process is killed mid-write', async () => {
    const dir = tempDir('encore-durable-');
    const store = await Store.open(dir);
    const ids = await addTracks(
      store,
      '/music',
      Array.from({ length: 20 }, (_, i) => ({
        path: `/music/${i}.mp3`,
        title: `Song ${i}`,
        artist: `Artist ${i % 5}`,
      })),
    );
    await store.close();
    const child = spawn(
      process.execPath,
      [await nodeScript(resolve(__dirname, 'durability-child.ts')), dir, ids.join(',')],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const acked: number[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<NodeJS.Signals | null>((res) =>
      child.on('exit', (_code, signal) => res(signal)),
    );
    await new Promise<void>((res, rej) => {
      child.stdout.on('data', (d: Buffer) => {
        buffer += d.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const l of lines) if (l.startsWith('ack ')) acked.push(Number(l.slice(4)));
        // Kill while it is busy writing: it never waits between events.
        if (acked.length >= 300) {
          child.kill('SIGKILL');
          res();
        }
      });
      child.on('exit', () =>
        acked.length >= 300 ? res() : rej(new Error(`child exited early: ${stderr}`)),
      );
    });
    expect(await exited).toBe('SIGKILL');
    const reopened = await Store.open(dir);
    expect(await reopened.integrityCheck()).toBe('ok');
    const stored = new Set((await reopened.feedback.since(0)).map((e) => e.id));
    const lost = acked.filter((id) => !stored.has(id));
    expect(lost).toEqual([]);
    expect(stored.size).toBeGreaterThanOrEqual(acked.length);
    // The recommender starts from the log after the crash (snapshot + replay).
    const rec = new Recommender({ store: reopened, events: new EventBus() });
    const taste = await rec.taste();
    expect(taste.events).toBeGreaterThan(0);
    expect((await rec.upNext({ sessionId: 'after', count: 5 })).length).toBe(5);
    await rec.close();
    await reopened.close();
  });

  it('stores the event even when the models cannot be built (they catch up from the log)', async () => {
    const store = await Store.open(tempDir('encore-durable-'));
    const [id] = await addTracks(store, '/music', [
      { path: '/music/a.mp3', title: 'A', artist: 'X' },
    ]);
    let broken = true;
    const failing = {
      soundVectors: async () => {
        if (broken) throw new Error('feature store unavailable');
        return null;
      },
      textVectors: async () => null,
      axes: async () => new Map(),
      moods: async () => new Map(),
    };
    const rec = new Recommender({ store, events: new EventBus(), features: failing });
    const e = await rec.record({ trackId: id, kind: 'like', sessionId: 's', source: 'library' });
    expect((await store.feedback.since(0)).map((x) => x.id)).toEqual([e.id]);
    broken = false;
    expect((await rec.taste()).likedTracks).toEqual([id]);
    await rec.close();
    await store.close();
  });
});
