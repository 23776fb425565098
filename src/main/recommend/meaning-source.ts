/**
 * Adapts the embedding stage (engine.meaning) to what stations and mood playlists need: track ids
 * for a vibe query and for a mood. Failures (no model, nothing embedded yet) read as "no answer",
 * so callers fall back to full-text search and tags.
 */
import type { Meaning } from '../embedding/meaning';
import { MOODS, type Mood } from '../../shared/meaning';
import type { TrackId } from '../../shared/library';
import type { MeaningSource } from './playlists';
import { createLogger } from '../log';

const log = createLogger('recommend');

export function meaningSource(meaning: Meaning): MeaningSource {
  return {
    async vibe(text: string, limit: number): Promise<TrackId[]> {
      try {
        return (await meaning.vibe(text, limit)).hits.map((h) => h.trackId);
      } catch (err) {
        log.warn('vibe search unavailable; using full-text search', err);
        return [];
      }
    },
    async mood(name: string, limit: number): Promise<{ trackId: TrackId; score: number }[]> {
      if (!(MOODS as readonly string[]).includes(name)) return [];
      try {
        return await meaning.mood(name as Mood, limit);
      } catch (err) {
        log.warn('mood scores unavailable; using audio axes and tags', err);
        return [];
      }
    },
  };
}
