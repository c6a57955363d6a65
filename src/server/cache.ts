import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Long enough to absorb a crowd loading one wall, short enough that a new answer shows soon. */
export const PUBLIC_MAX_AGE = 10;

/**
 * A public read: JSON with a validator (`ETag`, a hash of the body) and a short `Cache-Control`;
 * `304 Not Modified` without a body when the client already has this version.
 */
export function sendPublicJson(req: IncomingMessage, res: ServerResponse, body: unknown): void {
  const text = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
  const headers = {
    ETag: etag,
    'Cache-Control': `public, max-age=${PUBLIC_MAX_AGE}`,
    'X-Content-Type-Options': 'nosniff',
  };
  if (matches(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers).end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(req.method === 'HEAD' ? undefined : text);
}

/** `If-None-Match`: `*`, or a list of tags compared weakly (RFC 9110 §13.1.2). */
function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
