/**
 * What the person said about a track, from the feedback log: liked (the newest like/unlike is a
 * like) and rejected (the newest dislike/undislike is a dislike). The player shows it as the
 * pressed state of Like and Not this, so it survives a reload because it is read from the store.
 */
import type { Database } from './database';
import type { TrackId } from '../../shared/library';
import type { TrackOpinion } from '../../shared/contract';

export async function trackOpinion(db: Database, id: TrackId): Promise<TrackOpinion> {
  const latest = (kinds: [string, string]): Promise<{ kind: string } | undefined> =>
    db.reader.get<{ kind: string }>(
      `SELECT kind FROM feedback_events WHERE track_id = ? AND kind IN (?, ?)
       ORDER BY id DESC LIMIT 1`,
      [id, ...kinds],
    );
  const [like, dislike] = await Promise.all([
    latest(['like', 'unlike']),
    latest(['dislike', 'undislike']),
  ]);
  return { liked: like?.kind === 'like', disliked: dislike?.kind === 'dislike' };
}
