import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector, type CollectorOptions } from '../../src/server/collector.js';
import { hashPassword } from '../../src/server/password.js';
import { makeAnswer } from '../fixtures/answers.js';
import { startPostgres, type Postgres } from '../fixtures/postgres.js';
import { startCollector, type Reply, type Running } from './lib.js';

/**
 * The owner signs in (`POST /api/session`) and acts with a cookie: on both engines, since the
 * sessions live in the database that every collector on it shares.
 */
const TOKEN = 'owner-secret-token';
const PASSWORD = 'correct horse battery staple';
const HOUR = 3_600_000;
const START = Date.UTC(2026, 2, 1, 9);
let passwordHash: string;

let postgres: Postgres;
let databases = 0;
beforeAll(async () => {
  [postgres, passwordHash] = await Promise.all([startPostgres(), hashPassword(PASSWORD)]);
}, 120_000);
afterAll(() => postgres?.stop());

async function freshDatabase(): Promise<string> {
  const name = `sessions_${++databases}`;
  await postgres.psql(`CREATE DATABASE ${name}`);
  return postgres.url.replace(/\/[^/]*$/, `/${name}`);
}

const ENGINES = [
  ['SQLite', async (): Promise<Partial<CollectorOptions>> => ({})],
  ['PostgreSQL', async (): Promise<Partial<CollectorOptions>> => ({ databaseUrl: await freshDatabase() })],
] as const;

interface SessionRow {
  id: string;
  created_at: string;
  last_seen_at: string;
}

/** The sessions table as stored, read beside the collector. */
async function sessionRows(c: Running, databaseUrl?: string): Promise<SessionRow[]> {
  if (databaseUrl) {
    const client = new pg.Client(databaseUrl);
    await client.connect();
    try {
      return (await client.query<SessionRow>('SELECT * FROM sessions ORDER BY created_at, id')).rows;
    } finally {
      await client.end();
    }
  }
  const db = new Database(c.dbPath, { readonly: true });
  try {
    return db.prepare('SELECT * FROM sessions ORDER BY created_at, id').all() as SessionRow[];
  } finally {
    db.close();
  }
}

/** A clock the collector reads (`now`), moved by the tests: 12 hours pass without waiting. */
function clock() {
  let t = START;
  return { now: () => t, advance: (ms: number) => (t += ms), at: () => t };
}

/** Each sign-in from an address of its own (the collectors here trust X-Forwarded-For), so the sign-in limit is not what these tests meet. */
let addresses = 0;
const anotherAddress = () => ({ 'X-Forwarded-For': `10.0.${++addresses >> 8}.${addresses & 255}` });

const signIn = (c: Running, body: unknown, headers: Record<string, string> = {}) => c.post('/api/session', body, { Origin: c.url, ...anotherAddress(), ...headers });

interface SetCookie {
  name: string;
  value: string;
  /** Lower case, e.g. `path=/`, `httponly`. */
  attributes: string[];
  /** `name=value`, as the browser sends it back. */
  pair: string;
}

function setCookieOf(reply: Reply): SetCookie {
  const headers = reply.headers.getSetCookie();
  expect(headers).toHaveLength(1);
  const [pair, ...attributes] = headers[0].split(/;\s*/);
  const eq = pair.indexOf('=');
  return { name: pair.slice(0, eq), value: pair.slice(eq + 1), attributes: attributes.map((a) => a.toLowerCase()), pair };
}

