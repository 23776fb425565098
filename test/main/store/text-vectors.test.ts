// store.vectors.textVectors reads every vector of a kind in pages of track ids: across several
// pages it returns each usable row once, in track id order, byte for byte, and leaves out what it
// always left out (other kinds and models, another dimension, scan errors, missing files).
import { describe, expect, it } from 'vitest';
import { Store } from '../../../src/main/store/index';
import type { TextVectorRow } from '../../../src/main/store/vectors';
import type { ModelKey } from '../../../src/shared/meaning';
import { tempDir } from '../../helpers/temp';
import { addTracks } from '../../helpers/tracks';

const model: ModelKey = { id: 'test-model', revision: 'r1' };
const other: ModelKey = { id: 'test-model', revision: 'r2' };
const DIM = 8;

/** A vector whose values name its track, so a row in the wrong place shows. */
function vectorOf(trackId: number, dim = DIM): Float32Array {
  return Float32Array.from({ length: dim }, (_, j) => trackId + j / 100);
}

const row = (trackId: number, extra: Partial<TextVectorRow> = {}): TextVectorRow => ({
  trackId,
  kind: 'descriptor',
  model,
  vector: vectorOf(trackId),
  textHash: `h${trackId}`,
  ...extra,
});

describe('text vectors of a kind', () => {
  it('come back whole and in track order across pages, without the rows left out', async () => {
    const store = await Store.open(tempDir());
    // 2,600 tracks: more than two pages of 1,000.
    const ids = await addTracks(
      store,
      '/music',
      Array.from({ length: 2600 }, (_, i) => ({
        path: `/music/${String(i).padStart(5, '0')}.mp3`,
        scanError: i === 1500 ? 'unreadable' : null,
      })),
    );
    const missing = ids[2000];
    await store.db.transaction((tx) =>
      tx.run('UPDATE tracks SET missing = 1 WHERE id = ?', [missing]),
    );
    const otherDim = ids[1200];
    const lyricsOnly = ids[10];
    await store.vectors.upsert(
      ids
        .filter((id) => id !== otherDim && id !== lyricsOnly)
        .map((id) => row(id))
        .concat([
          row(otherDim, { vector: vectorOf(otherDim, DIM * 2) }),
          row(lyricsOnly, { kind: 'lyrics' }),
          row(ids[5], { kind: 'lyrics' }),
        ]),
    );
    // A track whose vector was remade with another model revision is not this model's.
    await store.vectors.upsert([row(ids[1], { model: other })]);

    const left = new Set([ids[1500], missing, otherDim, lyricsOnly, ids[1]]);
    const expected = ids.filter((id) => !left.has(id));
    const v = await store.vectors.textVectors('descriptor', model);
    expect(v.dim).toBe(DIM);
    expect(v.ids).toEqual(expected);
    expect(v.data.length).toBe(expected.length * DIM);
    expected.forEach((id, i) =>
      expect(Array.from(v.data.subarray(i * DIM, (i + 1) * DIM))).toEqual(Array.from(vectorOf(id))),
    );
    const lyrics = await store.vectors.textVectors('lyrics', model);
    expect(lyrics.ids).toEqual([ids[5], lyricsOnly]);
    await store.close();
  });

  it('are empty with no vectors of the kind', async () => {
    const store = await Store.open(tempDir());
    const v = await store.vectors.textVectors('lyrics', model);
    expect(v).toEqual({ ids: [], dim: 0, data: new Float32Array(0) });
    await store.close();
  });
});
