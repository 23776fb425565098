/**
 * The analysis counts on a real store after the library changes under analysed tracks: each present
 * track is counted once, by its current state (ok, failed, unanalysable for the file as it is now,
 * else pending), so the four counts add up to the number of present tracks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../../src/main/store/index';
import type { AnalysisCounts, PendingTrack } from '../../../src/main/store/features';
import type { AnalysisStatus, AudioFeatures } from '../../../src/shared/analysis';
import { ANALYSIS_VERSION } from '../../../src/shared/analysis-version';
import { rawSoundVector } from '../../../src/main/vectors/sound-vector';
import { tempDir } from '../../helpers/temp';
import { addTracks } from '../../helpers/tracks';

const ROOT = '/music';
const path = (name: string): string => `${ROOT}/${name}.mp3`;

/** The row the analyser writes for `track`: its size and mtime as the queue handed them out. */
async function analysed(
  store: Store,
  track: PendingTrack,
  status: AnalysisStatus,
  version = ANALYSIS_VERSION,
): Promise<void> {
  const ok = status === 'ok';
  const features: AudioFeatures = {
    trackId: track.id,
    version,
    status,
    error: ok ? null : `${status} on purpose`,
    analysedAt: Date.now(),
    decoder: ok ? 'wasm:mp3' : null,
    bpm: ok ? 120 : null,
    bpmConfidence: ok ? 0.8 : null,
    key: ok ? 'A' : null,
    scale: ok ? 'minor' : null,
    keyStrength: ok ? 0.6 : null,
    loudnessLufs: ok ? -12 : null,
    loudnessRangeLu: ok ? 6 : null,
    gainDb: ok ? -6 : null,
    danceability: ok ? 1.2 : null,
    energy: ok ? 0.05 : null,
    rms: ok ? 0.2 : null,
    dynamicComplexity: ok ? 3 : null,
    onsetRate: ok ? 4 : null,
    spectralCentroid: ok ? 1500 : null,
    zcr: ok ? 0.05 : null,
    mfccMean: ok ? Array.from({ length: 13 }, (_, i) => i) : null,
    mfccVar: ok ? Array.from({ length: 13 }, () => 1) : null,
    hpcpMean: ok ? Array.from({ length: 12 }, (_, i) => (i === 0 ? 1 : 0.1)) : null,
    arousal: ok ? 0.6 : null,
    valence: ok ? 0.4 : null,
  };
  await store.features.save([
    {
      features,
      soundVector: ok ? rawSoundVector(features) : null,
      fileSize: track.size,
      fileMtimeMs: track.mtimeMs,
    },
  ]);
}

/** Present tracks as the library counts them (`encore stats`: tracks minus missing). */
async function presentTracks(store: Store): Promise<number> {
  const s = await store.tracks.stats();
  return s.tracks - s.missing;
}

const total = (c: AnalysisCounts): number => c.ok + c.failed + c.unanalysable + c.pending;

describe('analysis counts', () => {
  let store: Store;
  const ids = new Map<string, number>();

  beforeAll(async () => {
    store = await Store.open(tempDir('encore-features-'));
    const names = ['ok', 'failed', 'unanalysable', 'never', 'retagged', 'unplugged', 'broken'];
    const written = await addTracks(
      store,
      ROOT,
      names.map((n) => ({ path: path(n), size: 1000, mtimeMs: 1_000 })),
    );
    names.forEach((n, i) => ids.set(n, written[i]));
    const queue = new Map((await store.features.pending(100)).map((p) => [p.id, p]));
    const take = (name: string): PendingTrack => queue.get(ids.get(name) as number) as PendingTrack;
    await analysed(store, take('ok'), 'ok');
    await analysed(store, take('failed'), 'failed');
    await analysed(store, take('unanalysable'), 'unanalysable');
    for (const n of ['retagged', 'unplugged', 'broken']) await analysed(store, take(n), 'ok');
  });
  afterAll(() => store?.close());

  it('counts each track once while nothing has changed', async () => {
    const c = await store.features.counts();
    expect(c).toEqual({ ok: 4, failed: 1, unanalysable: 1, pending: 1 });
    expect(total(c)).toBe(await presentTracks(store));
  });

  it('counts a re-tagged file as pending only, not also as analysed', async () => {
    await addTracks(store, ROOT, [{ path: path('retagged'), size: 1200, mtimeMs: 2_000 }]);
    const c = await store.features.counts();
    expect(c).toEqual({ ok: 3, failed: 1, unanalysable: 1, pending: 2 });
    expect(total(c)).toBe(await presentTracks(store));
  });

  it('leaves out a track whose file is missing or can no longer be read', async () => {
    await store.tracks.markMissing([ids.get('unplugged') as number]);
    await addTracks(store, ROOT, [
      { path: path('broken'), size: 1000, mtimeMs: 3_000, scanError: 'not an audio file' },
    ]);
    const c = await store.features.counts();
    expect(c).toEqual({ ok: 1, failed: 1, unanalysable: 1, pending: 2 });
    expect(total(c)).toBe(await presentTracks(store));
  });

  it('counts a row of an older analysis version as pending, and a removed track not at all', async () => {
    const [older] = await addTracks(store, ROOT, [{ path: path('older'), size: 1000, mtimeMs: 1 }]);
    const queued = (await store.features.pending(100)).find((p) => p.id === older);
    await analysed(store, queued as PendingTrack, 'ok', ANALYSIS_VERSION - 1);
    await store.tracks.remove([ids.get('unplugged') as number]);
    const c = await store.features.counts();
    expect(c).toEqual({ ok: 1, failed: 1, unanalysable: 1, pending: 3 });
    expect(total(c)).toBe(await presentTracks(store));
  });

  it('lists as errors only the failed and unanalysable tracks it counts', async () => {
    await analysed(
      store,
      (await store.features.pending(100)).find((p) => p.id === ids.get('retagged')) as PendingTrack,
      'failed',
    );
    await addTracks(store, ROOT, [{ path: path('retagged'), size: 1300, mtimeMs: 4_000 }]);
    const c = await store.features.counts();
    const errors = await store.features.errors();
    expect(errors.map((e) => e.path).sort()).toEqual([path('failed'), path('unanalysable')]);
    expect(errors.length).toBe(c.failed + c.unanalysable);
  });
});
