/**
 * The library view's summaries (store.tracks.summaries, read from the summary columns) against the
 * full Tracks of list(...) cut down to their summary fields (toTrackSummary, what the
 * 'library.summaries' and 'library.search' handlers answer), for every sort: the same rows in the
 * same order.
 */
import { describe, expect, it } from 'vitest';
import { Store } from '../../../src/main/store/index';
import { trackSortSchema } from '../../../src/shared/payload-schemas';
import { toTrackSummary } from '../../../src/shared/library';
import { tempDir } from '../../helpers/temp';
import { addTracks } from '../../helpers/tracks';

const SORTS = trackSortSchema.options;

/** A small library with every case a summary maps differently: tags missing, several artists
 * and genres, a cover, lyrics, a missing file, an unreadable file, and ties in every sort. */
async function library(store: Store): Promise<{ missingId: number; untaggedId: number }> {
  const tagged = {
    artist: 'Nina Simone',
    artists: ['Nina Simone', 'Hal Mooney'],
    album: 'I Put a Spell on You',
    albumArtist: 'Nina Simone',
    genres: ['Jazz', 'Soul'],
    year: 1965,
    discNo: 1,
  };
  const ids = await addTracks(store, '/music', [
    { path: '/music/a.mp3', ...tagged, title: 'Feeling Good', trackNo: 7, durationS: 178 },
    { path: '/music/b.mp3', ...tagged, title: 'Ne me quitte pas', trackNo: 4, durationS: 210 },
    // A tie with b.mp3 on every key of the artist, album and title sorts (case aside).
    {
      path: '/music/c.mp3',
      ...tagged,
      artist: 'NINA SIMONE',
      title: 'ne me quitte pas',
      trackNo: 4,
    },
    {
      path: '/music/d.flac',
      title: 'Lonely Woman',
      artist: 'Ornette Coleman',
      album: 'The Shape of Jazz to Come',
      genres: ['Free Jazz'],
      year: 1959,
      durationS: 180,
      lyrics: { source: 'embedded', plain: 'instrumental', synced: null },
    },
    { path: '/music/untagged.mp3', durationS: null },
    { path: '/music/gone.mp3', title: 'Gone', artist: 'Someone', year: 1965, durationS: 180 },
    { path: '/music/broken.mp3', title: 'Broken', scanError: 'not an audio file' },
  ]);
  const covers = await store.covers.putMany([{ hash: 'abc123', mime: 'image/jpeg', bytes: 10 }]);
  await store.covers.link(covers.get('abc123') ?? -1, ids.slice(0, 3));
  // A later batch: different added_at, and the same duration as earlier tracks.
  await addTracks(store, '/music', [
    { path: '/music/e.mp3', title: 'Feeling Good', artist: 'Muse', genres: [], durationS: 178 },
  ]);
  await store.tracks.markMissing([ids[5]]);
  return { missingId: ids[5], untaggedId: ids[4] };
}

describe('track summaries', () => {
  it('returns exactly list().map(toTrackSummary), for every sort', async () => {
    const store = await Store.open(tempDir());
    const { missingId, untaggedId } = await library(store);
    for (const sort of SORTS) {
      const before = (await store.tracks.list({ sort })).map(toTrackSummary);
      const after = await store.tracks.summaries({ sort });
      expect(after, sort).toEqual(before);
      // Not two empty lists: the unreadable file is left out, the missing one kept and flagged.
      expect(after.map((s) => s.title)).not.toContain('Broken');
      expect(after).toHaveLength(7);
      expect(after.find((s) => s.id === missingId)?.missing).toBe(true);
      expect(after.find((s) => s.id === untaggedId)).toMatchObject({
        title: '',
        artist: '',
        album: '',
        albumArtist: '',
        genre: '',
        durationS: null,
        coverHash: null,
        hasLyrics: false,
      });
    }
    const byTitle = await store.tracks.summaries({ sort: 'title' });
    expect(
      byTitle.find((s) => s.title === 'Feeling Good' && s.artist === 'Nina Simone'),
    ).toMatchObject({
      genre: 'Jazz; Soul',
      coverHash: 'abc123',
      albumArtist: 'Nina Simone',
      trackNo: 7,
      discNo: 1,
    });
    expect(byTitle.find((s) => s.title === 'Lonely Woman')).toMatchObject({
      albumArtist: 'Ornette Coleman',
      hasLyrics: true,
    });
    await store.close();
  });

  it('defaults to the artist sort, like list()', async () => {
    const store = await Store.open(tempDir());
    await library(store);
    expect(await store.tracks.summaries()).toEqual((await store.tracks.list()).map(toTrackSummary));
    await store.close();
  });
});
