/** The small library row the list views load (100,000 of them at once), made from a Track. */
import type { Track } from '../../shared/library';
import type { TrackSummary } from '../../shared/contract';

export function toSummary(t: Track): TrackSummary {
  return {
    id: t.id,
    title: t.title,
    artist: t.artist,
    album: t.album,
    albumArtist: t.albumArtist,
    durationS: t.durationS,
    year: t.year,
    genre: t.genre,
    trackNo: t.trackNo,
    discNo: t.discNo,
    coverHash: t.coverHash,
    hasLyrics: t.hasLyrics,
    missing: t.missing,
    addedAt: t.addedAt,
  };
}
