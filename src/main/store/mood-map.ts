/**
 * The mood map's query: every analysed track as a point on arousal (energy) × valence (mood),
 * lean enough to send 100,000 of them to the renderer at once.
 */
import type { Database } from './database';
import type { MoodPoint } from '../../shared/contract';

export async function moodMapPoints(db: Database): Promise<MoodPoint[]> {
  return db.reader.all<MoodPoint>(
    `SELECT f.track_id AS id, f.arousal AS arousal, f.valence AS valence
     FROM audio_features f JOIN tracks t ON t.id = f.track_id
     WHERE f.status = 'ok' AND f.arousal IS NOT NULL AND f.valence IS NOT NULL
       AND t.scan_error IS NULL`,
  );
}
