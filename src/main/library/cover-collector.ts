/**
 * Gives every album one cover during a scan, extracting it once per album: tracks of albums that
 * already have a cover are linked to it; for the others, the embedded picture read with the first
 * new file of each folder (see scanner.ts), else a cover.jpg-style image in the folder. Taggers
 * set covers album-wide, so a second file of a coverless album is not parsed again for one.
 * Album key: album artist (else artist) and album, case-insensitive.
 *
 * An album's embedded picture goes to the cache as soon as it is read, and only its hash waits
 * for the end of the scan: holding the pictures themselves would keep one image per new album in
 * memory for the whole scan (hundreds of MB for a large first scan: 8,000 albums at 100–500 KB).
 */
import { dirname } from 'node:path';
import type { Store } from '../store/index';
import type { ScannedFile } from '../store/tracks';
import type { TrackId } from '../../shared/library';
import type { CoverImage } from './read-file';
import type { CachedImage, CoverCache } from './cover-cache';

interface PendingAlbum {
  trackIds: TrackId[];
  folders: Set<string>;
  /** The embedded picture being written to (or already in) the cache; null when none was read. */
  embedded: Promise<CachedImage | null> | null;
}

const albumKey = (albumArtist: string, album: string): string =>
  `${albumArtist.toLowerCase()}\u0000${album.toLowerCase()}`;

export class CoverCollector {
  private known = new Map<string, number>();
  private readonly toLink = new Map<number, TrackId[]>();
  private readonly pending = new Map<string, PendingAlbum>();

  constructor(
    private readonly store: Store,
    private readonly cache: CoverCache,
    private readonly folderImages: Map<string, string>,
  ) {}

  async load(): Promise<void> {
    const rows = await this.store.covers.albumCovers();
    this.known = new Map(rows.map((r) => [albumKey(r.albumArtist, r.album), r.coverId]));
  }

  /** Notes a written track (and the embedded cover read with it, if any). */
  noteTrack(id: TrackId, file: ScannedFile, cover: CoverImage | null): void {
    const f = file.fields;
    if (f.scanError) return;
    const key = albumKey(f.albumArtist ?? f.artist ?? '', f.album ?? '');
    const coverId = this.known.get(key);
    if (coverId !== undefined) {
      this.link(coverId, id);
      return;
    }
    const album = this.pending.get(key) ?? {
      trackIds: [],
      folders: new Set<string>(),
      embedded: null,
    };
    album.trackIds.push(id);
    album.folders.add(dirname(f.path));
    if (cover && !album.embedded) album.embedded = this.cacheEmbedded(cover);
    this.pending.set(key, album);
  }

  /** Caches the new covers, links every noted track to its album's cover, prunes the cache. */
  async finish(signal: AbortSignal): Promise<void> {
    const found: { image: CachedImage; album: PendingAlbum }[] = [];
    for (const album of this.pending.values()) {
      if (signal.aborted) break;
      const image = await this.cacheCover(album);
      if (image) found.push({ image, album });
    }
    const ids = await this.store.covers.putMany(found.map((f) => f.image));
    for (const { image, album } of found) {
      const coverId = ids.get(image.hash);
      if (coverId !== undefined) for (const id of album.trackIds) this.link(coverId, id);
    }
    for (const [coverId, trackIds] of this.toLink) await this.store.covers.link(coverId, trackIds);
    await this.cache.prune();
  }

  /** The album's embedded cover, else the image in one of its folders, written to the cache. */
  private async cacheCover(album: PendingAlbum): Promise<CachedImage | null> {
    const embedded = await album.embedded;
    if (embedded) return embedded;
    for (const folder of album.folders) {
      const image = this.folderImages.get(folder);
      const cached = image && (await this.cache.writeFile(image));
      if (cached) return cached;
    }
    return null;
  }

  /** Starts writing an embedded picture to the cache; a failed write is thrown by finish(). */
  private cacheEmbedded(cover: CoverImage): Promise<CachedImage | null> {
    const written = this.cache.write(cover.data, cover.mime);
    // Handled here so a failure before finish() is not an unhandled rejection; finish() still
    // awaits `written` and throws it, as when the picture was written there.
    written.catch(() => undefined);
    return written;
  }

  private link(coverId: number, id: TrackId): void {
    const list = this.toLink.get(coverId);
    if (list) list.push(id);
    else this.toLink.set(coverId, [id]);
  }
}
