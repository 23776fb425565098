/**
 * What the tag worker does for one file: parse it with music-metadata, map the tags, fingerprint
 * the audio, and find its lyrics (embedded or sidecar). Pictures are skipped unless the scanner
 * asks for the cover (once per folder), since reading them costs more than the tags.
 */
import { parseFromTokenizer, type IAudioMetadata } from 'music-metadata';
import { SyncFileTokenizer } from './sync-file-tokenizer';
import type { LyricsFields } from '../store/tracks';
import { fieldsFromMetadata, type FileFields } from './tags';
import { fingerprintFile } from './fingerprint';
import { lyricsFromMetadata, readSidecarLyrics } from './lyrics';
import { oggDuration } from './ogg-duration';

export interface TagJob {
  path: string;
  root: string;
  size: number;
  /** The walk saw an .lrc/.txt with this file's name beside it. */
  hasSidecar: boolean;
  /** Also return the embedded cover. */
  wantCover: boolean;
}

export interface FileReading {
  fields: FileFields;
  fingerprint: string;
  lyrics: LyricsFields | null;
  cover: CoverImage | null;
}

export interface CoverImage {
  data: Uint8Array;
  mime: string;
}

/** Reads one file's tags, fingerprint and lyrics; throws a clear message when it is not audio. */
export async function readFile({
  path,
  root,
  size,
  hasSidecar,
  wantCover,
}: TagJob): Promise<FileReading> {
  if (size === 0) throw new Error('empty file (0 bytes)');
  const tokenizer = SyncFileTokenizer.open(path);
  const meta = await parseFromTokenizer(tokenizer, {
    skipCovers: !wantCover,
    duration: false,
  }).finally(() => tokenizer.close());
  const f = meta.format;
  if (!f.duration && !f.codec && !f.sampleRate && !f.container) {
    throw new Error('no audio stream found: not an audio file, or damaged beyond reading');
  }
  // The walk saw which files have an .lrc/.txt beside them: no failed opens for the rest.
  const fingerprint = fingerprintFile(path, size);
  const sidecar = hasSidecar ? await readSidecarLyrics(path) : null;
  const fields = fieldsFromMetadata(meta, path, root);
  if (fields.durationS === null && /ogg/i.test(f.container ?? '')) {
    fields.durationS = await oggDuration(path, size, f.codec ?? '', f.sampleRate);
  }
  const embedded = lyricsFromMetadata(meta);
  return {
    fields,
    fingerprint,
    lyrics: chooseLyrics(embedded, sidecar),
    cover: wantCover ? frontCover(meta) : null,
  };
}

/** A synced sidecar beats unsynced embedded lyrics; otherwise what the file itself holds wins. */
function chooseLyrics(
  embedded: LyricsFields | null,
  sidecar: LyricsFields | null,
): LyricsFields | null {
  if (!embedded) return sidecar;
  if (!sidecar) return embedded;
  if (sidecar.synced && !embedded.synced) return sidecar;
  return embedded;
}

/** The front cover (or the first picture) embedded in the file, or null. */
function frontCover(meta: IAudioMetadata): CoverImage | null {
  const pictures = meta.common.picture ?? [];
  const front = pictures.find((p) => /front/i.test(p.type ?? '')) ?? pictures[0];
  if (!front || front.data.length === 0) return null;
  return {
    data: front.data,
    mime: front.format.startsWith('image/') ? front.format : `image/${front.format}`,
  };
}
