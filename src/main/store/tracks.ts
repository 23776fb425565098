/** Tracks, their lyrics and their FTS rows: what the scanner writes and the library views read. */
import type { Database, SqlValue, Tx } from './database';
import type {
  LibraryStats,
  Lyrics,
  ScanErrorEntry,
  SyncedLine,
  Track,
  TrackId,
} from '../../shared/library';
import type { TrackSummary } from '../../shared/library';
import type { TrackSort } from '../../shared/payload-schemas';
import { ftsQuery, ftsText } from './fts-text';
import { listSummaries, summaryOf } from './track-summaries';

/** What the scanner knows about one file on disk (no id: the store assigns it). */
export interface TrackFields {
  rootId: number;
  path: string;
  size: number;
  mtimeMs: number;
  fingerprint: string | null;
  scanError: string | null;
  container: string | null;
  codec: string | null;
  lossless: boolean | null;
  durationS: number | null;
  bitrate: number | null;
  sampleRate: number | null;
  channels: number | null;
  bitsPerSample: number | null;
  title: string | null;
  artist: string | null;
  artists: string[];
  album: string | null;
  albumArtist: string | null;
  trackNo: number | null;
  trackTotal: number | null;
  discNo: number | null;
  discTotal: number | null;
  year: number | null;
  date: string | null;
  genres: string[];
  composer: string | null;
  comment: string | null;
  bpmTag: number | null;
  keyTag: string | null;
  moodTag: string | null;
  rgTrackGainDb: number | null;
  rgTrackPeak: number | null;
  rgAlbumGainDb: number | null;
  rgAlbumPeak: number | null;
  mbTrackId: string | null;
  mbRecordingId: string | null;
  mbAlbumId: string | null;
  mbArtistId: string | null;
  pathFallback: string[];
  tagEncodingFix: string | null;
  coverId: number | null;
}

export interface LyricsFields {
  source: Lyrics['source'];
  plain: string;
  synced: SyncedLine[] | null;
}

/** One file's outcome of a scan: its fields, and its lyrics when it has any. */
export interface ScannedFile {
  fields: TrackFields;
  lyrics: LyricsFields | null;
  /** Set when this file is a known track that moved here (same fingerprint): keep its id. */
  movedFromId?: TrackId;
}

/** A file's identity with every tag and format field empty: the base of every row written. */
export function blankTrackFields(
  identity: Pick<TrackFields, 'rootId' | 'path' | 'size' | 'mtimeMs'>,
): TrackFields {
  return {
    ...identity,
    fingerprint: null,
    scanError: null,
    container: null,
    codec: null,
    lossless: null,
    durationS: null,
    bitrate: null,
    sampleRate: null,
    channels: null,
    bitsPerSample: null,
    title: null,
    artist: null,
    artists: [],
    album: null,
    albumArtist: null,
    trackNo: null,
    trackTotal: null,
    discNo: null,
    discTotal: null,
    year: null,
    date: null,
    genres: [],
    composer: null,
    comment: null,
    bpmTag: null,
    keyTag: null,
    moodTag: null,
    rgTrackGainDb: null,
    rgTrackPeak: null,
    rgAlbumGainDb: null,
    rgAlbumPeak: null,
    mbTrackId: null,
    mbRecordingId: null,
    mbAlbumId: null,
    mbArtistId: null,
    pathFallback: [],
    tagEncodingFix: null,
    coverId: null,
  };
}

/** What the incremental scan compares against: the last seen state of each known file. */
export interface KnownFile {
  id: TrackId;
  path: string;
  size: number;
  mtimeMs: number;
  fingerprint: string | null;
  missing: boolean;
  hasError: boolean;
}

