/** The row recorded for a file that could not be read: its identity and the reason, no tags. */
import type { TrackFields } from '../store/tracks';
import type { WalkedFile } from './walk';

export function errorFields(rootId: number, file: WalkedFile, error: string): TrackFields {
  return {
    rootId, path: file.path, size: file.size, mtimeMs: file.mtimeMs, fingerprint: null,
    scanError: error || 'unreadable', container: null, codec: null, lossless: null, durationS: null,
    bitrate: null, sampleRate: null, channels: null, bitsPerSample: null, title: null, artist: null,
    artists: [], album: null, albumArtist: null, trackNo: null, trackTotal: null, discNo: null,
    discTotal: null, year: null, date: null, genres: [], composer: null, comment: null, bpmTag: null,
    keyTag: null, moodTag: null, rgTrackGainDb: null, rgTrackPeak: null, rgAlbumGainDb: null,
    rgAlbumPeak: null, mbTrackId: null, mbRecordingId: null, mbAlbumId: null, mbArtistId: null,
    pathFallback: [], tagEncodingFix: null, coverId: null,
  };
}
