/** Library types shared by the engine, the CLI, the bridges and the renderer. */

export type TrackId = number;

export interface ReplayGain {
  trackGainDb: number | null;
  trackPeak: number | null;
  albumGainDb: number | null;
  albumPeak: number | null;
}

/** One track of the library as every consumer sees it. */
export interface Track {
  id: TrackId;
  path: string;
  title: string;
  artist: string;
  artists: string[];
  album: string;
  albumArtist: string;
  trackNo: number | null;
  trackTotal: number | null;
  discNo: number | null;
  discTotal: number | null;
  year: number | null;
  genre: string;
  genres: string[];
  composer: string | null;
  comment: string | null;
  /** Seconds. */
  durationS: number | null;
  container: string | null;
  codec: string | null;
  lossless: boolean | null;
  /** Bits per second. */
  bitrate: number | null;
  /** Hz. */
  sampleRate: number | null;
  channels: number | null;
  bpmTag: number | null;
  keyTag: string | null;
  moodTag: string | null;
  replayGain: ReplayGain;
  musicbrainz: {
    trackId: string | null;
    recordingId: string | null;
    albumId: string | null;
    artistId: string | null;
  };
  /** Fields filled from the file's path because its tags lacked them. */
  pathFallback: string[];
  /** Set when legacy-encoded tags were re-decoded (e.g. 'gbk'). */
  tagEncodingFix: string | null;
  /** Content hash of the album cover in the cover cache, or null. */
  coverHash: string | null;
  hasLyrics: boolean;
  /** True while the file cannot be seen (its drive is unplugged); the track keeps its history. */
  missing: boolean;
  /** Unix ms. */
  addedAt: number;
}

/** The fields of a Track the list views need, in the order a summary lists them. */
const TRACK_SUMMARY_FIELDS = [
  'id',
  'title',
  'artist',
  'album',
  'albumArtist',
  'durationS',
  'year',
  'genre',
  'trackNo',
  'discNo',
  'coverHash',
  'hasLyrics',
  'missing',
  'addedAt',
] as const;

/** The library row the list views need: small, so 100,000 of them load fast. */
export type TrackSummary = Pick<Track, (typeof TRACK_SUMMARY_FIELDS)[number]>;

/** The summary of a full Track: its summary fields, nothing else. */
export function toTrackSummary(track: Track): TrackSummary {
  const summary: Partial<Record<keyof TrackSummary, unknown>> = {};
  for (const field of TRACK_SUMMARY_FIELDS) summary[field] = track[field];
  return summary as TrackSummary;
}

export interface SyncedLine {
  /** Seconds from the start of the track (offset tag already applied). */
  t: number;
  text: string;
}

export interface Lyrics {
  trackId: TrackId;
  source: 'embedded' | 'embedded-synced' | 'lrc' | 'txt';
  plain: string;
  synced: SyncedLine[] | null;
}

export interface ScanProgress {
  phase: 'walking' | 'reading' | 'finishing';
  /** Audio files found so far. */
  seen: number;
  /** Files read (or found unchanged) so far. */
  done: number;
  errors: number;
  currentPath: string | null;
  /** Files per second over the reading phase. */
  rate: number;
  /** Seconds left, or null while unknown. */
  etaS: number | null;
}

/** What a scan did to the library's files, counted (per root and summed over a whole scan). */
export interface ScanCounts {
  added: number;
  updated: number;
  moved: number;
  removed: number;
  unchanged: number;
  errors: number;
  /** Tracks marked missing because their root or folder could not be read. */
  markedMissing: number;
}

export interface ScanSummary extends ScanCounts {
  /** Roots that were missing, empty or unreadable (their tracks were kept). */
  unavailableRoots: string[];
  /**
   * Folders inside the roots whose files could not be seen, with why: unreadable, or a link (to a
   * folder or a file) that leads outside every library folder, which is not followed.
   */
  unreadableFolders: ScanErrorEntry[];
  cancelled: boolean;
  durationMs: number;
}

export interface LibraryChange {
  added: TrackId[];
  updated: TrackId[];
  removed: TrackId[];
  /** Tracks that went missing or came back (their drive, their folder), files unchanged. */
  available?: TrackId[];
}

export interface ScanErrorEntry {
  path: string;
  error: string;
}

export interface LibraryStats {
  tracks: number;
  missing: number;
  errors: number;
  artists: number;
  albums: number;
  withLyrics: number;
  withCovers: number;
  /** Seconds. */
  totalDurationS: number;
  roots: { path: string; status: string; tracks: number }[];
}

/** A place the folder browser starts from: the home folder or a mounted volume / drive. */
export interface FolderPlace {
  kind: 'home' | 'volume';
  label: string;
  path: string;
}

/** One folder's subfolders, as the browser host's folder browser shows them. */
export interface FolderListing {
  /** Absolute path of the folder listed (`~` expanded). */
  path: string;
  /** The folder above, or null at the top of the file system. */
  parent: string | null;
  folders: { name: string; path: string }[];
  /** True when there were more subfolders than the listing holds. */
  truncated: boolean;
  places: FolderPlace[];
}

/** What removing a library folder concerns: its tracks and their listening history. */
export interface RootUsage {
  tracks: number;
  /** Feedback events (plays, skips, likes …) recorded for those tracks. */
  events: number;
  /** Plays started. */
  plays: number;
}
