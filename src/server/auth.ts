import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { codePoints } from '../core/answer.js';
import { ACTOR_MAX } from '../core/inbox.js';
import { clientOf } from './client-address.js';
import { HttpError, parseJson, readBody, requireJson, sendJson } from './http.js';
import { parsePasswordHash, verifyPassword } from './password.js';
import { attemptLimiter } from './rate-limit.js';
import { SESSION_IDLE_MS, type Storage } from './storage/storage.js';

const digest = (s: string | Buffer) => createHash('sha256').update(s).digest();

/** Two secrets compared in constant time: their hashes have equal lengths whatever was sent. */
const sameSecret = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

/** Sign-in attempts per client address (`clientOf`), failed or not, in any 10 minutes; per process. */
export const SIGN_IN_LIMIT = { attempts: 10, windowMs: 10 * 60_000 };

export const SESSION_COOKIE = 'touchpoint_session';
/** The name when the cookie is `Secure`: browsers then insist on Secure, `Path=/` and no Domain, so no sibling site can set or shadow it. */
export const SECURE_SESSION_COOKIE = '__Host-touchpoint_session';

const SIGN_IN_BODY_BYTES = 4096;
const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The cookie's value: the session's random id (32 bytes), a dot, its HMAC-SHA256; both base64url. */
const COOKIE_VALUE = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{43})$/;

export interface OwnerCredentials {
  /** `TOUCHPOINT_ADMIN_TOKEN`: a bearer token, and a way to sign in. */
  adminToken?: string;
  /** `TOUCHPOINT_ADMIN_PASSWORD_HASH`: from `touchpoint-cx hash-password`. */
  adminPasswordHash?: string;
  /** `TOUCHPOINT_SESSION_SECRET`: keys the cookie's signature with a secret of its own. */
  sessionSecret?: string;
}

/**
 * Checks the owner's configuration once, at start: throws when the password hash is not one
 * `hash-password` makes (a collector that could never let its owner in should not start).
 */
export function ownerCredentials({ adminToken, adminPasswordHash, sessionSecret }: OwnerCredentials) {
  const password = adminPasswordHash ? parsePasswordHash(adminPasswordHash) : null;
  if (adminPasswordHash && !password) throw new Error('adminPasswordHash must be a hash printed by `touchpoint-cx hash-password` (scrypt$N$r$p$salt$hash)');
  // The signing key. With no secret configured it comes from the credentials, so every collector
  // given the same ones agrees without more configuration; the credentials go into it in either
  // case, so a new token or password hash makes every cookie signed before it worthless: changing
  // them signs everyone out.
  const credentials = digest(`token\0${adminToken ?? ''}\0password\0${adminPasswordHash?.trim() ?? ''}`);
  const key = createHmac('sha256', sessionSecret || 'touchpoint session signing key').update(credentials).digest();
  return { adminToken: adminToken || undefined, password: password ?? undefined, key };
}

export interface OwnerAuthOptions {
  storage: Storage;
  credentials: ReturnType<typeof ownerCredentials>;
  /** The collector's own origins (`ownOrigins`): the only ones whose pages may act with the cookie. */
  own: () => ReadonlySet<string>;
  /** `publicUrl` is https: the cookie is `Secure` whatever the request came over. */
  httpsPublicUrl: boolean;
  /** With a proxy of your own in front: `X-Forwarded-Proto: https` counts as TLS. */
  trustProxy?: boolean;
  /** The clock sessions and sign-in attempts are timed by (tests move it). */
  now: () => number;
}

export type OwnerAuth = ReturnType<typeof ownerAuth>;

/**
 * The owner: either `Authorization: Bearer <TOUCHPOINT_ADMIN_TOKEN>` (API clients, scripts) or a
 * session cookie from `POST /api/session` (the owner's browser), stored server-side so that any
 * collector on the database knows it and signing out ends it everywhere.
 */