const asOwner = (cookie: SetCookie | string, origin: string | undefined) => ({
  Cookie: typeof cookie === 'string' ? cookie : cookie.pair,
  ...(origin !== undefined && { Origin: origin }),
});

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe.each(ENGINES)('%s: owner sessions', (_engine, engineOptions) => {
  const time = clock();
  let options: Partial<CollectorOptions>;
  let c: Running;
  const answer = makeAnswer({ effort: 2, emotion: 'frustrated', comment: 'The parcel came a week late.' });
  const replyTo = (collector: Running, headers: Record<string, string>, text = 'Sorry, refund sent.') =>
    collector.post(`/api/feedback/${answer.id}/reply`, { text }, headers);
  const currentReply = async (collector: Running = c) => (await collector.all()).find((i) => i.id === answer.id)?.reply?.text ?? null;

  beforeAll(async () => {
    options = { ...(await engineOptions()), adminToken: TOKEN, adminPasswordHash: passwordHash, trustProxy: true, now: time.now };
    c = await startCollector(options);
    expect((await c.post('/api/feedback', answer)).status).toBe(200);
  }, 60_000);
  afterAll(() => c?.close());

  it('signs in with the token and with the password: 200, a cookie, and GET /api/session says until when', async () => {
    for (const body of [{ token: TOKEN }, { password: PASSWORD }]) {
      const reply = await signIn(c, body);
      expect(reply.status, JSON.stringify(body)).toBe(200);
      const expiresAt = new Date(time.at() + 12 * HOUR).toISOString();
      expect(reply.json).toEqual({ signedIn: true, expiresAt, name: null });
      const cookie = setCookieOf(reply);
      expect(cookie.name).toBe('touchpoint_session');
      const status = await c.get('/api/session', asOwner(cookie, undefined));
      expect(status.status).toBe(200);
      expect(status.json).toEqual({ signedIn: true, expiresAt, name: null });
    }
    const none = await c.get('/api/session');
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ error: 'not signed in' });
  });

  it('refuses a wrong token or password with 401 and the same one line, setting no cookie', async () => {
    const errors = new Set<string>();
    for (const body of [{ token: 'owner-secret-tokeN' }, { token: TOKEN.slice(0, -1) }, { password: 'correct horse battery stapl' }, { password: TOKEN }]) {
      const reply = await signIn(c, body);
      expect(reply.status, JSON.stringify(body)).toBe(401);
      expect(reply.headers.getSetCookie()).toEqual([]);
      errors.add(reply.json.error);
    }
    expect([...errors]).toEqual(['sign-in failed']);
  });

  it('sets the cookie HttpOnly, SameSite=Strict, Path=/, without Secure over plain http, and stores only the SHA-256 of its id', async () => {
    const before = await sessionRows(c, options.databaseUrl);
    const cookie = setCookieOf(await signIn(c, { token: TOKEN }));
    expect(cookie.name).toBe('touchpoint_session');
    expect(cookie.attributes.sort()).toEqual(['httponly', 'path=/', 'samesite=strict']);
    const [id, signature] = cookie.value.split('.');
    expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await sessionRows(c, options.databaseUrl);
    expect(rows).toHaveLength(before.length + 1);
    const added = rows.find((r) => !before.some((b) => b.id === r.id))!;
    expect(added).toEqual({ id: sha256(id), created_at: new Date(time.at()).toISOString(), last_seen_at: new Date(time.at()).toISOString(), name: null });
    expect(JSON.stringify(rows)).not.toContain(id);
  });

  it('lets the cookie reply to an answer from the collector own origin', async () => {
    const cookie = setCookieOf(await signIn(c, { password: PASSWORD }));
    const reply = await replyTo(c, asOwner(cookie, c.url), 'From the owner page.');
    expect(reply.status).toBe(200);
    expect(reply.json.reply.text).toBe('From the owner page.');
    expect(await currentReply()).toBe('From the owner page.');
  });

  it('refuses a cross-site request with the cookie (foreign, null or no Origin), while the same request with Bearer works', async () => {
    const cookie = setCookieOf(await signIn(c, { token: TOKEN }));
    const before = await currentReply();
    for (const origin of ['https://evil.example', 'null', c.url.replace('127.0.0.1', 'evil.example'), undefined]) {
      const reply = await replyTo(c, asOwner(cookie, origin), 'Forged.');
      expect(reply.status, String(origin)).toBe(403);
      expect(reply.json).toEqual({ error: 'cross-site request refused' });
    }
    expect(await currentReply()).toBe(before);
    // The same, as an API client: a bearer token needs no Origin, and a foreign one does not matter.
    for (const origin of ['https://evil.example', undefined]) {
      const reply = await replyTo(c, { Authorization: `Bearer ${TOKEN}`, ...(origin && { Origin: origin }) }, `Bearer from ${origin}.`);
      expect(reply.status, String(origin)).toBe(200);
      expect(await currentReply()).toBe(`Bearer from ${origin}.`);
    }
    // The cookie itself still works from the own origin: refusing the forgery did not end it.
    expect((await replyTo(c, asOwner(cookie, c.url), 'Still me.')).status).toBe(200);
  });

  it('refuses a tampered, made-up or stale-named cookie with 401, and clears it', async () => {
    const cookie = setCookieOf(await signIn(c, { token: TOKEN }));
    const [id, signature] = cookie.value.split('.');
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const forged = [
      `touchpoint_session=${flip(id, 5)}.${signature}`,
      `touchpoint_session=${id}.${flip(signature, 40)}`,
      `touchpoint_session=${id}`,
      `touchpoint_session=${'A'.repeat(43)}.${'A'.repeat(43)}`,
      `touchpoint_session=${id}.${signature}x`,
      `other_cookie=${cookie.value}`,
    ];
    for (const value of forged) {
      const status = await c.get('/api/session', { Cookie: value });
      expect(status.status, value).toBe(401);
      const reply = await replyTo(c, asOwner(value, c.url), 'Forged.');
      expect(reply.status, value).toBe(401);
      expect(reply.headers.get('www-authenticate')).toBe('Bearer');
    }
    const cleared = setCookieOf(await c.get('/api/session', { Cookie: forged[0] }));
    expect(cleared.value).toBe('');
    expect(cleared.attributes).toContain('max-age=0');
    expect(await currentReply()).not.toBe('Forged.');
    // The real one, beside a forged one under the same name, still counts.
    expect((await c.get('/api/session', { Cookie: `${forged[0]}; ${cookie.pair}` })).status).toBe(200);
  });

  it('signs out on one collector and the cookie is useless on every collector sharing the database; signing out again is fine', async () => {
    // A second collector process on the same database (for SQLite, the same file), same configuration.
    const other = await startCollector({ ...options, ...(options.databaseUrl ? {} : { dbPath: c.dbPath }) });
    try {
      const cookie = setCookieOf(await signIn(c, { token: TOKEN }));
      expect((await other.get('/api/session', asOwner(cookie, undefined))).status).toBe(200);
      expect((await replyTo(other, asOwner(cookie, other.url), 'Through the other collector.')).status).toBe(200);

      const out = await fetch(`${other.url}/api/session`, { method: 'DELETE', headers: asOwner(cookie, other.url) });
      expect(out.status).toBe(204);
      const cleared = setCookieOf({ status: out.status, headers: out.headers, text: '', json: undefined });
      expect(cleared).toMatchObject({ name: 'touchpoint_session', value: '' });
      expect(cleared.attributes).toEqual(expect.arrayContaining(['max-age=0', 'path=/', 'httponly', 'samesite=strict']));

      for (const collector of [c, other]) {
        expect((await collector.get('/api/session', asOwner(cookie, undefined))).status).toBe(401);
        expect((await replyTo(collector, asOwner(cookie, collector.url), 'After signing out.')).status).toBe(401);
      }
      expect(await currentReply()).toBe('Through the other collector.');
      expect((await sessionRows(c, options.databaseUrl)).map((r) => r.id)).not.toContain(sha256(cookie.value.split('.')[0]));

      const again = await fetch(`${c.url}/api/session`, { method: 'DELETE', headers: asOwner(cookie, c.url) });
      expect(again.status).toBe(204);
      const without = await fetch(`${c.url}/api/session`, { method: 'DELETE' });
      expect(without.status).toBe(204);
      // A foreign page cannot sign its visitor out.
      const fresh = setCookieOf(await signIn(c, { token: TOKEN }));
      const foreign = await fetch(`${c.url}/api/session`, { method: 'DELETE', headers: asOwner(fresh, 'https://evil.example') });
      expect(foreign.status).toBe(403);
      expect((await c.get('/api/session', asOwner(fresh, undefined))).status).toBe(200);
    } finally {
      await other.close();
    }
  });

  it('refuses cookies signed before the token changed: a new token signs everyone out', async () => {
    const cookie = setCookieOf(await signIn(c, { password: PASSWORD }));
    const rotated = await startCollector({ ...options, adminToken: 'a-brand-new-token', ...(options.databaseUrl ? {} : { dbPath: c.dbPath }) });
    try {
      expect((await rotated.get('/api/session', asOwner(cookie, undefined))).status).toBe(401);
      expect((await replyTo(rotated, asOwner(cookie, rotated.url))).status).toBe(401);
      // The collector still on the old configuration knows it, and the new one signs in afresh.
      expect((await c.get('/api/session', asOwner(cookie, undefined))).status).toBe(200);
      expect((await signIn(rotated, { token: 'a-brand-new-token' })).status).toBe(200);
    } finally {
      await rotated.close();
    }
  });

  it('ends a session after 12 hours idle, each use recorded at most once a minute, and clears out ended ones on sign-in', async () => {
    const t0 = time.at();
    const cookie = setCookieOf(await signIn(c, { token: TOKEN }));
    const id = sha256(cookie.value.split('.')[0]);
    const row = async () => (await sessionRows(c, options.databaseUrl)).find((r) => r.id === id);
    const status = () => c.get('/api/session', asOwner(cookie, undefined));

    time.advance(30_000);
    expect((await status()).json.expiresAt).toBe(new Date(t0 + 12 * HOUR).toISOString());
    expect((await row())!.last_seen_at).toBe(new Date(t0).toISOString());

    time.advance(12 * HOUR - 30_001); // 1 ms before the end: still alive, and this use is recorded
    const used = time.at();
    expect((await replyTo(c, asOwner(cookie, c.url), 'Late at night.')).status).toBe(200);
    expect((await row())!.last_seen_at).toBe(new Date(used).toISOString());
    expect((await status()).json.expiresAt).toBe(new Date(used + 12 * HOUR).toISOString());

    time.advance(59_000);
    expect((await status()).status).toBe(200);
    // Within a minute of the last recorded use: not recorded (no write), so the session ends 12 h after `used`.
    expect((await row())!.last_seen_at).toBe(new Date(used).toISOString());
    time.advance(12 * HOUR - 59_000);
    expect((await status()).status).toBe(401);
    expect((await replyTo(c, asOwner(cookie, c.url), 'Too late.')).status).toBe(401);
    expect(await currentReply()).toBe('Late at night.');

    // The next sign-in deletes every ended session, this one and those of the tests above.
    expect(await row()).toBeDefined();
    const fresh = setCookieOf(await signIn(c, { token: TOKEN }));
    expect((await sessionRows(c, options.databaseUrl)).map((r) => r.id)).toEqual([sha256(fresh.value.split('.')[0])]);
  });
});

