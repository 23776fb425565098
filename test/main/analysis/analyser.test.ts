/**
 * The analyser end to end: real store, real worker pool running the built 'analysis-worker',
 * real files (made here; compressed ones by ffmpeg when it is installed), and broken files.
 */
import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Analyser } from '../../../src/main/analysis/analyser';
import { SOUND_VECTOR_DIM } from '../../../src/main/vectors/sound-vector';
import { ANALYSIS_VERSION } from '../../../src/shared/analysis-version';
import { EventBus } from '../../../src/main/events';
import { Store } from '../../../src/main/store/index';
import type { AnalysisProgress } from '../../../src/shared/analysis';
import { addTracks } from '../../helpers/tracks';
import { tempDir } from '../../helpers/temp';
import { cadence, drumTrack, RATE, writeWav } from './signals';

const hasFfmpeg = spawnSync('ffmpeg', ['-version'], { stdio: 'ignore' }).status === 0;
if (!hasFfmpeg) {
  console.warn('skipped: the MP3, FLAC, Ogg, Opus, M4A and cover-art cases — no ffmpeg on PATH');
}
const music = tempDir('encore-analysis-music-');
const data = tempDir('encore-analysis-data-');

function makeFiles(): { path: string; durationS: number | null; expect: 'ok' | 'unanalysable' }[] {
  const files: { path: string; durationS: number | null; expect: 'ok' | 'unanalysable' }[] = [];
  const drums = join(music, 'drums-120.wav');
  writeWav(drums, [drumTrack(120, 50), drumTrack(120, 50, 9)]);
  files.push({ path: drums, durationS: 50, expect: 'ok' });
  const chords = join(music, 'cadence-G.wav');
  writeWav(chords, [cadence('G', 'major', 30)]);
  // Unknown duration: decoded whole.
  files.push({ path: chords, durationS: null, expect: 'ok' });
  if (hasFfmpeg) {
    for (const ext of ['mp3', 'flac', 'ogg', 'opus', 'm4a']) {
      const out = join(music, `drums.${ext}`);
      const r = spawnSync('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-i',
        drums,
        ...(ext === 'ogg' ? ['-c:a', 'libvorbis'] : []),
        out,
      ]);
      expect(r.status).toBe(0);
      files.push({ path: out, durationS: 50, expect: 'ok' });
    }
    // Embedded cover art of a few MB: ID3 tags and FLAC metadata far larger than any fixed header read.
    const cover = join(music, 'cover.png');
    const geq = "geq=r='random(1)*255':g='random(2)*255':b='random(3)*255'";
    expect(
      spawnSync('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-f',
        'lavfi',
        '-i',
        `nullsrc=s=1200x1200,${geq}`,
        '-frames:v',
        '1',
        cover,
      ]).status,
    ).toBe(0);
    for (const ext of ['mp3', 'flac']) {
      const out = join(music, `covered.${ext}`);
      const args = [
        '-v',
        'error',
        '-y',
        '-i',
        drums,
        '-i',
        cover,
        '-map',
        '0:a',
        '-map',
        '1:v',
        '-c:v',
        'copy',
        '-disposition:v',
        'attached_pic',
      ];
      expect(
        spawnSync('ffmpeg', [...args, ...(ext === 'mp3' ? ['-id3v2_version', '3'] : []), out])
          .status,
      ).toBe(0);
      expect(statSync(out).size).toBeGreaterThan(2_000_000);
      files.push({ path: out, durationS: 50, expect: 'ok' });
    }
  }
  const garbage = join(music, 'garbage.mp3');
  writeFileSync(garbage, Buffer.from(Array.from({ length: 40_000 }, (_, i) => (i * 7919) % 251)));
  files.push({ path: garbage, durationS: 120, expect: 'unanalysable' });
  const text = join(music, 'notes.flac');
  writeFileSync(text, 'this is not audio\n'.repeat(100));
  files.push({ path: text, durationS: 100, expect: 'unanalysable' });
  files.push({ path: join(music, 'gone.wav'), durationS: 60, expect: 'unanalysable' });
  const silent = join(music, 'silence.wav');
  writeWav(silent, [new Float32Array(RATE * 3)]);
  files.push({ path: silent, durationS: 3, expect: 'unanalysable' });
  return files;
}

