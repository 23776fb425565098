/**
 * The preload's `window.encore` object (src/preload/api.ts) over a recording stand-in for the
 * Electron IPC it is handed (the Electron binary cannot run here): calls go out as one frame on the
 * invoke channel and come back as the reply envelope, events reach their subscribers until they
 * unsubscribe, and media URLs name tracks by id only.
 */
import { describe, expect, it } from 'vitest';
import { createPreloadApi, type PreloadIpc } from '../../src/preload/api';

function recordingIpc(): PreloadIpc & { invoked: unknown[]; sent: unknown[] } {
  const invoked: unknown[] = [];
  const sent: unknown[] = [];
  return {
    invoked,
    sent,
    invoke: async (frame) => (invoked.push(frame), { ok: true, result: 'pong' }),
    send: (frame) => void sent.push(frame),
    pathForFile: (file) => `/dropped/${file.name}`,
  };
}

describe('the preload API', () => {
  it('sends calls and messages as one frame each and returns the reply envelope', async () => {
    const ipc = recordingIpc();
    const { api } = createPreloadApi(ipc);
    expect(await api.invoke('library.track', { id: 3 })).toEqual({ ok: true, result: 'pong' });
    api.send('player.save', { state: null });
    expect(ipc.invoked).toEqual([{ method: 'library.track', args: { id: 3 } }]);
    expect(ipc.sent).toEqual([{ message: 'player.save', args: { state: null } }]);
  });

  it('hands each event frame to that event’s subscribers until they unsubscribe', () => {
    const { api, deliver } = createPreloadApi(recordingIpc());
    const changed: unknown[] = [];
    const progress: unknown[] = [];
    const off = api.on('library.changed', (p) => changed.push(p));
    api.on('scan.progress', (p) => progress.push(p));
    deliver({ event: 'library.changed', payload: { added: [1] } });
    off();
    deliver({ event: 'library.changed', payload: { added: [2] } });
    deliver({ event: 'scan.progress', payload: { done: 5 } });
    expect(changed).toEqual([{ added: [1] }]);
    expect(progress).toEqual([{ done: 5 }]);
  });

  it('names media by id and cover hash, never by path', () => {
    const { api } = createPreloadApi(recordingIpc());
    expect(api.mediaUrl(42)).toBe('encore-media://track/42');
    expect(api.coverUrl('a/b')).toBe('encore-media://cover/a%2Fb');
    expect(api.pathForFile(new File([], 'Music'))).toBe('/dropped/Music');
  });
});
