/**
 * A small library whose tags and file names carry terminal attacks: OSC 0 (retitle the window),
 * CSI 2J (clear the screen), SGR colour, a C1 CSI (U+009B), a bidi override (U+202E) and a
 * newline that would fake an output line. Made with ffmpeg (real FLAC files the scanner reads),
 * plus a text file named .mp3 so `tracks --errors` has a hostile name to show.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/temp';

export const HOSTILE = '\x1b]0;PWNED\x07\x1b[2J\x1b[31mRED\u009b31m\u202eevil\nFAKE LINE';

/** Any character that must never reach a terminal raw (the line ends are the output's own). */
// eslint-disable-next-line no-control-regex -- the point is to find control characters.
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The visible form of HOSTILE, as the CLI prints it. */
export const HOSTILE_SHOWN =
  '\\x1b]0;PWNED\\x07\\x1b[2J\\x1b[31mRED\\x9b31m\\u202eevil\\nFAKE LINE';

export function hostileLibrary(): { base: string; music: string } {
  const base = tempDir('encore-hostile-cli-');
  const music = join(base, 'Music');
  mkdirSync(music);
  // Three tracks of the same artist, so stations, journeys and mood lists have material.
  for (const n of [1, 2, 3]) {
    const file = join(music, `${n} ${HOSTILE}.flac`);
    const made = spawnSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      `sine=frequency=${220 * n}:duration=20`,
      '-metadata',
      `title=T${n}${HOSTILE}`,
      '-metadata',
      `artist=A${HOSTILE}`,
      '-metadata',
      `album=Al${HOSTILE}`,
      '-metadata',
      `genre=G${HOSTILE}`,
      '-metadata',
      `lyrics=calm night ${HOSTILE}`,
      '-y',
      file,
    ]);
    if (made.status !== 0) throw new Error(`ffmpeg failed: ${made.stderr.toString()}`);
  }
  // Not audio at all: a file the scanner cannot read, under a hostile name.
  writeFileSync(join(music, `broken ${HOSTILE}.mp3`), `just text ${HOSTILE}\n`.repeat(50));
  return { base, music };
}