describe('the session cookie over https', () => {
  let c: Running;
  let proxied: Running;
  beforeAll(async () => {
    c = await startCollector({ adminToken: TOKEN, publicUrl: 'https://feedback.example/' });
    proxied = await startCollector({ adminToken: TOKEN, trustProxy: true });
  });
  afterAll(async () => {
    await c?.close();
    await proxied?.close();
  });

  it('is Secure and named __Host- when the public URL is https, and only that name counts', async () => {
    const reply = await c.post('/api/session', { token: TOKEN }, { Origin: 'https://feedback.example' });
    expect(reply.status).toBe(200);
    const cookie = setCookieOf(reply);
    expect(cookie.name).toBe('__Host-touchpoint_session');
    expect(cookie.attributes.sort()).toEqual(['httponly', 'path=/', 'samesite=strict', 'secure']);
    expect((await c.get('/api/session', asOwner(cookie, undefined))).status).toBe(200);
    expect((await c.get('/api/session', { Cookie: `touchpoint_session=${cookie.value}` })).status).toBe(401);
    // The own origin is the public URL's: the listening address is not it.
    expect((await c.post('/api/session', { token: TOKEN }, { Origin: c.url })).status).toBe(403);
    const out = await fetch(`${c.url}/api/session`, { method: 'DELETE', headers: asOwner(cookie, 'https://feedback.example') });
    const cleared = setCookieOf({ status: out.status, headers: out.headers, text: '', json: undefined });
    expect(cleared.name).toBe('__Host-touchpoint_session');
    expect(cleared.attributes).toEqual(expect.arrayContaining(['secure', 'path=/', 'max-age=0']));
  });

  it('is Secure behind a trusted proxy that says X-Forwarded-Proto: https, and not on its word otherwise', async () => {
    const https = await proxied.post('/api/session', { token: TOKEN }, { Origin: proxied.url, 'X-Forwarded-Proto': 'https' });
    expect(setCookieOf(https).name).toBe('__Host-touchpoint_session');
    expect(setCookieOf(https).attributes).toContain('secure');
    const http = await proxied.post('/api/session', { token: TOKEN }, { Origin: proxied.url, 'X-Forwarded-Proto': 'http' });
    expect(setCookieOf(http).attributes).not.toContain('secure');
    const untrusting = await startCollector({ adminToken: TOKEN });
    try {
      const ignored = await untrusting.post('/api/session', { token: TOKEN }, { Origin: untrusting.url, 'X-Forwarded-Proto': 'https' });
      expect(setCookieOf(ignored).name).toBe('touchpoint_session');
      expect(setCookieOf(ignored).attributes).not.toContain('secure');
    } finally {
      await untrusting.close();
    }
  });
});

