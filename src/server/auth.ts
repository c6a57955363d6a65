import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http.js';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Admits the site owner: `Authorization: Bearer <token>`. With no token configured, owner
 * actions are switched off (403) rather than open to anyone.
 */
export function requireOwner(req: IncomingMessage, token: string | undefined): void {
  if (!token) throw new HttpError(403, 'replies are disabled: the collector has no TOUCHPOINT_ADMIN_TOKEN');
  const given = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  // Hashes have equal lengths, so the comparison takes the same time whatever was sent.
  if (!given || !timingSafeEqual(digest(given), digest(token)))
    throw new HttpError(401, 'needs Authorization: Bearer <TOUCHPOINT_ADMIN_TOKEN>', { 'WWW-Authenticate': 'Bearer' });
}