const COLUMNS: [keyof TrackFields, string][] = [
  ['rootId', 'root_id'],
  ['path', 'path'],
  ['size', 'size'],
  ['mtimeMs', 'mtime_ms'],
  ['fingerprint', 'fingerprint'],
  ['scanError', 'scan_error'],
  ['container', 'container'],
  ['codec', 'codec'],
  ['lossless', 'lossless'],
  ['durationS', 'duration_s'],
  ['bitrate', 'bitrate'],
  ['sampleRate', 'sample_rate'],
  ['channels', 'channels'],
  ['bitsPerSample', 'bits_per_sample'],
  ['title', 'title'],
  ['artist', 'artist'],
  ['artists', 'artists'],
  ['album', 'album'],
  ['albumArtist', 'album_artist'],
  ['trackNo', 'track_no'],
  ['trackTotal', 'track_total'],
  ['discNo', 'disc_no'],
  ['discTotal', 'disc_total'],
  ['year', 'year'],
  ['date', 'date'],
  ['genres', 'genres'],
  ['composer', 'composer'],
  ['comment', 'comment'],
  ['bpmTag', 'bpm_tag'],
  ['keyTag', 'key_tag'],
  ['moodTag', 'mood_tag'],
  ['rgTrackGainDb', 'rg_track_gain_db'],
  ['rgTrackPeak', 'rg_track_peak'],
  ['rgAlbumGainDb', 'rg_album_gain_db'],
  ['rgAlbumPeak', 'rg_album_peak'],
  ['mbTrackId', 'mb_track_id'],
  ['mbRecordingId', 'mb_recording_id'],
  ['mbAlbumId', 'mb_album_id'],
  ['mbArtistId', 'mb_artist_id'],
  ['pathFallback', 'path_fallback'],
  ['tagEncodingFix', 'tag_encoding_fix'],
  ['coverId', 'cover_id'],
];
// 'genre' (the display string) is derived from genres on write.
const WRITE_COLUMNS = [...COLUMNS.map(([, c]) => c), 'genre'];

function toSql(f: TrackFields): SqlValue[] {
  return [
    ...COLUMNS.map(([k]) => {
      const v = f[k];
      if (Array.isArray(v)) return JSON.stringify(v);
      if (typeof v === 'boolean') return v ? 1 : 0;
      return v as SqlValue;
    }),
    f.genres.join('; ') || null,
  ];
}

interface TrackRow {
  id: number;
  path: string;
  title: string | null;
  artist: string | null;
  artists: string | null;
  album: string | null;
  album_artist: string | null;
  track_no: number | null;
  track_total: number | null;
  disc_no: number | null;
  disc_total: number | null;
  year: number | null;
  genre: string | null;
  genres: string | null;
  composer: string | null;
  comment: string | null;
  duration_s: number | null;
  container: string | null;
  codec: string | null;
  lossless: number | null;
  bitrate: number | null;
  sample_rate: number | null;
  channels: number | null;
  bpm_tag: number | null;
  key_tag: string | null;
  mood_tag: string | null;
  rg_track_gain_db: number | null;
  rg_track_peak: number | null;
  rg_album_gain_db: number | null;
  rg_album_peak: number | null;
  mb_track_id: string | null;
  mb_recording_id: string | null;
  mb_album_id: string | null;
  mb_artist_id: string | null;
  path_fallback: string | null;
  tag_encoding_fix: string | null;
  cover_hash: string | null;
  has_lyrics: number;
  missing: number;
  added_at: number;
}

const jsonArray = (s: string | null): string[] => (s ? (JSON.parse(s) as string[]) : []);

/** A full Track: the summary's fields (mapped once, in track-summaries.ts) and the rest. */
function toTrack(r: TrackRow): Track {
  return {
    ...summaryOf(r),
    path: r.path,
    artists: jsonArray(r.artists),
    trackTotal: r.track_total,
    discTotal: r.disc_total,
    genres: jsonArray(r.genres),
    composer: r.composer,
    comment: r.comment,
    container: r.container,
    codec: r.codec,
    lossless: r.lossless === null ? null : r.lossless === 1,
    bitrate: r.bitrate,
    sampleRate: r.sample_rate,
    channels: r.channels,
    bpmTag: r.bpm_tag,
    keyTag: r.key_tag,
    moodTag: r.mood_tag,
    replayGain: {
      trackGainDb: r.rg_track_gain_db,
      trackPeak: r.rg_track_peak,
      albumGainDb: r.rg_album_gain_db,
      albumPeak: r.rg_album_peak,
    },
    musicbrainz: {
      trackId: r.mb_track_id,
      recordingId: r.mb_recording_id,
      albumId: r.mb_album_id,
      artistId: r.mb_artist_id,
    },
    pathFallback: jsonArray(r.path_fallback),
    tagEncodingFix: r.tag_encoding_fix,
  };
}