describe('signing in', () => {
  const time = clock();
  let c: Running;
  beforeAll(async () => (c = await startCollector({ adminToken: TOKEN, adminPasswordHash: passwordHash, trustProxy: true, now: time.now })));
  afterAll(() => c?.close());

  it('refuses a foreign Origin (login CSRF) with the right token, and allows a client that sends no Origin', async () => {
    for (const origin of ['https://evil.example', 'null']) {
      const reply = await c.post('/api/session', { token: TOKEN }, { Origin: origin, ...anotherAddress() });
      expect(reply.status).toBe(403);
      expect(reply.json).toEqual({ error: 'cross-site request refused' });
      expect(reply.headers.getSetCookie()).toEqual([]);
    }
    const curl = await c.post('/api/session', { token: TOKEN }, anotherAddress());
    expect(curl.status).toBe(200);
    expect(setCookieOf(curl).name).toBe('touchpoint_session');
  });

  it.each([
    ['no body fields', {}],
    ['both a token and a password', { token: TOKEN, password: PASSWORD }],
    ['an empty token', { token: '' }],
    ['a token that is not a string', { token: 42 }],
  ])('answers 400 to %s', async (_, body) => {
    const reply = await signIn(c, body);
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatch(/token.*password/);
  });

  it('answers 415 to a body not declared as JSON (what a cross-site form sends)', async () => {
    expect((await signIn(c, `token=${TOKEN}`, { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(415);
  });

  it('allows 10 attempts per 10 minutes per address, failed or not, then 429 with Retry-After; other addresses still may', async () => {
    const address = { 'X-Forwarded-For': '203.0.113.7' };
    for (let i = 0; i < 10; i++) {
      const reply = await signIn(c, i % 2 ? { password: 'not the password' } : { token: TOKEN }, address);
      expect(reply.status, `attempt ${i + 1}`).toBe(i % 2 ? 401 : 200);
      time.advance(1000);
    }
    const refused = await signIn(c, { token: TOKEN }, address);
    expect(refused.status).toBe(429);
    expect(refused.headers.getSetCookie()).toEqual([]);
    // The first attempt leaves the window 10 minutes after it was made: 590 s from now.
    expect(refused.headers.get('retry-after')).toBe('590');
    expect(refused.json.error).toMatch(/^too many sign-in attempts/);
    expect((await signIn(c, { token: TOKEN }, { 'X-Forwarded-For': '203.0.113.8' })).status).toBe(200);
    time.advance(590_000);
    expect((await signIn(c, { token: TOKEN }, address)).status).toBe(200);
    expect((await signIn(c, { token: TOKEN }, address)).status).toBe(429);
  });

  it('never lets another origin use the session endpoints with credentials: no Access-Control-Allow-Credentials', async () => {
    const open = await startCollector({ adminToken: TOKEN, origins: ['https://shop.example'] });
    try {
      for (const origin of ['https://shop.example', open.url]) {
        const preflight = await fetch(`${open.url}/api/session`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } });
        expect(preflight.status).toBe(204);
        expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
        const replies = [
          await open.post('/api/session', { token: TOKEN }, { Origin: origin }),
          await open.get('/api/session', { Origin: origin }),
          await fetch(`${open.url}/api/session`, { method: 'DELETE', headers: { Origin: origin } }),
        ];
        for (const reply of replies) expect(reply.headers.get('access-control-allow-credentials')).toBeNull();
      }
      // A listed origin is trusted to send answers, not to act as the owner.
      expect((await open.post('/api/session', { token: TOKEN }, { Origin: 'https://shop.example' })).status).toBe(403);
    } finally {
      await open.close();
    }
  });
});

describe('which credentials sign in', () => {
  it('with only a token configured: the password way is off, 403 with a one-line reason', async () => {
    const c = await startCollector({ adminToken: TOKEN });
    try {
      const reply = await c.post('/api/session', { password: PASSWORD });
      expect(reply.status).toBe(403);
      expect(reply.json).toEqual({ error: 'signing in with a password is disabled: the collector has no TOUCHPOINT_ADMIN_PASSWORD_HASH' });
      expect((await c.post('/api/session', { token: TOKEN })).status).toBe(200);
    } finally {
      await c.close();
    }
  });

  it('with only a password hash configured: the token way is off, and Bearer never admits anyone', async () => {
    const c = await startCollector({ adminPasswordHash: passwordHash });
    try {
      const reply = await c.post('/api/session', { token: TOKEN });
      expect(reply.status).toBe(403);
      expect(reply.json).toEqual({ error: 'signing in with a token is disabled: the collector has no TOUCHPOINT_ADMIN_TOKEN' });
      const answer = makeAnswer();
      await c.post('/api/feedback', answer);
      expect((await c.post(`/api/feedback/${answer.id}/reply`, { text: 'x' }, { Authorization: `Bearer ${TOKEN}` })).status).toBe(401);
      const cookie = setCookieOf(await c.post('/api/session', { password: PASSWORD }));
      expect((await c.post(`/api/feedback/${answer.id}/reply`, { text: 'With the password.' }, asOwner(cookie, c.url))).status).toBe(200);
    } finally {
      await c.close();
    }
  });

  it('with neither: owner actions and signing in are off', async () => {
    const c = await startCollector({});
    try {
      for (const body of [{ token: TOKEN }, { password: PASSWORD }]) expect((await c.post('/api/session', body)).status).toBe(403);
      const reply = await c.post(`/api/feedback/${makeAnswer().id}/reply`, { text: 'x' }, { Authorization: `Bearer ${TOKEN}` });
      expect(reply.status).toBe(403);
      expect(reply.json.error).toMatch(/disabled/);
    } finally {
      await c.close();
    }
  });

  it('refuses to start with a password hash it could never verify', () => {
    expect(() => createCollector({ dbPath: '/nonexistent/never/created.db', adminPasswordHash: 'correct horse battery staple' })).toThrow(
      /adminPasswordHash must be a hash printed by `touchpoint-cx hash-password`/,
    );
  });
});
