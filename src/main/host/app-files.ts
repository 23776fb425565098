/**
 * Serves the built renderer to the Electron window from the encore-app: scheme, as WHATWG
 * Responses: paths resolved inside the renderer folder only, with the strict CSP on every page.
 */
import { readFile, realpath } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { isInside } from '../library/real-roots';
import { securityHeaders } from './static';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export async function serveAppFile(rendererDir: string, pathname: string): Promise<Response> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return new Response('bad path', { status: 400 });
  }
  const root = await realpath(rendererDir).catch(() => null);
  const file = root
    ? await realpath(join(root, decoded === '/' ? 'index.html' : decoded)).catch(() => null)
    : null;
  if (!root || !file || !isInside(root, file) || decoded.includes('\0'))
    return new Response('not found', { status: 404 });
  const body = await readFile(file).catch(() => null);
  if (!body) return new Response('not found', { status: 404 });
  return new Response(body, {
    status: 200,
    headers: {
      ...securityHeaders,
      'Content-Type': types[extname(file).toLowerCase()] ?? 'application/octet-stream',
    },
  });
}
