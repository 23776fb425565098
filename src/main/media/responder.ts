/**
 * The media responder shared by the Electron protocol and the browser host: answers a request for
 * a track's audio (by id, never by path) or a cover (by content hash). It re-checks, on every
 * request, that the track's real path (symlinks resolved) lies inside a real library root and is
 * an audio file the library knows, and answers Range requests itself (200, 206, 416, HEAD).
 * Transport-neutral: it returns a MediaReply, which each transport writes in its own way.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat, readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Readable } from 'node:stream';
import type { Store } from '../store/index';
import { insideAny, realRoots } from '../library/real-roots';
import { parseRange } from './range';

/** Audio containers Encore plays, by lower-case extension, with the type the browser needs. */
export const audioTypes: Readonly<Record<string, string>> = {
  '.mp3': 'audio/mpeg',
  '.flac': 'audio/flac',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.opus': 'audio/ogg',
  '.m4a': 'audio/mp4',
  '.mp4': 'audio/mp4',
  '.aac': 'audio/aac',
  '.wav': 'audio/wav',
  '.aif': 'audio/aiff',
  '.aiff': 'audio/aiff',
  '.webm': 'audio/webm',
  '.weba': 'audio/webm',
  '.mka': 'audio/x-matroska',
  '.wv': 'audio/x-wavpack',
  '.ape': 'audio/x-ape',
  '.wma': 'audio/x-ms-wma',
};

const imageTypes: Readonly<Record<string, string>> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.bmp': 'image/bmp',
};

/** A transport-neutral answer: status, headers, and (unless HEAD or an error) a file slice. */
export interface MediaReply {
  status: 200 | 206 | 400 | 403 | 404 | 405 | 416;
  headers: Record<string, string>;
  /** Inclusive byte range of `path` to send as the body; absent: no body (or `text`). */
  file?: { path: string; start: number; end: number };
  /** A short plain-text body for errors. */
  text?: string;
}

export interface MediaRequest {
  method: string;
  /** The value of the Range header, if any. */
  range: string | null;
}

const error = (status: MediaReply['status'], text: string): MediaReply => ({
  status,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  text,
});

export class MediaResponder {
  constructor(
    private readonly store: Store,
    private readonly dataDir: string,
  ) {}

  /** Answers a request for the audio of track `rawId` (the id as it came in the URL). */
  async track(req: MediaRequest, rawId: string): Promise<MediaReply> {
    const bad = checkMethod(req);
    if (bad) return bad;
    // Digits only: no path, no traversal, no encoded tricks can reach the store.
    if (!/^\d{1,15}$/.test(rawId)) return error(400, 'bad track id');
    const track = await this.store.tracks.get(Number(rawId));
    if (!track || track.missing) return error(404, 'no such track');
    const type = audioTypes[extname(track.path).toLowerCase()];
    if (!type) return error(403, 'not an audio file');
    const real = await realpath(track.path).catch(() => null);
    if (!real) return error(404, 'file not found');
    if (!(await this.insideRoots(real))) return error(403, 'outside the library');
    if (!audioTypes[extname(real).toLowerCase()]) return error(403, 'not an audio file');
    return this.fileReply(req, real, type);
  }

  /** Answers a request for a cover image by content hash. */
  async cover(req: MediaRequest, hash: string): Promise<MediaReply> {
    const bad = checkMethod(req);
    if (bad) return bad;
    if (!/^[0-9a-f]{16,128}$/.test(hash)) return error(400, 'bad cover hash');
    const dir = join(this.dataDir, 'covers');
    const name = (await readdir(dir).catch(() => [] as string[])).find(
      (n) => n.startsWith(`${hash}.`) && imageTypes[extname(n).toLowerCase()],
    );
    if (!name) return error(404, 'no such cover');
    const reply = await this.fileReply(
      req,
      join(dir, name),
      imageTypes[extname(name).toLowerCase()] ?? '',
    );
    // Content-addressed: the bytes behind a hash never change.
    reply.headers['Cache-Control'] = 'private, max-age=31536000, immutable';
    return reply;
  }

  /** The same test the library walker applies to links (real-roots.ts). */
  private async insideRoots(real: string): Promise<boolean> {
    return insideAny(await realRoots((await this.store.roots.list()).map((r) => r.path)), real);
  }

  private async fileReply(req: MediaRequest, path: string, type: string): Promise<MediaReply> {
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return error(404, 'file not found');
    const size = info.size;
    const headers: Record<string, string> = {
      'Content-Type': type,
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-cache',
      'Last-Modified': info.mtime.toUTCString(),
    };
    const range = parseRange(req.range, size);
    if (range === 'unsatisfiable') {
      return {
        status: 416,
        headers: { ...headers, 'Content-Range': `bytes */${size}`, 'Content-Length': '0' },
      };
    }
    const start = range?.start ?? 0;
    const end = range?.end ?? size - 1;
    headers['Content-Length'] = String(Math.max(0, end - start + 1));
    if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
    const status = range ? 206 : 200;
    const body = req.method === 'HEAD' || size === 0 ? undefined : { path, start, end };
    return { status, headers, file: body };
  }
}

function checkMethod(req: MediaRequest): MediaReply | null {
  if (req.method === 'GET' || req.method === 'HEAD') return null;
  const reply = error(405, 'method not allowed');
  reply.headers.Allow = 'GET, HEAD';
  return reply;
}

/** The reply as a WHATWG Response (what Electron's protocol.handle wants). */
export function toWebResponse(reply: MediaReply): Response {
  let body: ConstructorParameters<typeof Response>[0] = null;
  if (reply.file) {
    const stream = createReadStream(reply.file.path, {
      start: reply.file.start,
      end: reply.file.end,
    });
    body = Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
  } else if (reply.text) {
    body = reply.text;
  }
  return new Response(body, { status: reply.status, headers: reply.headers });
}

/** Opens the body stream of a reply for a Node HTTP response; null when it has none. */
export function replyStream(reply: MediaReply): Readable | null {
  if (reply.file)
    return createReadStream(reply.file.path, { start: reply.file.start, end: reply.file.end });
  if (reply.text) return Readable.from([reply.text]);
  return null;
}
