/**
 * The mutation corpus: damaged and hostile variants of real audio files, generated on the fly from
 * a seeded PRNG so every run (and every failure) is reproducible. Used by the fault tests on the
 * small fixture library and by the soak script (scripts/fault-soak.js) on the benchmark library.
 *
 * What it makes, per source file: truncations at many offsets, bit flips in the header and in the
 * frames, and a zero-byte copy; once per corpus: tag headers declaring absurd sizes (ID3v2, MP4,
 * FLAC, RIFF), non-audio bytes under audio extensions, a deeply nested folder, and file names in
 * NFC and NFD, with emoji, a newline, and bytes that are not UTF-8 at all.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { rng as prng } from '../../src/main/vectors/random';

/** The seeded PRNG the engine uses (mulberry32), under the name the fault suite knows it by. */
export { prng };

export interface CorpusOptions {
  /** PRNG seed: the same seed and sources give the same bytes. */
  seed: number;
  /** Random truncation offsets per source, on top of the fixed ones. */
  randomCuts?: number;
  /** Bit-flip variants per source (half in the first 4 KB, half anywhere). */
  flipVariants?: number;
  /** Folder depth of the deeply nested file. */
  depth?: number;
}

export interface Corpus {
  /** Every audio-named file written, as the string path the scanner will report. */
  files: string[];
  /** Files whose names are not valid UTF-8 (Buffer paths; Node shows them with U+FFFD). */
  rawNameFiles: Buffer[];
  /** Counts per kind of mutation, for the report. */
  kinds: Record<string, number>;
}

/** Offsets every source is cut at: inside the magic, the tag header, the first frames, the end. */
const FIXED_CUTS = [1, 2, 3, 4, 7, 10, 11, 12, 16, 32, 44, 64, 128, 512, 1024, 4096];

/**
 * Writes the corpus for `sources` under `dir`, flat per kind so that the folder names say what
 * was done. Returns the paths written.
 */
