import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendJson } from './http.js';

const ALLOW_METHODS = 'GET, POST, DELETE, OPTIONS';
const ALLOW_HEADERS = 'Content-Type, Idempotency-Key, Authorization';
/** Browsers cap this (Chromium at 2 hours); it saves a preflight per answer. */
const MAX_AGE = '86400';

/**
 * Cross-origin access to the API for the listed origins (`*`: any) and always for the server's own
 * origins (the demo), see `ownOrigins`. Sets the headers on `res` and answers preflights; returns
 * true when the request was a preflight and has been answered.
 */
export function cors(origins: readonly string[], own: () => ReadonlySet<string> = () => new Set()) {
  const any = origins.includes('*');
  const allowed = new Set(origins.map((o) => o.replace(/\/+$/, '').toLowerCase()));

  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin?.toLowerCase();
    const ok = origin !== undefined && (any || allowed.has(origin) || own().has(origin));
    res.setHeader('Vary', 'Origin');
    if (ok) {
      res.setHeader('Access-Control-Allow-Origin', any ? '*' : req.headers.origin!);
      // The widget reads Retry-After on a 429 or 503 to know when to try again.
      res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
    }
    if (req.method !== 'OPTIONS') return false;
    if (origin === undefined) {
      res.writeHead(204, { Allow: ALLOW_METHODS }).end();
    } else if (ok) {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': ALLOW_METHODS,
        'Access-Control-Allow-Headers': ALLOW_HEADERS,
        'Access-Control-Max-Age': MAX_AGE,
      });
      res.end();
    } else {
      sendJson(res, 403, { error: `origin ${origin} is not allowed: add it to TOUCHPOINT_ORIGINS` });
    }
    return true;
  };
}

/**
 * The origins of the collector's own pages, from configuration and never from the request's `Host`
 * (which a DNS-rebinding page sets to a name of its own): `publicUrl`'s origin when given, else
 * the address the server listens on, with `localhost` and the loopback addresses that reach it.
 * Throws at once when `publicUrl` is not an http(s) URL.
 */
export function ownOrigins(publicUrl: string | undefined, address: () => AddressInfo | string | null): () => ReadonlySet<string> {
  if (publicUrl) {
    const url = URL.canParse(publicUrl) ? new URL(publicUrl) : null;
    if (url?.protocol !== 'http:' && url?.protocol !== 'https:') throw new Error(`publicUrl must be an http(s) URL, not "${publicUrl}"`);
    const origins = new Set([url.origin]);
    return () => origins;
  }
  let cached: [at: string, origins: ReadonlySet<string>] | undefined;
  return () => {
    const at = address();
    if (!at || typeof at === 'string') return new Set();
    const key = `${at.address} ${at.port}`;
    if (cached?.[0] !== key) cached = [key, listenOrigins(at)];
    return cached[1];
  };
}

function listenOrigins({ address, family, port }: AddressInfo): ReadonlySet<string> {
  const hosts = [family === 'IPv6' ? `[${address}]` : address];
  const any = address === '0.0.0.0' || address === '::';
  if (any || address === '::1' || /^127\./.test(address) || address === '::ffff:127.0.0.1') hosts.push('localhost');
  if (any) hosts.push('127.0.0.1', '[::1]');
  return new Set(hosts.map((host) => new URL(`http://${host}:${port}`).origin));
}
