/**
 * The descriptor text of a track: what its tags say (title, artist, album, year, genres, mood tag,
 * comment) and, when the analysis exists, its sound in words. This one sentence-like text per
 * track is what vibe search and the mood prompts compare against; lyrics are embedded apart.
 */
import { createHash } from 'node:crypto';
import type { Track } from '../../shared/library';
import { soundPhrase, type SoundFeatures } from './sound-words';

// Comments are often rip logs or URLs; only short, word-like comments describe the music.
const MAX_COMMENT = 200;
const NOT_A_DESCRIPTION = /https?:|www\.|\.com\b|ripped|encoded|eac|exact audio copy|lame/i;

/** The descriptor text for one track (never empty: at least its title or file name). */
export function descriptorText(track: Track, features?: SoundFeatures): string {
  const parts: string[] = [];
  const name =
    track.title ||
    track.path
      .split(/[\\/]/)
      .pop()
      ?.replace(/\.[^.]+$/, '') ||
    'Untitled';
  parts.push(track.artist ? `${name} by ${track.artist}` : name);
  if (track.album)
    parts.push(`from the album ${track.album}${track.year ? ` (${track.year})` : ''}`);
  else if (track.year) parts.push(`(${track.year})`);
  const genres = track.genres.length ? track.genres : track.genre ? [track.genre] : [];
  if (genres.length) parts.push(`Genre: ${genres.join(', ')}`);
  if (track.moodTag) parts.push(`Mood: ${track.moodTag}`);
  if (track.composer && track.composer !== track.artist) parts.push(`Composer: ${track.composer}`);
  const comment = track.comment?.trim();
  if (comment && comment.length <= MAX_COMMENT && !NOT_A_DESCRIPTION.test(comment))
    parts.push(comment);
  const sound = soundPhrase(features);
  if (sound) parts.push(`Sound: ${sound}`);
  else if (track.bpmTag) parts.push(`Sound: ${Math.round(track.bpmTag)} BPM`);
  return parts.join('. ');
}

/** Hash of an embedded text: an unchanged text is never embedded again. */
export function textHash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
