import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http.js';

const ALLOW_METHODS = 'GET, POST, OPTIONS';
const ALLOW_HEADERS = 'Content-Type, Idempotency-Key, Authorization';
/** Browsers cap this (Chromium at 2 hours); it saves a preflight per answer. */
const MAX_AGE = '86400';

/**
 * Cross-origin access to the API for the listed origins (`*`: any) and always for the server's own
 * origin (the demo). Sets the headers on `res` and answers preflights; returns true when the
 * request was a preflight and has been answered.
 */
export function cors(origins: readonly string[]) {
  const any = origins.includes('*');
  const allowed = new Set(origins.map((o) => o.replace(/\/+$/, '').toLowerCase()));

  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin;
    const ok = origin !== undefined && (any || allowed.has(origin.toLowerCase()) || isOwn(origin, req.headers.host));
    res.setHeader('Vary', 'Origin');
    if (ok) {
      res.setHeader('Access-Control-Allow-Origin', any ? '*' : origin);
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

/** Whether `origin` names this server, as the browser addressed it (scheme aside: a proxy may add TLS). */
function isOwn(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}