describe('Analyser', () => {
  let store: Store;
  const events = new EventBus();
  const files = makeFiles();
  let ids: number[] = [];

  beforeAll(async () => {
    store = await Store.open(data);
    ids = await addTracks(
      store,
      music,
      files.map((f) => ({ path: f.path, durationS: f.durationS })),
    );
  });
  afterAll(async () => {
    await store.close();
  });

  it('analyses the queue, records undecodable files with a reason, reports progress', async () => {
    const analyser = new Analyser({ store, events, workers: 1, auto: false });
    const progress: AnalysisProgress[] = [];
    const off = events.on('analysis.progress', (p) => progress.push(p));
    // The cadence goes first, whatever its place in the library.
    analyser.prioritise([ids[1]]);
    const summary = await analyser.start();
    off();
    await analyser.close();
    expect(summary.done).toBe(files.length);
    expect(summary.cancelled).toBe(false);
    expect(progress[0]).toMatchObject({ state: 'running', done: 0, total: files.length });
    expect(progress.find((p) => p.done === 1)?.lastTrackId).toBe(ids[1]);
    expect(progress.at(-1)).toMatchObject({ state: 'idle', done: files.length });
    const rows = await store.features.getMany(ids);
    expect(rows.map((r) => r.trackId)).toEqual(ids);
    rows.forEach((row, i) => {
      expect(row.version).toBe(ANALYSIS_VERSION);
      expect({ path: files[i].path, status: row.status }).toEqual({
        path: files[i].path,
        status: files[i].expect,
      });
      if (row.status === 'ok') {
        expect(row.error).toBeNull();
        expect(row.loudnessLufs).toBeGreaterThan(-40);
        expect(row.mfccMean).toHaveLength(13);
      } else {
        expect(row.error).toMatch(/\w/);
      }
    });
    // Every compressed copy of the drum track reads its tempo (or an octave of it).
    for (const row of rows.filter((r, i) => r.status === 'ok' && files[i].path.includes('drums'))) {
      const ratio = (row.bpm ?? 0) / 120;
      expect([0.5, 1, 2].some((m) => Math.abs(ratio / m - 1) < 0.02)).toBe(true);
    }
    const m4a = rows.find((_, i) => files[i].path.endsWith('.m4a'));
    if (m4a) expect(m4a.decoder).toBe('ffmpeg');
    // Big covers do not push files off the WASM path.
    for (const ext of ['mp3', 'flac']) {
      const covered = rows.find((_, i) => files[i].path.endsWith(`covered.${ext}`));
      if (covered) expect(covered.decoder).toBe(`wasm:${ext}`);
    }
    expect(await store.features.counts()).toMatchObject({
      pending: 0,
      ok: files.filter((f) => f.expect === 'ok').length,
    });
    const errors = await store.features.errors();
    expect(errors.map((e) => e.path).sort()).toEqual(
      files
        .filter((f) => f.expect !== 'ok')
        .map((f) => f.path)
        .sort(),
    );
  });

  it('serves standardised, unit-length sound vectors of the analysed tracks', async () => {
    const vectors = await store.features.soundVectors();
    const okIds = ids.filter((_, i) => files[i].expect === 'ok');
    expect(vectors.ids).toEqual(okIds);
    expect(vectors.dim).toBe(SOUND_VECTOR_DIM);
    expect(vectors.data).toHaveLength(okIds.length * SOUND_VECTOR_DIM);
    for (let r = 0; r < vectors.ids.length; r++) {
      const row = vectors.data.subarray(r * vectors.dim, (r + 1) * vectors.dim);
      const norm = Math.sqrt(row.reduce((s, v) => s + v * v, 0));
      expect(norm).toBeCloseTo(1, 4);
    }
    const stats = await store.features.stats();
    expect(stats?.count).toBe(okIds.length);
  });

  it('is persistent: a restart finds nothing to do; a changed file is analysed again', async () => {
    const again = new Analyser({ store, events, workers: 1, auto: false });
    expect((await again.start()).done).toBe(0);
    // The scanner rewrites the row with the new size and mtime.
    await addTracks(store, music, [
      { path: files[0].path, durationS: 50, mtimeMs: Date.now(), size: 1234 },
    ]);
    expect((await store.features.pending(10)).map((p) => p.id)).toEqual([ids[0]]);
    const summary = await again.start();
    expect(summary.done).toBe(1);
    await again.close();
  });

  it('starts by itself after library.changed, and pause / resume / cancel work', async () => {
    const more = await addTracks(
      store,
      music,
      [1, 2, 3].map((n) => ({ path: join(music, `copy-${n}.wav`), durationS: 50 })),
    );
    for (const n of [1, 2, 3])
      writeWav(join(music, `copy-${n}.wav`), [drumTrack(100 + n * 10, 50)]);
    const analyser = new Analyser({ store, events, workers: 1 });
    const states: string[] = [];
    const firstDone = new Promise<void>((resolve) => {
      const off = events.on('analysis.progress', (p) => {
        states.push(p.state);
        if (p.done >= 1) {
          off();
          resolve();
        }
      });
    });
    events.emit('library.changed', { added: more, updated: [], removed: [] });
    await firstDone;
    analyser.pause();
    expect(analyser.progress().state).toBe('paused');
    const doneWhilePaused = analyser.progress().done;
    await new Promise((r) => setTimeout(r, 1500));
    // At most the job that was already running when pause came finishes.
    expect(analyser.progress().done).toBeLessThanOrEqual(doneWhilePaused + 1);
    analyser.resume();
    await analyser.cancel();
    expect(analyser.progress().state).toBe('cancelled');
    const left = (await store.features.counts()).pending;
    expect(left).toBeGreaterThanOrEqual(0);
    // What cancel left is still queued, and a new run finishes it.
    const rest = await analyser.start();
    expect(rest.done).toBe(left);
    expect((await store.features.counts()).pending).toBe(0);
    await analyser.close();
  });

  it('a track that takes longer than the timeout is killed, recorded as failed, and the queue goes on', async () => {
    const [slow] = await addTracks(store, music, [
      { path: join(music, 'slow.wav'), durationS: 50 },
    ]);
    writeWav(join(music, 'slow.wav'), [drumTrack(90, 50)]);
    const analyser = new Analyser({ store, events, workers: 1, auto: false, timeoutMs: 1 });
    const summary = await analyser.start();
    await analyser.close();
    expect(summary).toMatchObject({ done: 1, errors: 1 });
    const row = await store.features.get(slow);
    expect(row).toMatchObject({ status: 'failed' });
    expect(row?.error).toMatch(/timed out/);
    // Failures are recorded, not retried at every start.
    expect((await store.features.pending(10)).length).toBe(0);
  });
});
