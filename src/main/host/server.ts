/**
 * The browser host (`encore serve`): the same UI and the same contract as the desktop app, over
 * HTTP and a WebSocket, for a browser on this machine. Listens on 127.0.0.1 only; every request
 * needs the random token of the printed URL (or the cookie the first page load sets from it).
 *
 *   GET  /?token=…                 the renderer (sets the token cookie)
 *   GET  /assets/…                 the renderer's files
 *   POST /api/call/<method>        a contract method: JSON args in, CallReply out
 *   POST /api/send/<message>       a fire-and-forget message (204)
 *   GET  /api/events (WebSocket)   engine events as {event, payload} JSON frames
 *   GET|HEAD /media/track/<id>     audio, with Range
 *   GET|HEAD /media/cover/<hash>   cover images
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Engine } from '../engine';
import { createLogger } from '../log';
import { deliver, dispatch } from '../ipc/dispatch';
import { createHandlers, createMessageHandlers, type HostInfo } from '../ipc/handlers';
import { MediaResponder, replyStream, type MediaReply } from '../media/responder';
import { HostAuth, newToken } from './auth';
import { EventStreams, type StreamState } from './event-streams';
import { securityHeaders, serveStatic } from './static';

const log = createLogger('host');
// A contract payload is small (the largest: a queue of ids); 4 MB leaves room for 100,000 ids.
const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface HostOptions {
  engine: Engine;
  info: HostInfo;
  /** Folder of the built renderer (index.html, assets/). */
  rendererDir: string;
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** The access token; default: a new random one. */
  token?: string;
}

export interface RunningHost {
  /** The URL to open, token included. */
  url: string;
  port: number;
  token: string;
  /** The per-page state the host holds now: open event streams, engine subscription. */
  streams(): StreamState;
  close(): Promise<void>;
}

export async function startHost(opts: HostOptions): Promise<RunningHost> {
  const token = opts.token ?? newToken();
  const handlers = createHandlers(opts.engine, opts.info);
  const messageHandlers = createMessageHandlers(opts.engine);
  const media = new MediaResponder(opts.engine.store, opts.engine.config.dataDir);
  let auth = new HostAuth(token, 0);

  const server: Server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      log.error('request failed', err);
      if (!res.headersSent) plain(res, 500, 'internal error');
      else res.destroy();
    });
  });
  // The streams are tracked (and released) by EventStreams, not by the server as well.
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: 64 * 1024,
    clientTracking: false,
  });
  const streams = new EventStreams(opts.engine.events);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!auth.hostAllowed(req)) return plain(res, 421, 'wrong host');
    if (!auth.authorised(req, url))
      return plain(
        res,
        401,
        'open the URL that `encore serve` printed (it carries the access token)',
      );
    // Route on the path as sent: the URL parser would resolve `..` and `%2e%2e` before we look.
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const method = req.method ?? 'GET';
    if (path.startsWith('/api/')) {
      if (method !== 'POST') return plain(res, 405, 'POST only');
      if (!auth.originAllowed(req)) return plain(res, 403, 'foreign origin');
      const body = await readJson(req);
      if (body === undefined) return plain(res, 400, 'body must be JSON (at most 4 MB)');
      // Method names are plain ASCII: a malformed escape is simply an unknown method.
      const name = safeDecode(path.slice(path.lastIndexOf('/') + 1));
      if (path.startsWith('/api/call/')) return json(res, await dispatch(handlers, name, body));
      if (path.startsWith('/api/send/')) {
        const ok = await deliver(messageHandlers, name, body);
        res.writeHead(ok ? 204 : 400, securityHeaders).end();
        return;
      }
      return plain(res, 404, 'no such endpoint');
    }
    const mediaMatch = /^\/media\/(track|cover)\/([^/]+)$/.exec(path);
    if (mediaMatch) {
      const request = { method, range: req.headers.range ?? null };
      const reply =
        mediaMatch[1] === 'track'
          ? await media.track(request, mediaMatch[2] ?? '')
          : await media.cover(request, mediaMatch[2] ?? '');
      return sendReply(res, reply);
    }
    if (path.startsWith('/media/')) return plain(res, 404, 'not found');
    if (method !== 'GET' && method !== 'HEAD') return plain(res, 405, 'GET only');
    const cookie: Record<string, string> = url.searchParams.has('token')
      ? { 'Set-Cookie': auth.setCookie() }
      : {};
    if (await serveStatic(opts.rendererDir, path, res, cookie)) return;
    // Client-side routes fall back to the app itself.
    if (/^\/[a-z0-9/-]*$/i.test(path) && (await serveStatic(opts.rendererDir, '/', res, cookie)))
      return;
    plain(res, 404, 'not found');
  }

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const allowed =
      url.pathname === '/api/events' &&
      auth.hostAllowed(req) &&
      auth.authorised(req, url) &&
      auth.originAllowed(req);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws: WebSocket) => streams.add(ws));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // 127.0.0.1 only: nothing listens on other interfaces.
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  auth = new HostAuth(token, port);
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    streams: () => streams.state(),
    async close() {
      streams.close();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function plain(res: ServerResponse, status: number, text: string): void {
  res
    .writeHead(status, { ...securityHeaders, 'Content-Type': 'text/plain; charset=utf-8' })
    .end(text);
}

function json(res: ServerResponse, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(200, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sendReply(res: ServerResponse, reply: MediaReply): void {
  res.writeHead(reply.status, { ...securityHeaders, ...reply.headers });
  const stream = replyStream(reply);
  if (!stream) {
    res.end();
    return;
  }
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** decodeURIComponent that answers '' instead of throwing on a malformed escape (%ZZ). */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}