const SELECT_TRACK = `SELECT t.*, c.hash AS cover_hash FROM tracks t LEFT JOIN covers c ON c.id = t.cover_id`;

// Each order ends on the id, so ties come back in the same order from every query that uses it
// (the full list, the summaries, page after page).
const ORDER_BY: Record<TrackSort, string> = {
  artist:
    't.artist COLLATE NOCASE, t.album COLLATE NOCASE, t.disc_no, t.track_no, t.title COLLATE NOCASE, t.id',
  album: 't.album COLLATE NOCASE, t.disc_no, t.track_no, t.title COLLATE NOCASE, t.id',
  title: 't.title COLLATE NOCASE, t.artist COLLATE NOCASE, t.id',
  added: 't.added_at DESC, t.id DESC',
  duration: 't.duration_s, t.id',
  year: 't.year, t.artist COLLATE NOCASE, t.album COLLATE NOCASE, t.track_no, t.id',
};

export class TrackRepository {
  constructor(private readonly db: Database) {}

  /** Every known file under a root, for the incremental scan to compare with the disk. */
  async knownFiles(rootId: number): Promise<KnownFile[]> {
    const rows = await this.db.reader.all<{
      id: number;
      path: string;
      size: number;
      mtime_ms: number;
      fingerprint: string | null;
      missing: number;
      scan_error: string | null;
    }>(
      'SELECT id, path, size, mtime_ms, fingerprint, missing, scan_error FROM tracks WHERE root_id = ?',
      [rootId],
    );
    return rows.map((r) => ({
      id: r.id,
      path: r.path,
      size: r.size,
      mtimeMs: r.mtime_ms,
      fingerprint: r.fingerprint,
      missing: r.missing === 1,
      hasError: r.scan_error !== null,
    }));
  }

  /**
   * Writes one batch of scanned files in one transaction: new files are inserted, known paths
   * updated, moved files keep their id (and so their history). Returns the ids written, in order.
   */
  async writeScanned(files: ScannedFile[]): Promise<TrackId[]> {
    if (files.length === 0) return [];
    const now = Date.now();
    const placeholders = WRITE_COLUMNS.map(() => '?').join(', ');
    const updates = WRITE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ');
    const upsert = `INSERT INTO tracks (${WRITE_COLUMNS.join(', ')}, missing, has_lyrics, added_at, updated_at)
      VALUES (${placeholders}, 0, ?, ?, ?)
      ON CONFLICT(path) DO UPDATE SET ${updates}, missing = 0, removed_at = NULL,
        has_lyrics = excluded.has_lyrics, updated_at = excluded.updated_at
      RETURNING id`;
    const setById = `UPDATE tracks SET ${WRITE_COLUMNS.map((c) => `${c} = ?`).join(', ')},
      missing = 0, has_lyrics = ?, updated_at = ? WHERE id = ? RETURNING id`;
    return this.db.transaction(async (tx) => {
      const ids: TrackId[] = [];
      for (const file of files) {
        const hasLyrics = file.lyrics ? 1 : 0;
        const row = file.movedFromId
          ? await tx.get<{ id: number }>(setById, [
              ...toSql(file.fields),
              hasLyrics,
              now,
              file.movedFromId,
            ])
          : await tx.get<{ id: number }>(upsert, [...toSql(file.fields), hasLyrics, now, now]);
        if (!row) throw new Error(`track ${file.fields.path} was not written`);
        ids.push(row.id);
      }
      // Lyrics and search rows in a few statements per batch rather than a few per file: each
      // statement is a round trip through libuv's thread pool.
      await writeLyrics(tx, ids, files);
      await writeFts(tx, ids, files);
      return ids;
    });
  }

  /** Marks tracks missing (their drive or folder is gone) without losing them. */
  async markMissing(ids: TrackId[]): Promise<number> {
    return this.updateMany(ids, 'UPDATE tracks SET missing = 1 WHERE missing = 0 AND id IN');
  }

  /** Clears the missing flag of files that are back, unchanged. */
  async markPresent(ids: TrackId[]): Promise<number> {
    return this.updateMany(ids, 'UPDATE tracks SET missing = 0 WHERE missing = 1 AND id IN');
  }

