/**
 * The scanner on real files: the committed fixture library (known tags, lyrics, covers, legacy
 * encodings, broken files) copied to a temp folder, then renamed, edited, deleted, unplugged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  utimesSync,
  appendFileSync,
  chmodSync,
} from 'node:fs';
import { join, dirname } from 'node:path';
import { createEngine, type Engine } from '../../../src/main/engine';
import { itOrSkip } from '../../helpers/skip';
import { tempDir } from '../../helpers/temp';
import { FIXTURES, fixtureLibrary } from '../../helpers/fixtures';
import type { Track } from '../../../src/shared/library';

interface Expected {
  title?: string;
  artist?: string;
  album?: string;
  albumArtist?: string | null;
  trackNo?: number;
  year?: number;
  genres?: string[];
  hasCover?: boolean;
  lyrics?: 'none' | 'embedded' | 'embedded-synced' | 'lrc' | 'txt';
  lyricsFirstLine?: string;
  tagEncodingFix?: string | null;
  error?: boolean;
}

const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<
  string,
  Expected
>;

describe('scanner on the fixture library', () => {
  let engine: Engine;
  let music: string;
  let byPath: Map<string, Track>;

  beforeAll(async () => {
    const copy = fixtureLibrary({ dropExpected: true });
    music = copy.music;
    engine = await createEngine({ dataDir: join(copy.base, 'data') });
    await engine.library.addRoot(music);
    const summary = await engine.library.scan();
    expect(summary.cancelled).toBe(false);
    byPath = new Map((await engine.store.tracks.list()).map((t) => [t.path, t]));
  });
  afterAll(() => engine?.close());

  it('reads every fixture file as a track with the tags it was written with, or records why not', async () => {
    const errors = new Map((await engine.store.tracks.errors()).map((e) => [e.path, e.error]));
    for (const [rel, want] of Object.entries(expected)) {
      const path = join(music, rel);
      if (want.error) {
        expect(errors.get(path), rel).toMatch(/\w/);
        expect(byPath.has(path), rel).toBe(false);
        continue;
      }
      const t = byPath.get(path);
      expect(t, `${rel}: ${errors.get(path) ?? 'not scanned'}`).toBeDefined();
      if (!t) continue;
      for (const key of [
        'title',
        'artist',
        'album',
        'trackNo',
        'year',
        'genres',
        'tagEncodingFix',
      ] as const) {
        if (want[key] !== undefined) expect(t[key], `${rel} ${key}`).toEqual(want[key]);
      }
      // Without an album artist tag, the album belongs to the track's artist.
      if (want.albumArtist !== undefined)
        expect(t.albumArtist, `${rel} albumArtist`).toBe(want.albumArtist ?? want.artist);
      // Covers belong to albums: a track shows its album's cover even when only a sibling embeds it.
      if (want.hasCover !== undefined) {
        const albumHasCover = Object.values(expected).some(
          (o) =>
            o.hasCover &&
            o.album === want.album &&
            (o.albumArtist ?? o.artist) === (want.albumArtist ?? want.artist),
        );
        expect(t.coverHash !== null, `${rel} cover`).toBe(albumHasCover);
      }
      if (want.lyrics !== undefined) {
        const lyrics = await engine.store.tracks.lyrics(t.id);
        expect(lyrics?.source ?? 'none', `${rel} lyrics`).toBe(want.lyrics);
        if (want.lyricsFirstLine)
          expect(
            lyrics?.plain
              .split('\n')
              .find((l) => l.trim())
              ?.trim(),
            rel,
          ).toBe(want.lyricsFirstLine);
      }
    }
  });

  it('stores one cover file per album, content-addressed', async () => {
    const withCovers = [...byPath.values()].filter((t) => t.coverHash);
    expect(withCovers.length).toBeGreaterThan(0);
    for (const t of withCovers) {
      const file = await engine.library.covers.file(t.coverHash as string);
      expect(file && existsSync(file.path)).toBe(true);
    }
    const albums = new Map<string, Set<string>>();
    for (const t of withCovers) {
      const key = `${t.albumArtist}|${t.album}`;
      albums.set(key, (albums.get(key) ?? new Set()).add(t.coverHash as string));
    }
    for (const hashes of albums.values()) expect(hashes.size).toBe(1);
  });

  it('finds tracks by tags and lyrics through full-text search', async () => {
    const some = [...byPath.values()].find((t) => t.artist && t.title);
    expect(some).toBeDefined();
    const found = await engine.store.tracks.search(`${some?.artist} ${some?.title}`);
    expect(found.map((t) => t.id)).toContain(some?.id);
  });

  it('does not re-read unchanged files on a rescan', async () => {
    const summary = await engine.library.scan();
    expect(summary.added + summary.updated + summary.moved + summary.removed).toBe(0);
    expect(summary.unchanged).toBe(Object.keys(expected).length);
  });
});

describe('rescans after changes on disk', () => {
  it('keeps identity across a rename, re-reads an edit, drops a deletion', async () => {
    const { base, music } = fixtureLibrary();
    const engine = await createEngine({ dataDir: join(base, 'data') });
    try {
      await engine.library.addRoot(music);
      await engine.library.scan();
      const before = await engine.store.tracks.list();
      const [a, b, c] = before.filter((t) => !t.path.includes(' ') || true).slice(0, 3);

      const renamed = join(music, 'Moved Here', 'renamed.' + a.path.split('.').pop());
      mkdirSync(dirname(renamed), { recursive: true });
      renameSync(a.path, renamed);
      appendFileSync(b.path, Buffer.alloc(16)); // an edit: size and mtime change
      utimesSync(b.path, new Date(), new Date(Date.now() + 5000));
      rmSync(c.path);

      const summary = await engine.library.scan();
      expect(summary).toMatchObject({ moved: 1, updated: 1, removed: 1, added: 0 });
      expect((await engine.store.tracks.get(a.id))?.path).toBe(renamed);
      expect(await engine.store.tracks.get(c.id)).toBeUndefined();
      expect((await engine.store.tracks.get(b.id))?.path).toBe(b.path);
    } finally {
      await engine.close();
    }
  });

  it('marks tracks missing — never deletes them — while the root is gone or empty, and restores them', async () => {
    const { base, music } = fixtureLibrary({ name: 'Drive' });
    const engine = await createEngine({ dataDir: join(base, 'data') });
    try {
      await engine.library.addRoot(music);
      await engine.library.scan();
      const count = (await engine.store.tracks.stats()).tracks;

      renameSync(music, `${music}-unplugged`);
      const gone = await engine.library.scan();
      expect(gone.unavailableRoots).toEqual([music]);
      expect(gone.removed).toBe(0);
      let stats = await engine.store.tracks.stats();
      expect(stats).toMatchObject({ tracks: count, missing: count });

      mkdirSync(music); // an empty mount point
      const empty = await engine.library.scan();
      expect(empty.removed).toBe(0);
      rmSync(music, { recursive: true });

      renameSync(`${music}-unplugged`, music);
      const back = await engine.library.scan();
      expect(back.removed).toBe(0);
      stats = await engine.store.tracks.stats();
      expect(stats).toMatchObject({ tracks: count, missing: 0 });
    } finally {
      await engine.close();
    }
  });

  it('ends on a symlink loop, reading each file once', async () => {
    const { base, music } = fixtureLibrary();
    symlinkSync(music, join(music, 'loop'));
    symlinkSync(join(music, 'loop'), join(music, 'loop2'));
    const engine = await createEngine({ dataDir: join(base, 'data') });
    try {
      await engine.library.addRoot(music);
      const first = await engine.library.scan();
      expect(first.added + first.errors).toBe(Object.keys(expected).length);
    } finally {
      await engine.close();
    }
  });

  // Root reads through permissions, so the folder cannot be made unreadable when tests run as root.
  itOrSkip(process.getuid?.() === 0 ? 'running as root, which reads through permissions' : null)(
    'marks the tracks of an unreadable folder missing instead of deleting them',
    async () => {
      const { base, music } = fixtureLibrary();
      const engine = await createEngine({ dataDir: join(base, 'data') });
      try {
        await engine.library.addRoot(music);
        await engine.library.scan();
        const all = await engine.store.tracks.list();
        const locked = dirname(all[0].path);
        const inLocked = all.filter((t) => dirname(t.path) === locked).length;
        chmodSync(locked, 0o000);
        const second = await engine.library.scan().finally(() => chmodSync(locked, 0o755));
        expect(second.removed).toBe(0);
        expect(second.markedMissing).toBe(inLocked);
      } finally {
        await engine.close();
      }
    },
  );
});

describe('cancelling a scan', () => {
  it('keeps what was read, removes nothing, and the next scan goes on from there', async () => {
    const base = tempDir();
    const music = join(base, 'Music');
    // Enough files that a cancel lands while most are still waiting to be read.
    for (let copy = 0; copy < 10; copy++)
      cpSync(FIXTURES, join(music, `copy ${copy}`), { recursive: true });
    const total = Object.keys(expected).length * 10;
    const engine = await createEngine({ dataDir: join(base, 'data') });
    try {
      await engine.library.addRoot(music);
      const off = engine.events.on('scan.progress', (p) => {
        if (p.phase === 'reading' && p.done >= 20) engine.library.cancelScan();
      });
      const first = await engine.library.scan();
      off();
      expect(first.cancelled).toBe(true);
      expect(first.removed).toBe(0);
      const readFirst = first.added + first.errors;
      expect(readFirst).toBeGreaterThanOrEqual(20);
      expect(readFirst).toBeLessThan(total);

      const second = await engine.library.scan();
      expect(second.cancelled).toBe(false);
      expect(second.unchanged).toBe(readFirst);
      expect(second.added + second.errors).toBe(total - readFirst);
    } finally {
      await engine.close();
    }
  });
});

describe('folder names', () => {
  it('reads albums whose folder names begin with dots, skips hidden folders', async () => {
    const base = tempDir();
    const music = join(base, 'Music');
    const album = join(music, 'Metallica', '...And Justice for All');
    mkdirSync(album, { recursive: true });
    mkdirSync(join(music, '.Trash'), { recursive: true });
    const sample = join(FIXTURES, 'Aurora Lane/Aurora (Single)/01 - Aurora.mp3');
    cpSync(sample, join(album, '01 - Blackened.mp3'));
    cpSync(sample, join(album, '..Intro.mp3'));
    cpSync(sample, join(music, '.Trash', 'deleted.mp3'));
    const engine = await createEngine({ dataDir: join(base, 'data') });
    try {
      await engine.library.addRoot(music);
      const summary = await engine.library.scan();
      expect(summary.added).toBe(2);
      const paths = (await engine.store.tracks.list()).map((t) => t.path).sort();
      expect(paths).toEqual([join(album, '..Intro.mp3'), join(album, '01 - Blackened.mp3')].sort());
    } finally {
      await engine.close();
    }
  });
});