export function ownerAuth({ storage, credentials, own, httpsPublicUrl, trustProxy = false, now }: OwnerAuthOptions) {
  const { adminToken, password, key } = credentials;
  const attempts = attemptLimiter(SIGN_IN_LIMIT.attempts, SIGN_IN_LIMIT.windowMs, now);

  /** Whether the browser reached us over https, so the cookie must be `Secure` (and `__Host-`). */
  function secure(req: IncomingMessage): boolean {
    if (httpsPublicUrl || (req.socket as TLSSocket).encrypted) return true;
    const proto = trustProxy ? req.headers['x-forwarded-proto'] : undefined;
    // The last entry, as for X-Forwarded-For: the one your own proxy wrote.
    return typeof proto === 'string' && proto.split(',').at(-1)!.trim().toLowerCase() === 'https';
  }

  const cookieName = (req: IncomingMessage) => (secure(req) ? SECURE_SESSION_COOKIE : SESSION_COOKIE);

  function setCookie(req: IncomingMessage, value: string, clear = false): string {
    return [`${cookieName(req)}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', ...(secure(req) ? ['Secure'] : []), ...(clear ? ['Max-Age=0'] : [])].join('; ');
  }
  const clearCookie = (req: IncomingMessage) => setCookie(req, '', true);

  const sign = (id: string) => createHmac('sha256', key).update(id).digest('base64url');
  /** The SHA-256 the storage knows a session by. */
  const stored = (id: string) => digest(id).toString('hex');

  /** The values of the request's session cookies (under the name for this request's scheme only). */
  function cookies(req: IncomingMessage): string[] {
    const name = cookieName(req);
    return (req.headers.cookie ?? '').split(';').flatMap((pair) => {
      const eq = pair.indexOf('=');
      return eq >= 0 && pair.slice(0, eq).trim() === name ? [pair.slice(eq + 1).trim()] : [];
    });
  }

  /** The session id of a cookie whose signature holds, or undefined. */
  function sessionIdOf(req: IncomingMessage): string | undefined {
    for (const value of cookies(req)) {
      const m = COOKIE_VALUE.exec(value);
      if (m && timingSafeEqual(Buffer.from(sign(m[1])), Buffer.from(m[2]))) return m[1];
    }
    return undefined;
  }

  const crossSite = () => new HttpError(403, 'cross-site request refused');
  const sameOrigin = (origin: string) => own().has(origin.toLowerCase());

  const disabled = () => new HttpError(403, 'owner actions are disabled: the collector has no TOUCHPOINT_ADMIN_TOKEN or TOUCHPOINT_ADMIN_PASSWORD_HASH');
  const unauthorized = (req: IncomingMessage, clear: boolean) =>
    new HttpError(401, 'needs a session (POST /api/session) or Authorization: Bearer <TOUCHPOINT_ADMIN_TOKEN>', {
      'WWW-Authenticate': 'Bearer',
      ...(clear && { 'Set-Cookie': clearCookie(req) }),
    });

  const expiry = (expiresMs: number) => ({ signedIn: true, expiresAt: new Date(expiresMs).toISOString() });

  const owner = {
    /**
     * Admits the owner or throws: 403 when no credentials are configured (owner actions are off
     * rather than open to anyone), 401 without valid ones. A bearer token needs nothing else. A
     * state-changing request (POST, PUT, PATCH, DELETE) that only the cookie authenticates must
     * come from the collector's own origin: without that, any page the owner visits could make
     * their browser send it, cookie included (SameSite=Strict stops that in today's browsers; this
     * does not depend on it). Browsers send `Origin` with every such request, so a missing one is
     * refused too.
     */
    async requireOwner(req: IncomingMessage): Promise<{ via: 'bearer' | 'session'; by: string }> {
      if (!adminToken && !password) throw disabled();
      const authorization = req.headers.authorization ?? '';
      // Another scheme (Basic, from a proxy's own login in front) is not ours: the cookie decides.
      if (/^Bearer(\s|$)/i.test(authorization)) {
        const given = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
        if (given && adminToken && sameSecret(given, adminToken)) return { via: 'bearer', by: 'api' };
        throw unauthorized(req, false);
      }
      const id = sessionIdOf(req);
      if (!id) throw unauthorized(req, cookies(req).length > 0);
      if (UNSAFE_METHODS.has(req.method ?? '')) {
        const origin = req.headers.origin;
        if (origin === undefined || !sameOrigin(origin)) throw crossSite();
      }
      const session = await storage.session(stored(id), now());
      if (!session) throw unauthorized(req, true);
      return { via: 'session', by: session.name ?? 'owner' };
    },

    /** Admits the owner (`requireOwner`) and says who is acting, and when: what owner changes record. */
    async actor(req: IncomingMessage): Promise<{ by: string; at: string }> {
      const { by } = await owner.requireOwner(req);
      return { by, at: new Date(now()).toISOString() };
    },

    /**
     * `POST /api/session` `{"token"}` or `{"password"}`: a new session and its cookie. Login CSRF
     * (a foreign page signing the owner's browser in) is refused by the same Origin rule, with one
     * difference: a request with no `Origin` at all is allowed. The Fetch standard has browsers send
     * `Origin` with every POST, same-origin or not (`null` when they hide it, which is refused), so
     * a request without one is not a browser acting for someone else but a client (curl, a script)
     * acting for itself, and it must know the credentials anyway. A cross-site HTML form cannot send
     * `application/json` either. Foreign requests are refused before they count against the limit,
     * so a page cannot use up its visitor's attempts.
     */
    async signIn(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const origin = req.headers.origin;
      if (origin !== undefined && !sameOrigin(origin)) throw crossSite();
      const wait = attempts.take(clientOf(req, trustProxy));
      if (wait) throw new HttpError(429, `too many sign-in attempts: try again in ${wait} s`, { 'Retry-After': String(wait) });
      requireJson(req);
      const body = parseJson(await readBody(req, SIGN_IN_BODY_BYTES)) as { token?: unknown; password?: unknown; name?: unknown } | null;
      const name = nameOf(body?.name);
      const token = typeof body?.token === 'string' ? body.token : undefined;
      const given = typeof body?.password === 'string' ? body.password : undefined;
      if ((token === undefined) === (given === undefined) || (token ?? given) === '')
        throw new HttpError(400, 'send {"token": "…"} or {"password": "…"}');
      let ok: boolean;
      if (token !== undefined) {
        if (!adminToken) throw new HttpError(403, 'signing in with a token is disabled: the collector has no TOUCHPOINT_ADMIN_TOKEN');
        ok = sameSecret(token, adminToken);
      } else {
        if (!password) throw new HttpError(403, 'signing in with a password is disabled: the collector has no TOUCHPOINT_ADMIN_PASSWORD_HASH');
        ok = await verifyPassword(given!, password);
      }
      if (!ok) throw new HttpError(401, 'sign-in failed');
      // A cookie this browser already had is ended, not kept beside the new one.
      const previous = sessionIdOf(req);
      if (previous) await storage.deleteSession(stored(previous));
      const t = now();
      await storage.deleteExpiredSessions(t);
      const id = randomBytes(32).toString('base64url');
      await storage.createSession(stored(id), t, name);
      sendJson(res, 200, { ...expiry(t + SESSION_IDLE_MS), name }, { 'Set-Cookie': setCookie(req, `${id}.${sign(id)}`) });
    },

    /** `GET /api/session`: `200 {"signedIn": true, "expiresAt", "name"}` while the cookie's session lives, else 401 (a page can tell). */
    async status(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const id = sessionIdOf(req);
      const session = id ? await storage.session(stored(id), now()) : null;
      if (!session) throw new HttpError(401, 'not signed in', cookies(req).length ? { 'Set-Cookie': clearCookie(req) } : {});
      sendJson(res, 200, { ...expiry(session.expiresMs), name: session.name });
    },

    /**
     * `DELETE /api/session`: ends the session (on every collector sharing the database) and clears
     * the cookie; 204 whether or not there was one, so it is safe to repeat. A foreign `Origin` is
     * refused (a page must not sign its visitor out); a missing one is allowed, as for signing in.
     */
    async signOut(req: IncomingMessage, res: ServerResponse): Promise<void> {
      const origin = req.headers.origin;
      if (origin !== undefined && !sameOrigin(origin)) throw crossSite();
      const id = sessionIdOf(req);
      if (id) await storage.deleteSession(stored(id));
      res.writeHead(204, { 'Set-Cookie': clearCookie(req), 'Cache-Control': 'no-store' }).end();
    },

    stop: () => attempts.stop(),
  };
  return owner;
}

/**
 * The name a team member signs in under (`{"name"}`), recorded with what they do: several people
 * share one owner credential, and the log says who did what. Optional; null without one.
 */
function nameOf(x: unknown): string | null {
  if (x === undefined || x === null) return null;
  const name = typeof x === 'string' ? x.trim() : '';
  if (!name || codePoints(name) > ACTOR_MAX || /\p{Cc}/u.test(name)) throw new HttpError(422, `name: must be 1 to ${ACTOR_MAX} characters, no control characters`);
  return name;
}
