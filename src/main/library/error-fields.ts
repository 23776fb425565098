/** The row recorded for a file that could not be read: its identity and the reason, no tags. */
import { blankTrackFields, type TrackFields } from '../store/tracks';
import type { WalkedFile } from './walk';

export function errorFields(rootId: number, file: WalkedFile, error: string): TrackFields {
  const { path, size, mtimeMs } = file;
  return { ...blankTrackFields({ rootId, path, size, mtimeMs }), scanError: error || 'unreadable' };
}
