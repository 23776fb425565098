/**
 * The library views' rows (TrackSummary) read straight from the tracks table: only the columns a
 * summary shows, so listing 100,000 tracks does not build (and JSON-decode) 100,000 full Tracks.
 */
import type { SqlRunner } from './database';
import type { TrackSummary } from '../../shared/library';

interface SummaryRow {
  id: number;
  title: string | null;
  artist: string | null;
  album: string | null;
  album_artist: string | null;
  duration_s: number | null;
  year: number | null;
  genre: string | null;
  track_no: number | null;
  disc_no: number | null;
  cover_hash: string | null;
  has_lyrics: number;
  missing: number;
  added_at: number;
}

const SELECT_SUMMARY = `SELECT t.id, t.title, t.artist, t.album, t.album_artist, t.duration_s,
  t.year, t.genre, t.track_no, t.disc_no, c.hash AS cover_hash, t.has_lyrics, t.missing, t.added_at
  FROM tracks t LEFT JOIN covers c ON c.id = t.cover_id`;

/**
 * The one mapping of a tracks row to the summary's fields: the full Track (tracks.ts toTrack) is
 * built on it, so a summary never differs from the same fields of the Track.
 */
export function summaryOf(r: SummaryRow): TrackSummary {
  return {
    id: r.id,
    title: r.title ?? '',
    artist: r.artist ?? '',
    album: r.album ?? '',
    albumArtist: r.album_artist ?? r.artist ?? '',
    durationS: r.duration_s,
    year: r.year,
    genre: r.genre ?? '',
    trackNo: r.track_no,
    discNo: r.disc_no,
    coverHash: r.cover_hash,
    hasLyrics: r.has_lyrics === 1,
    missing: r.missing === 1,
    addedAt: r.added_at,
  };
}

/**
 * Every playable track in the library (no scan error, not removed, missing ones included) as a summary, in `orderBy` order (one
 * of the track repository's sorts).
 */
export async function listSummaries(reader: SqlRunner, orderBy: string): Promise<TrackSummary[]> {
  const rows = await reader.all<SummaryRow>(
    `${SELECT_SUMMARY} WHERE t.scan_error IS NULL AND t.removed_at IS NULL ORDER BY ${orderBy}`,
  );
  return rows.map(summaryOf);
}