export function buildCorpus(dir: string, sources: string[], opts: CorpusOptions): Corpus {
  const rand = prng(opts.seed);
  const corpus: Corpus = { files: [], rawNameFiles: [], kinds: {} };
  const put = (kind: string, name: string, data: Uint8Array): void => {
    const folder = join(dir, kind);
    mkdirSync(folder, { recursive: true });
    const path = join(folder, name);
    writeFileSync(path, data);
    corpus.files.push(path);
    corpus.kinds[kind] = (corpus.kinds[kind] ?? 0) + 1;
  };

  sources.forEach((source, n) => {
    const data = readFileSync(source);
    const ext = extname(source).toLowerCase();
    const stem = `${n}-${basename(source, extname(source))
      .replace(/[^\w-]+/g, '_')
      .slice(0, 24)}`;
    const cuts = new Set(FIXED_CUTS.filter((c) => c < data.length));
    for (const f of [0.25, 0.5, 0.9]) cuts.add(Math.floor(data.length * f));
    cuts.add(data.length - 1);
    for (let i = 0; i < (opts.randomCuts ?? 4); i++) cuts.add(1 + Math.floor(rand() * data.length));
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      put('truncated', `${stem}-cut${cut}${ext}`, data.subarray(0, cut));
    }
    put('zero-byte', `${stem}${ext}`, new Uint8Array(0));
    const variants = opts.flipVariants ?? 6;
    for (let v = 0; v < variants; v++) {
      const copy = Buffer.from(data);
      // Header flips hit the magic, tag and stream headers; frame flips land anywhere.
      const span = v % 2 === 0 ? Math.min(4096, copy.length) : copy.length;
      const flips = 1 + Math.floor(rand() * 32);
      for (let i = 0; i < flips; i++) {
        const at = Math.floor(rand() * span);
        copy[at] ^= 1 << Math.floor(rand() * 8);
      }
      put(v % 2 === 0 ? 'flipped-header' : 'flipped-frames', `${stem}-v${v}${ext}`, copy);
    }
  });

  for (const [name, bytes] of hugeDeclarations()) put('huge-declared', name, bytes);
  for (const [name, bytes] of notAudio(rand)) put('not-audio', name, bytes);

  // Deep nesting: one real file at the bottom of `depth` folders.
  const depth = opts.depth ?? 40;
  const deep = join(dir, 'deep', ...Array.from({ length: depth }, (_, i) => `d${i}`));
  mkdirSync(deep, { recursive: true });
  const sample = readFileSync(sources[0]);
  const deepFile = join(deep, `bottom${extname(sources[0])}`);
  writeFileSync(deepFile, sample);
  corpus.files.push(deepFile);
  corpus.kinds.deep = 1;

  // Names: NFC and NFD spellings of the same word are two different files on Linux.
  const names = [
    'Beyonce\u0301 - De\u0301ja\u0300 Vu.mp3', // NFD
    'Beyoncé - Déjà Vu.mp3', // NFC
    '🎵🔥 fire 🎶.mp3',
    'line\nbreak.mp3',
    'tab\tand\rreturn.mp3',
    ' leading and trailing .mp3',
    '-dash-first.mp3',
    '$(touch pwned).mp3',
    '<img src=x onerror=alert(1)>.mp3',
    'x'.repeat(240) + '.mp3',
  ];
  const mp3 = sources.find((s) => extname(s).toLowerCase() === '.mp3') ?? sources[0];
  const mp3Bytes = readFileSync(mp3);
  for (const name of names) put('names', name, mp3Bytes);

  // Bytes that are not UTF-8 (Latin-1 é, a lone continuation byte, an overlong slash).
  const rawDir = Buffer.from(join(dir, 'names'));
  for (const raw of [
    Buffer.from([0x63, 0x61, 0x66, 0xe9]), // "caf" + Latin-1 é
    Buffer.from([0x80, 0x81, 0x20, 0x78]),
    Buffer.from([0xc0, 0xaf, 0x2e, 0x2e]),
  ]) {
    const path = Buffer.concat([rawDir, Buffer.from('/'), raw, Buffer.from('.mp3')]);
    writeFileSync(path, mp3Bytes);
    corpus.rawNameFiles.push(path);
  }
  corpus.kinds.rawNames = corpus.rawNameFiles.length;
  return corpus;
}

