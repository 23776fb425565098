/**
 * The cover cache: each distinct cover image stored once under <dataDir>/covers/<sha256>.<ext>,
 * shared by every track of its album, capped in total size (least recently used go first).
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CoverRepository } from '../store/covers';

/** Larger embedded images are almost always scans at print resolution; not worth caching. */
const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
/** Total cache size; ~2,000 album covers at a typical 100–250 KB each. */
export const DEFAULT_COVER_CACHE_BYTES = 512 * 1024 * 1024;

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/** File extension for an image MIME type, or null for one Encore does not cache. */
export function coverExtension(mime: string): string | null {
  return EXTENSIONS[mime.toLowerCase()] ?? null;
}

export interface CachedImage {
  hash: string;
  mime: string;
  bytes: number;
}

export class CoverCache {
  readonly dir: string;
  /** Image file → its write in progress. */
  private readonly writing = new Map<string, Promise<void>>();

  constructor(
    dataDir: string,
    private readonly covers: CoverRepository,
    private readonly maxBytes = DEFAULT_COVER_CACHE_BYTES,
  ) {
    this.dir = join(dataDir, 'covers');
  }

  /**
   * Writes an image into the cache folder (once per content) and returns what its row needs, or
   * null when it is not worth caching. The caller records rows in bulk (CoverRepository.putMany).
   */
  async write(data: Uint8Array, mime: string): Promise<CachedImage | null> {
    const type = mime.toLowerCase();
    const ext = coverExtension(type);
    if (!ext || data.length === 0 || data.length > MAX_IMAGE_BYTES) return null;
    const hash = createHash('sha256').update(data).digest('hex');
    const file = join(this.dir, `${hash}.${ext}`);
    if (!existsSync(file)) {
      // The same image may be written for two albums at once (a scan writes pictures as it reads
      // them): one write, which both wait for.
      let writing = this.writing.get(file);
      if (!writing) {
        writing = this.store(file, data).finally(() => this.writing.delete(file));
        this.writing.set(file, writing);
      }
      await writing;
    }
    return { hash, mime: type, bytes: data.length };
  }

  private async store(file: string, data: Uint8Array): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    // Written under a temporary name and renamed, so a crash never leaves a half image in place.
    const partial = `${file}.${process.pid}.part`;
    await writeFile(partial, data);
    await rename(partial, file);
  }

  /** Writes an image file found in an album folder (cover.jpg …) into the cache. */
  async writeFile(path: string): Promise<CachedImage | null> {
    const lower = path.toLowerCase();
    const mime = lower.endsWith('.png')
      ? 'image/png'
      : lower.endsWith('.webp')
        ? 'image/webp'
        : 'image/jpeg';
    try {
      return await this.write(await readFile(path), mime);
    } catch {
      return null;
    }
  }

  /** The cached file of a cover by its hash, or null when unknown. */
  async file(hash: string): Promise<{ path: string; mime: string } | null> {
    if (!/^[0-9a-f]{64}$/.test(hash)) return null;
    const row = await this.covers.byHash(hash);
    const ext = row && coverExtension(row.mime);
    if (!row || !ext) return null;
    return { path: join(this.dir, `${hash}.${ext}`), mime: row.mime };
  }

  /** Removes covers no track uses and keeps the cache under its size cap. */
  async prune(): Promise<number> {
    const doomed = await this.covers.prune(this.maxBytes);
    await Promise.all(
      doomed.map(({ hash, mime }) =>
        rm(join(this.dir, `${hash}.${coverExtension(mime) ?? 'bin'}`), { force: true }),
      ),
    );
    return doomed.length;
  }
}
