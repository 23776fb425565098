/**
 * Turns music-metadata's result into the track fields Encore stores: normalised tags, legacy
 * encodings repaired, and the path as a fallback for missing title, artist, album and number.
 * Runs inside the tag worker.
 */
import type { IAudioMetadata } from 'music-metadata';
import type { TrackFields } from '../store/tracks';
import { repairTagText } from './legacy-encoding';
import { tagsFromPath } from './path-tags';

/** Fields the file itself yields (the scanner adds root, path, size, mtime and cover). */
export type FileFields = Omit<
  TrackFields,
  'rootId' | 'path' | 'size' | 'mtimeMs' | 'coverId' | 'fingerprint'
>;

const clean = (s: string | undefined | null): string | null => {
  const t = s?.replace(/\0/g, '').trim();
  return t ? t : null;
};
const finite = (n: number | undefined | null): number | null =>
  typeof n === 'number' && Number.isFinite(n) ? n : null;
const uniq = (xs: (string | null)[]): string[] => [...new Set(xs.filter((x): x is string => !!x))];

/** The track fields of a parsed file at `path` inside library `root`. */
export function fieldsFromMetadata(meta: IAudioMetadata, path: string, root: string): FileFields {
  const c = meta.common;
  const f = meta.format;
  let title = clean(c.title);
  let artist = clean(c.artist);
  let artists = uniq((c.artists ?? []).map(clean));
  let album = clean(c.album);
  let albumArtist = clean(c.albumartist);
  let genres = uniq((c.genre ?? []).flatMap((g) => g.split(/\s*[;/]\s*|\0/)).map(clean));
  let composer = clean(c.composer?.join('; '));
  let comment = clean(c.comment?.map((x) => x.text ?? '').join('\n'));

  // Legacy encodings: decide over all of the file's texts together, then put them back.
  let tagEncodingFix: string | null = null;
  const texts = [title, artist, album, albumArtist, composer, comment, ...artists, ...genres];
  const repaired = repairTagText(texts.map((t) => t ?? ''));
  if (repaired) {
    tagEncodingFix = repaired.encoding;
    const r = repaired.texts.map((t) => clean(t));
    const artistCount = artists.length;
    [title, artist, album, albumArtist, composer, comment] = r;
    artists = uniq(r.slice(6, 6 + artistCount));
    genres = uniq(r.slice(6 + artistCount));
  }

  const pathFallback: string[] = [];
  const fromPath = tagsFromPath(path, root);
  if (!title) {
    title = fromPath.title;
    pathFallback.push('title');
  }
  if (!artist && artists.length > 0) artist = artists.join(', ');
  if (!artist && fromPath.artist) {
    artist = fromPath.artist;
    pathFallback.push('artist');
  }
  if (!album && fromPath.album) {
    album = fromPath.album;
    pathFallback.push('album');
  }
  let trackNo = finite(c.track?.no);
  if (trackNo === null && fromPath.trackNo !== null) {
    trackNo = fromPath.trackNo;
    pathFallback.push('trackNo');
  }
  if (artists.length === 0 && artist) artists = [artist];

  return {
    scanError: null,
    container: clean(f.container),
    codec: clean(f.codec),
    lossless: typeof f.lossless === 'boolean' ? f.lossless : null,
    durationS: finite(f.duration),
    bitrate: finite(f.bitrate) === null ? null : Math.round(f.bitrate as number),
    sampleRate: finite(f.sampleRate),
    channels: finite(f.numberOfChannels),
    bitsPerSample: finite(f.bitsPerSample),
    title,
    artist,
    artists,
    album,
    albumArtist,
    trackNo,
    trackTotal: finite(c.track?.of),
    discNo: finite(c.disk?.no),
    discTotal: finite(c.disk?.of),
    year: finite(c.year),
    date: clean(c.date),
    genres,
    composer,
    comment,
    bpmTag: finite(c.bpm),
    keyTag: clean(c.key),
    moodTag: clean(c.mood),
    rgTrackGainDb: finite(c.replaygain_track_gain?.dB),
    rgTrackPeak: finite(c.replaygain_track_peak?.ratio),
    rgAlbumGainDb: finite(c.replaygain_album_gain?.dB),
    rgAlbumPeak: finite(c.replaygain_album_peak?.ratio),
    mbTrackId: clean(c.musicbrainz_trackid),
    mbRecordingId: clean(c.musicbrainz_recordingid),
    mbAlbumId: clean(c.musicbrainz_albumid),
    mbArtistId: clean(c.musicbrainz_artistid?.[0]),
    pathFallback,
    tagEncodingFix,
  };
}
