import { describe, expect, it } from 'vitest';
import { tagsFromPath } from '../../../src/main/library/path-tags';

describe('tags from the path', () => {
  it('reads Artist/Album/NN - Title', () => {
    expect(tagsFromPath('/m/Nick Drake/Pink Moon/03 - Road.flac', '/m')).toEqual({
      title: 'Road',
      artist: 'Nick Drake',
      album: 'Pink Moon',
      trackNo: 3,
    });
  });

  it('reads "Artist - Title" in a loose folder and "NN. Title"', () => {
    expect(tagsFromPath('/m/Downloads/Nina Simone - Sinnerman.mp3', '/m')).toMatchObject({
      title: 'Sinnerman',
      album: 'Downloads',
    });
    expect(tagsFromPath('/m/Some Album/07. Intro.mp3', '/m')).toMatchObject({
      title: 'Intro',
      trackNo: 7,
    });
    expect(tagsFromPath('/m/song.mp3', '/m')).toEqual({
      title: 'song',
      artist: null,
      album: null,
      trackNo: null,
    });
  });

  it('does not take a year or a number-only title for a track number', () => {
    expect(tagsFromPath('/m/A/B/1979.mp3', '/m')).toMatchObject({ title: '1979', trackNo: null });
  });
});