  /** Removes tracks whose files were deleted. */
  async remove(ids: TrackId[]): Promise<number> {
    if (ids.length === 0) return 0;
    return this.db.transaction(async (tx) => {
      let changes = 0;
      for (const chunk of chunks(ids, 500)) {
        const list = chunk.map(() => '?').join(',');
        await tx.run(`DELETE FROM track_fts WHERE rowid IN (${list})`, chunk);
        changes += (await tx.run(`DELETE FROM tracks WHERE id IN (${list})`, chunk)).changes;
      }
      return changes;
    });
  }

  private async updateMany(ids: TrackId[], sqlPrefix: string): Promise<number> {
    if (ids.length === 0) return 0;
    return this.db.transaction(async (tx) => {
      let changes = 0;
      for (const chunk of chunks(ids, 500)) {
        changes += (await tx.run(`${sqlPrefix} (${chunk.map(() => '?').join(',')})`, chunk))
          .changes;
      }
      return changes;
    });
  }

  async get(id: TrackId): Promise<Track | undefined> {
    const row = await this.db.reader.get<TrackRow>(`${SELECT_TRACK} WHERE t.id = ?`, [id]);
    return row ? toTrack(row) : undefined;
  }

  async getMany(ids: TrackId[]): Promise<Track[]> {
    const out: Track[] = [];
    for (const chunk of chunks(ids, 500)) {
      const rows = await this.db.reader.all<TrackRow>(
        `${SELECT_TRACK} WHERE t.id IN (${chunk.map(() => '?').join(',')})`,
        chunk,
      );
      out.push(...rows.map(toTrack));
    }
    const byId = new Map(out.map((t) => [t.id, t]));
    return ids.map((id) => byId.get(id)).filter((t): t is Track => t !== undefined);
  }

  /** Playable tracks in the library (no scan error, not removed), sorted; missing ones included unless `present` is set. */
  async list(
    opts: { sort?: TrackSort; limit?: number; offset?: number; present?: boolean } = {},
  ): Promise<Track[]> {
    const where = opts.present
      ? 'WHERE t.scan_error IS NULL AND t.missing = 0'
      : 'WHERE t.scan_error IS NULL AND t.removed_at IS NULL';
    const rows = await this.db.reader.all<TrackRow>(
      `${SELECT_TRACK} ${where} ORDER BY ${ORDER_BY[opts.sort ?? 'artist']} LIMIT ? OFFSET ?`,
      [opts.limit ?? -1, opts.offset ?? 0],
    );
    return rows.map(toTrack);
  }

  /**
   * What list({ sort }) returns, as the library views' summaries: read from the summary columns
   * alone, without building full Tracks (the library view loads all of them at once).
   */
  async summaries(opts: { sort?: TrackSort } = {}): Promise<TrackSummary[]> {
    return listSummaries(this.db.reader, ORDER_BY[opts.sort ?? 'artist']);
  }

  /** Full-text search over title, artist, album, album artist, genre, composer and lyrics. */
  async search(query: string, limit = 50): Promise<Track[]> {
    const match = ftsQuery(query);
    if (!match) return [];
    const rows = await this.db.reader.all<TrackRow>(
      `${SELECT_TRACK} JOIN track_fts f ON f.rowid = t.id
       WHERE track_fts MATCH ? AND t.scan_error IS NULL AND t.removed_at IS NULL
       ORDER BY bm25(track_fts, 10.0, 8.0, 5.0, 4.0, 2.0, 2.0, 1.0) LIMIT ?`,
      [match, limit],
    );
    return rows.map(toTrack);
  }

  async lyrics(trackId: TrackId): Promise<Lyrics | undefined> {
    const row = await this.db.reader.get<{
      source: Lyrics['source'];
      plain: string;
      synced: string | null;
    }>('SELECT source, plain, synced FROM lyrics WHERE track_id = ?', [trackId]);
    if (!row) return undefined;
    return {
      trackId,
      source: row.source,
      plain: row.plain,
      synced: row.synced ? (JSON.parse(row.synced) as SyncedLine[]) : null,
    };
  }

  /** Files that could not be read, with why. */
  async errors(limit = 1000): Promise<ScanErrorEntry[]> {
    return this.db.reader.all<ScanErrorEntry>(
      'SELECT path, scan_error AS error FROM tracks WHERE scan_error IS NOT NULL AND removed_at IS NULL ORDER BY path LIMIT ?',
      [limit],
    );
  }

