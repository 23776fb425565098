/**
 * Who may talk to the browser host: requests carrying the random access token (in the URL the
 * person opened, or in the cookie set from it), addressed to 127.0.0.1 by the right Host name (no
 * DNS rebinding), and — for calls and the event socket — coming from our own origin (no CSRF).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** 32 random bytes, URL-safe: the secret in the URL `encore serve` prints. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The cookie name: per port, since browsers share cookies between ports of one host. */
export const cookieName = (port: number): string => `encore_token_${port}`;

function cookie(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

export class HostAuth {
  constructor(
    readonly token: string,
    private readonly port: number,
  ) {}

  /** The origins the page is served from. */
  get origins(): string[] {
    return [`http://127.0.0.1:${this.port}`, `http://localhost:${this.port}`];
  }

  /** True when the Host header names this server (a rebinding attack sends the attacker's name). */
  hostAllowed(req: IncomingMessage): boolean {
    return this.origins.some((o) => o === `http://${req.headers.host ?? ''}`);
  }

  /** True when the request carries the token in its query or cookie. */
  authorised(req: IncomingMessage, url: URL): boolean {
    const given = url.searchParams.get('token') ?? cookie(req, cookieName(this.port));
    return given !== null && sameSecret(given, this.token);
  }

  /** For state-changing requests: the Origin, when sent, must be ours. */
  originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    return origin === undefined || this.origins.includes(origin);
  }

  /** The Set-Cookie value that lets the page's own requests (assets, media, socket) through. */
  setCookie(): string {
    return `${cookieName(this.port)}=${this.token}; HttpOnly; SameSite=Strict; Path=/`;
  }
}
