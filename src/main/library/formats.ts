/**
 * The audio formats the library takes, by file extension. The extension only selects candidates:
 * the tag parser confirms the format, and a file it cannot read is recorded as an error.
 */
import { extname } from 'node:path';

const AUDIO_EXTENSIONS = new Set([
  '.mp3',
  '.mp2',
  '.flac',
  '.ogg',
  '.oga',
  '.opus',
  '.m4a',
  '.mp4',
  '.m4b',
  '.aac',
  '.wav',
  '.aif',
  '.aiff',
  '.aifc',
  '.wma',
  '.asf',
  '.ape',
  '.wv',
  '.mpc',
]);

const IMAGE_NAMES =
  /^(cover|folder|front|album|albumart|albumartsmall|artwork)\.(jpe?g|png|webp)$/i;

/** True when the path has an extension of a format Encore plays. */
export function isAudioPath(path: string): boolean {
  return AUDIO_EXTENSIONS.has(extname(path).toLowerCase());
}

/** True for the usual names of an album's cover image in its folder (cover.jpg, folder.png …). */
export function isFolderImageName(name: string): boolean {
  return IMAGE_NAMES.test(name);
}

/** True for a lyrics file that may sit next to a track (same name, .lrc or .txt). */
export function isLyricsSidecarName(name: string): boolean {
  return /\.(lrc|txt)$/i.test(name);
}

/** Lower-case extensions Encore plays, with the dot. */
export const audioExtensions: readonly string[] = [...AUDIO_EXTENSIONS];
