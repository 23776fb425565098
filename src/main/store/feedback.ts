/**
 * The feedback log: append-only, timestamped play/skip/like events with their context. An event is
 * committed (synchronous=FULL, so on disk) before append() resolves: what the UI acknowledges is
 * never lost. Also keeps the recommender's small saved state (taste snapshot, settings).
 */
import type { Database, SqlValue } from './database';
import type { FeedbackEvent, RecordedEvent } from '../../shared/recommend';
import type { Track } from '../../shared/library';

/** What the recommender's catalog needs of a track. */
export type CatalogTrackRow = Pick<
  Track,
  | 'id'
  | 'path'
  | 'title'
  | 'artist'
  | 'albumArtist'
  | 'album'
  | 'genres'
  | 'year'
  | 'durationS'
  | 'bpmTag'
  | 'keyTag'
  | 'moodTag'
  | 'missing'
>;

interface EventRow {
  id: number;
  at: number;
  track_id: number;
  kind: RecordedEvent['kind'];
  session_id: string;
  source: RecordedEvent['source'];
  position_s: number | null;
  duration_s: number | null;
  context: string | null;
}

const toEvent = (r: EventRow): RecordedEvent => ({
  id: r.id,
  at: r.at,
  trackId: r.track_id,
  kind: r.kind,
  sessionId: r.session_id,
  source: r.source,
  positionS: r.position_s,
  durationS: r.duration_s,
  context: r.context,
});

const INSERT = `INSERT INTO feedback_events (at, track_id, kind, session_id, source, position_s, duration_s, context)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`;

function params(e: FeedbackEvent, at: number): SqlValue[] {
  return [
    at,
    e.trackId,
    e.kind,
    e.sessionId,
    e.source,
    e.positionS ?? null,
    e.durationS ?? null,
    e.context ?? null,
  ];
}

export class FeedbackRepository {
  constructor(private readonly db: Database) {}

  /** Appends one event; resolves after it is committed. */
  async append(e: FeedbackEvent): Promise<RecordedEvent> {
    const at = e.at ?? Date.now();
    const row = await this.db.transaction((tx) => tx.get<{ id: number }>(INSERT, params(e, at)));
    if (!row) throw new Error('feedback event was not stored');
    return toRecorded(e, row.id, at);
  }

  /** Appends many events in one transaction (history import). */
  async appendMany(events: FeedbackEvent[]): Promise<RecordedEvent[]> {
    if (events.length === 0) return [];
    return this.db.transaction(async (tx) => {
      const out: RecordedEvent[] = [];
      for (const e of events) {
        const at = e.at ?? Date.now();
        const row = await tx.get<{ id: number }>(INSERT, params(e, at));
        if (!row) throw new Error('feedback event was not stored');
        out.push(toRecorded(e, row.id, at));
      }
      return out;
    });
  }

  /** Track id and time of every imported listen, as `id@at` (re-imports skip these). */
  async importedListens(): Promise<Set<string>> {
    const rows = await this.db.reader.all<{ track_id: number; at: number }>(
      "SELECT track_id, at FROM feedback_events WHERE source = 'import'",
    );
    return new Set(rows.map((r) => `${r.track_id}@${r.at}`));
  }

  /** Events with id > `afterId`, oldest first (replay into the models). */
  async since(afterId = 0, limit = -1): Promise<RecordedEvent[]> {
    const rows = await this.db.reader.all<EventRow>(
      'SELECT * FROM feedback_events WHERE id > ? ORDER BY id LIMIT ?',
      [afterId, limit],
    );
    return rows.map(toEvent);
  }

  async count(): Promise<number> {
    const row = await this.db.reader.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM feedback_events',
    );
    return row?.n ?? 0;
  }

  /**
   * The playable tracks with only the fields the recommender's catalog reads, oldest first: one
   * slim query instead of full Track rows (100,000 tracks load in a fraction of the time).
   */
  async catalogTracks(): Promise<CatalogTrackRow[]> {
    const rows = await this.db.reader.all<{
      id: number;
      path: string;
      title: string | null;
      artist: string | null;
      album_artist: string | null;
      album: string | null;
      genres: string | null;
      year: number | null;
      duration_s: number | null;
      bpm_tag: number | null;
      key_tag: string | null;
      mood_tag: string | null;
    }>(
      `SELECT id, path, title, artist, album_artist, album, genres, year, duration_s, bpm_tag, key_tag, mood_tag
       FROM tracks WHERE scan_error IS NULL AND missing = 0 ORDER BY id`,
    );
    return rows.map((r) => ({
      id: r.id,
      path: r.path,
      title: r.title ?? '',
      artist: r.artist ?? '',
      albumArtist: r.album_artist ?? r.artist ?? '',
      album: r.album ?? '',
      genres: r.genres ? (JSON.parse(r.genres) as string[]) : [],
      year: r.year,
      durationS: r.duration_s,
      bpmTag: r.bpm_tag,
      keyTag: r.key_tag,
      moodTag: r.mood_tag,
      missing: false,
    }));
  }

  /** A saved state document (JSON text) by key, or undefined. */
  async getState(key: string): Promise<string | undefined> {
    const row = await this.db.reader.get<{ value: string }>(
      'SELECT value FROM recommend_state WHERE key = ?',
      [key],
    );
    return row?.value;
  }

  async setState(key: string, value: string): Promise<void> {
    await this.db.transaction((tx) =>
      tx.run(
        `INSERT INTO recommend_state (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
        [key, value, Date.now()],
      ),
    );
  }
}

function toRecorded(e: FeedbackEvent, id: number, at: number): RecordedEvent {
  return {
    id,
    at,
    trackId: e.trackId,
    kind: e.kind,
    sessionId: e.sessionId,
    source: e.source,
    positionS: e.positionS ?? null,
    durationS: e.durationS ?? null,
    context: e.context ?? null,
  };
}
