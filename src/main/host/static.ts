/**
 * Serves the built renderer (index.html and its assets) to the browser, with the same strict
 * Content-Security-Policy the desktop app uses. Paths are resolved inside the renderer folder
 * only; anything else is a 404.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { isInside } from '../library/real-roots';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** The renderer's policy: only our own scripts, no inline script, no plug-ins, no framing. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // React sets style attributes (virtual list offsets); no inline <style> blocks are needed.
  "style-src 'self' 'unsafe-inline'",
  // encore-media: is the desktop app's audio and cover scheme (unknown to browsers, so inert there).
  "img-src 'self' data: blob: encore-media:",
  "media-src 'self' blob: encore-media:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** Sends `pathname` from `rootDir` (index.html for '/'); returns false when there is no such file. */
export async function serveStatic(
  rootDir: string,
  pathname: string,
  res: ServerResponse,
  extraHeaders: Record<string, string> = {},
): Promise<boolean> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  if (decoded.includes('\0')) return false;
  const realRoot = await realpath(rootDir).catch(() => null);
  if (!realRoot) return false;
  const file = await realpath(join(realRoot, decoded === '/' ? 'index.html' : decoded)).catch(
    () => null,
  );
  if (!file || !isInside(realRoot, file)) return false;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return false;
  res.writeHead(200, {
    ...securityHeaders,
    ...extraHeaders,
    'Content-Type': types[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(info.size),
    // Hashed asset names never change; index.html must be re-read after a rebuild.
    'Cache-Control': decoded.startsWith('/assets/')
      ? 'private, max-age=31536000, immutable'
      : 'no-store',
  });
  createReadStream(file).pipe(res);
  return true;
}
