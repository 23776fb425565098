/**
 * Builds track rows for tests of stages after the scanner (analysis, embedding, recommender):
 * real rows in a real store, written through the same call the scanner uses.
 */
import type { Store } from '../../src/main/store/index';
import { blankTrackFields, type LyricsFields, type TrackFields } from '../../src/main/store/tracks';
import type { TrackId } from '../../src/shared/library';

export function trackFields(
  rootId: number,
  overrides: Partial<TrackFields> & { path: string },
): TrackFields {
  return {
    ...blankTrackFields({ rootId, path: overrides.path, size: 1000, mtimeMs: 0 }),
    container: 'MPEG',
    codec: 'MPEG 1 Layer 3',
    lossless: false,
    durationS: 180,
    bitrate: 192000,
    sampleRate: 44100,
    channels: 2,
    ...overrides,
  };
}

/** Adds tracks under a root at `rootPath` (created in the store if new); returns their ids. */
export async function addTracks(
  store: Store,
  rootPath: string,
  tracks: (Partial<TrackFields> & { path: string; lyrics?: LyricsFields })[],
): Promise<TrackId[]> {
  const root = await store.roots.add(rootPath);
  return store.tracks.writeScanned(
    tracks.map(({ lyrics, ...fields }) => ({
      fields: trackFields(root.id, fields),
      lyrics: lyrics ?? null,
    })),
  );
}