/** Headers that declare far more data than the file holds. */
function hugeDeclarations(): [string, Uint8Array][] {
  const pad = Buffer.alloc(2048, 0x41);
  const u32 = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n >>> 0);
    return b;
  };
  /** An ID3v2 tag: "ID3", the header bytes (version, flags, tag size), one frame header, padding. */
  const id3 = (header: number[], frameId: string, frameSize: Buffer): Buffer =>
    Buffer.concat([
      Buffer.from('ID3'),
      Buffer.from(header),
      Buffer.from(frameId),
      frameSize,
      Buffer.from([0, 0]), // frame flags
      pad,
    ]);
  // ID3v2.3: the tag size is syncsafe (max 256 MB); a frame size is a plain 32-bit: ~2 GB.
  const id3Tag = id3([3, 0, 0, 0x7f, 0x7f, 0x7f, 0x7f], 'APIC', u32(0x7fffffff));
  const id3Frame = id3([3, 0, 0, 0, 0, 0x10, 0], 'TXXX', u32(0x7ffffff0));
  // ID3v2.4 with a syncsafe frame size at its maximum and the unsynchronisation flag.
  const id3v24 = id3(
    [4, 0, 0x80, 0x7f, 0x7f, 0x7f, 0x7f],
    'USLT',
    Buffer.from([0x7f, 0x7f, 0x7f, 0x7f]),
  );
  // MP4: ftyp, then a moov claiming 4 GB, and one with a 64-bit size of 2^62.
  const ftyp = Buffer.concat([u32(20), Buffer.from('ftypM4A \0\0\0\0M4A ')]);
  const mp4 = Buffer.concat([ftyp, u32(0xffffffff), Buffer.from('moov'), pad]);
  const largesize = Buffer.alloc(8);
  largesize.writeBigUInt64BE(1n << 62n);
  const mp4Large = Buffer.concat([ftyp, u32(1), Buffer.from('moov'), largesize, pad]);
  // An mp4 whose atoms nest with sizes of 8 (empty containers) thousands deep.
  const nested = Buffer.concat([
    ftyp,
    ...Array.from({ length: 5000 }, (_, i) =>
      Buffer.concat([u32(8 * (5000 - i)), Buffer.from('moov')]),
    ),
  ]);
  // FLAC: STREAMINFO claiming 16 MB, and a PICTURE block whose picture length is 4 GB.
  const flacHuge = Buffer.concat([Buffer.from('fLaC'), Buffer.from([0x00, 0xff, 0xff, 0xff]), pad]);
  const picture = Buffer.concat([
    u32(3),
    u32(10),
    Buffer.from('image/jpeg'),
    u32(0),
    u32(1),
    u32(1),
    u32(24),
    u32(0),
    u32(0xffffffff),
    pad,
  ]);
  const flacPicture = Buffer.concat([
    Buffer.from('fLaC'),
    Buffer.from([0x86]),
    Buffer.from([
      (picture.length >> 16) & 0xff,
      (picture.length >> 8) & 0xff,
      picture.length & 0xff,
    ]),
    picture,
  ]);
  // RIFF/WAVE: a LIST chunk and a data chunk of 4 GB.
  const le = (n: number): Buffer => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n >>> 0);
    return b;
  };
  const wav = Buffer.concat([
    Buffer.from('RIFF'),
    le(0xffffffff),
    Buffer.from('WAVE'),
    Buffer.from('LIST'),
    le(0xfffffff0),
    pad,
  ]);
  // Ogg: a page whose segment table declares 255 × 255 bytes and a bogus granule.
  const ogg = Buffer.concat([
    Buffer.from('OggS'),
    Buffer.from([0, 2]),
    Buffer.alloc(8, 0xff),
    Buffer.alloc(12, 0),
    Buffer.from([255]),
    Buffer.alloc(255, 255),
    pad,
  ]);
  return [
    ['id3-tag-2gb-frame.mp3', id3Tag],
    ['id3-txxx-2gb.mp3', id3Frame],
    ['id3v24-max-frame.mp3', id3v24],
    ['moov-4gb.m4a', mp4],
    ['moov-2e62.m4a', mp4Large],
    ['moov-nested-5000.m4a', nested],
    ['streaminfo-16mb.flac', flacHuge],
    ['picture-4gb.flac', flacPicture],
    ['riff-4gb.wav', wav],
    ['ogg-bogus-page.ogg', ogg],
  ];
}

/** Files that are not audio at all, named as audio. */
function notAudio(rand: () => number): [string, Uint8Array][] {
  const random = Buffer.alloc(64 * 1024);
  for (let i = 0; i < random.length; i++) random[i] = Math.floor(rand() * 256);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(512, 0),
  ]);
  const elf = readFileSync(process.execPath).subarray(0, 64 * 1024);
  return [
    ['random.mp3', random],
    ['random.flac', random.subarray(0, 4096)],
    ['image.flac', png],
    ['text.m4a', Buffer.from('just some text, not a song\n'.repeat(50))],
    ['html.ogg', Buffer.from('<html><script>alert(1)</script></html>')],
    ['json.opus', Buffer.from(JSON.stringify({ title: 'no' }))],
    ['zip.wav', Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Buffer.alloc(200)])],
    ['elf.mp3', elf],
    ['zeros.aiff', Buffer.alloc(8192, 0)],
    ['ones.wma', Buffer.alloc(8192, 0xff)],
    ['single-byte.ape', Buffer.from([0x49])],
    ['id3-only.mp3', Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1')],
  ];
}