  async stats(): Promise<LibraryStats> {
    const row = await this.db.reader.get<{
      tracks: number;
      missing: number;
      errors: number;
      artists: number;
      albums: number;
      with_lyrics: number;
      with_covers: number;
      duration: number | null;
    }>(`SELECT
        SUM(scan_error IS NULL) AS tracks,
        SUM(scan_error IS NULL AND missing = 1) AS missing,
        SUM(scan_error IS NOT NULL) AS errors,
        COUNT(DISTINCT CASE WHEN scan_error IS NULL THEN lower(artist) END) AS artists,
        COUNT(DISTINCT CASE WHEN scan_error IS NULL THEN lower(COALESCE(album_artist, artist)) || '|' || lower(album) END) AS albums,
        SUM(scan_error IS NULL AND has_lyrics = 1) AS with_lyrics,
        SUM(scan_error IS NULL AND cover_id IS NOT NULL) AS with_covers,
        SUM(CASE WHEN scan_error IS NULL THEN duration_s END) AS duration
      FROM tracks WHERE removed_at IS NULL`);
    const roots = await this.db.reader.all<{ path: string; status: string; tracks: number }>(
      `SELECT r.path, r.status, COUNT(t.id) AS tracks FROM roots r
       LEFT JOIN tracks t ON t.root_id = r.id AND t.scan_error IS NULL
       WHERE r.removed_at IS NULL GROUP BY r.id ORDER BY r.path`,
    );
    return {
      tracks: row?.tracks ?? 0,
      missing: row?.missing ?? 0,
      errors: row?.errors ?? 0,
      artists: row?.artists ?? 0,
      albums: row?.albums ?? 0,
      withLyrics: row?.with_lyrics ?? 0,
      withCovers: row?.with_covers ?? 0,
      totalDurationS: row?.duration ?? 0,
      roots,
    };
  }
}

/** Replaces the lyrics of the written tracks (`ids[i]` is `files[i]`'s row). */
async function writeLyrics(tx: Tx, ids: TrackId[], files: ScannedFile[]): Promise<void> {
  const without = ids.filter((_, i) => !files[i].lyrics);
  for (const chunk of chunks(without, 500)) {
    await tx.run(`DELETE FROM lyrics WHERE track_id IN (${chunk.map(() => '?').join(',')})`, chunk);
  }
  for (let i = 0; i < files.length; i++) {
    const lyrics = files[i].lyrics;
    if (!lyrics) continue;
    await tx.run(
      `INSERT INTO lyrics (track_id, source, plain, synced) VALUES (?, ?, ?, ?)
       ON CONFLICT(track_id) DO UPDATE SET source = excluded.source, plain = excluded.plain, synced = excluded.synced`,
      [ids[i], lyrics.source, lyrics.plain, lyrics.synced ? JSON.stringify(lyrics.synced) : null],
    );
  }
}

/** Rows per multi-row FTS insert: 8 parameters each, far below SQLite's parameter limit. */
const FTS_ROWS_PER_INSERT = 200;

/** Replaces the full-text rows of the written tracks; unreadable files get none. */
async function writeFts(tx: Tx, ids: TrackId[], files: ScannedFile[]): Promise<void> {
  for (const chunk of chunks(ids, 500)) {
    await tx.run(`DELETE FROM track_fts WHERE rowid IN (${chunk.map(() => '?').join(',')})`, chunk);
  }
  const rows = files.flatMap((file, i) => {
    const f = file.fields;
    if (f.scanError) return [];
    return [
      [
        ids[i],
        ftsText(f.title),
        ftsText([f.artist, ...f.artists].filter(Boolean).join(' ')),
        ftsText(f.album),
        ftsText(f.albumArtist),
        ftsText(f.genres.join(' ')),
        ftsText(f.composer),
        ftsText(file.lyrics?.plain),
      ],
    ];
  });
  for (const chunk of chunks(rows, FTS_ROWS_PER_INSERT)) {
    await tx.run(
      `INSERT INTO track_fts (rowid, title, artist, album, album_artist, genre, composer, lyrics)
       VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      chunk.flat(),
    );
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
