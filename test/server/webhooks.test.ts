import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPrivateAddress } from '../../src/server/outbox/private-address.js';
import { send } from '../../src/server/outbox/send.js';
import { makeAnswer } from '../fixtures/answers.js';
import { bothEngines } from './engines.js';
import { startCollector, type Reply, type Running, request } from './lib.js';

/**
 * Webhooks on both engines: the owner's API, Standard Webhooks signatures checked with the
 * specification's reference library (not the collector's code), filters, Slack messages that
 * never carry a withheld comment, moments of truth, the daily digest, retries on a moved clock,
 * giving up after 24 h and redelivering.
 */
const { engines: ENGINES, freshDatabase } = bothEngines('webhooks');

const TOKEN = 'webhook-owner-token';
const owner = { Authorization: `Bearer ${TOKEN}` };

const call = (c: Running, method: string, path: string, body?: unknown, headers: Record<string, string> = owner): Promise<Reply> => request(c, method, path, body, headers);

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 that answers each request with what `respond` says (default 204). */
async function receiver(respond: (r: Received, n: number) => number | 'reset' = () => 204) {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (c) => (body += c));
    req.on('end', () => {
      const r = { headers: req.headers, body };
      got.push(r);
      const answer = respond(r, got.length);
      if (answer === 'reset') return void req.socket.destroy();
      res.writeHead(answer, answer === 429 ? { 'Retry-After': '1' } : {}).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    got,
    events: () => got.map((r) => JSON.parse(r.body)),
    close: () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done()))),
  };
}

/** A clock the test moves forward; the collector's dispatcher and digest read it. */
function clock(start = Date.now()) {
  let offset = start - Date.now();
  return { now: () => Date.now() + offset, forward: (ms: number) => void (offset += ms) };
}

describe.each(ENGINES)('%s webhooks', (_engine, options) => {
  let c: Running;
  const time = clock();
  beforeAll(async () => {
    c = await startCollector({ ...(await options()), adminToken: TOKEN, webhookAllowPrivate: true, webhookPollMs: 50, now: time.now, publicUrl: undefined });
  }, 60_000);
  afterAll(() => c?.close());

  it('manages targets for the owner only: the secret is shown once, bad input is refused in one line', async () => {
    expect((await call(c, 'GET', '/api/webhooks', undefined, {})).status).toBe(401);
    expect((await call(c, 'POST', '/api/webhooks', { url: 'https://example.com/h', events: ['answer.created'] }, {})).status).toBe(401);
    const created = await call(c, 'POST', '/api/webhooks', { url: 'https://example.com/h', events: ['answer.created'] });
    expect(created.status, created.text).toBe(201);
    expect(created.json).toMatchObject({ url: 'https://example.com/h', events: ['answer.created'], format: 'standard', filter: 'all' });
    expect(created.json.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const listed = await call(c, 'GET', '/api/webhooks');
    expect(listed.json.items).toEqual([{ id: created.json.id, url: 'https://example.com/h', events: ['answer.created'], format: 'standard', filter: 'all', createdAt: created.json.createdAt }]);
    expect(listed.text).not.toContain(created.json.secret);
    const changed = await call(c, 'PATCH', `/api/webhooks/${created.json.id}`, { filter: 'hard', format: 'slack' });
    expect(changed.json).toMatchObject({ filter: 'hard', format: 'slack' });
    expect(changed.text).not.toContain('whsec_');
    for (const [body, status] of [
      [{ url: 'ftp://example.com', events: ['answer.created'] }, 422],
      [{ url: 'https://user:pw@example.com', events: ['answer.created'] }, 422],
      [{ url: 'https://example.com', events: [] }, 422],
      [{ url: 'https://example.com', events: ['answer.deleted'] }, 422],
      [{ url: 'https://example.com', events: ['answer.created'], format: 'xml' }, 422],
      [{ url: 'https://example.com', events: ['answer.created'], filter: 'angry' }, 422],
      [{ url: 'https://example.com', events: ['answer.created'], secret: 'mine' }, 400],
    ] as const) {
      const reply = await call(c, 'POST', '/api/webhooks', body);
      expect(reply.status, JSON.stringify(body)).toBe(status);
      expect(reply.json.error).not.toContain('\n');
    }
    expect((await call(c, 'DELETE', `/api/webhooks/${created.json.id}`)).status).toBe(204);
    expect((await call(c, 'DELETE', `/api/webhooks/${created.json.id}`)).status).toBe(404);
    expect((await call(c, 'PATCH', `/api/webhooks/${randomUUID()}`, { filter: 'all' })).status).toBe(404);
  });

  it('signs every event as Standard Webhooks says, verified by its reference library, and sends hard ones only when asked', async () => {
    const all = await receiver();
    const hard = await receiver();
    try {
      const a = (await call(c, 'POST', '/api/webhooks', { url: all.url, events: ['answer.created'] })).json;
      const h = (await call(c, 'POST', '/api/webhooks', { url: hard.url, events: ['answer.created'], filter: 'hard' })).json;
      const easy = makeAnswer({ effort: 7, emotion: 'delighted' });
      const rough = makeAnswer({ effort: 2, emotion: 'satisfied', comment: 'Took ages.' });
      const sad = makeAnswer({ effort: null, emotion: 'disappointed', comment: null });
      await c.post('/api/feedback', { events: [easy, rough, sad] });
      await expect.poll(() => all.got.length, { timeout: 10_000 }).toBe(3);
      await expect.poll(() => hard.got.length, { timeout: 10_000 }).toBe(2);
      for (const [r, target] of [...all.got.map((g) => [g, a] as const), ...hard.got.map((g) => [g, h] as const)]) {
        const verified = new Webhook(target.secret).verify(r.body, r.headers as Record<string, string>);
        expect(verified).toMatchObject({ type: 'answer.created' });
        expect(r.headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
        expect(() => new Webhook(a.id === target.id ? h.secret : a.secret).verify(r.body, r.headers as Record<string, string>)).toThrow();
      }
      expect(all.events().map((e) => e.data.answer.id).sort()).toEqual([easy.id, rough.id, sad.id].sort());
      expect(hard.events().map((e) => e.data.answer.id).sort()).toEqual([rough.id, sad.id].sort());
      expect(all.events().find((e) => e.data.answer.id === rough.id)).toMatchObject({ type: 'answer.created', timestamp: expect.any(String), data: { hard: true, answer: rough } });
      await call(c, 'DELETE', `/api/webhooks/${a.id}`);
      await call(c, 'DELETE', `/api/webhooks/${h.id}`);
    } finally {
      await all.close();
      await hard.close();
    }
  });

  it('retries failures with backoff, honours Retry-After, keeps the webhook-id, and gives up after 24 h until redelivered', async () => {
    let failing = true;
    const r = await receiver((_, n) => (failing ? (n === 1 ? 500 : n === 2 ? 429 : 'reset') : 200));
    try {
      const t = (await call(c, 'POST', '/api/webhooks', { url: r.url, events: ['answer.created'] })).json;
      const answer = makeAnswer();
      await c.post('/api/feedback', answer);
      await expect.poll(() => r.got.length, { timeout: 10_000 }).toBe(1);
      const deliveries = async () => (await call(c, 'GET', `/api/webhooks/${t.id}/deliveries`)).json.items;
      await expect.poll(async () => (await deliveries())[0]?.lastStatus, { timeout: 10_000 }).toBe(500);
      const [first] = await deliveries();
      expect(first).toMatchObject({ state: 'pending', attempts: 1, type: 'answer.created', lastError: 'HTTP 500' });
      // The first retry waits about 5 s (±20 %): not before 4 s.
      const wait = Date.parse(first.nextAttemptAt) - Date.parse(first.lastAttemptAt);
      expect(wait).toBeGreaterThanOrEqual(4000);
      expect(wait).toBeLessThanOrEqual(6000);
      time.forward(6000);
      await expect.poll(() => r.got.length, { timeout: 10_000 }).toBe(2);
      await expect.poll(async () => (await deliveries())[0].lastStatus, { timeout: 10_000 }).toBe(429);
      time.forward(40_000);
      await expect.poll(() => r.got.length, { timeout: 10_000 }).toBe(3);
      await expect.poll(async () => (await deliveries())[0].attempts, { timeout: 10_000 }).toBe(3);
      expect(new Set(r.got.map((g) => g.headers['webhook-id'])).size).toBe(1);
      // A day later, one more failure and it is given up; the owner sees it and sends it again.
      time.forward(25 * 3_600_000);
      await expect.poll(async () => (await deliveries())[0].state, { timeout: 10_000 }).toBe('failed');
      const [failed] = await deliveries();
      expect(failed.nextAttemptAt).toBeNull();
      failing = false;
      expect((await call(c, 'POST', `/api/webhooks/${t.id}/deliveries/${failed.id}/redeliver`)).status).toBe(202);
      await expect.poll(async () => (await deliveries())[0].state, { timeout: 10_000 }).toBe('delivered');
      expect(new Set(r.got.map((g) => g.headers['webhook-id'])).size).toBe(1);
      expect((await call(c, 'POST', `/api/webhooks/${t.id}/deliveries/999999/redeliver`)).status).toBe(404);
      await call(c, 'DELETE', `/api/webhooks/${t.id}`);
    } finally {
      await r.close();
    }
  });

  it('sends a test event on demand and says how it went', async () => {
    const r = await receiver();
    try {
      const t = (await call(c, 'POST', '/api/webhooks', { url: r.url, events: ['digest.daily'] })).json;
      const test = await call(c, 'POST', `/api/webhooks/${t.id}/test`);
      expect(test.status, test.text).toBe(200);
      expect(test.json).toMatchObject({ delivered: true, status: 204 });
      expect(new Webhook(t.secret).verify(r.got[0].body, r.got[0].headers as Record<string, string>)).toMatchObject({ type: 'webhook.test' });
      expect((await call(c, 'POST', `/api/webhooks/${randomUUID()}/test`)).status).toBe(404);
      await call(c, 'DELETE', `/api/webhooks/${t.id}`);
    } finally {
      await r.close();
    }
  });

  it('posts Slack messages that never carry a comment withheld from the wall', async () => {
    let fail = true;
    const r = await receiver(() => (fail ? 500 : 200));
    try {
      const t = (await call(c, 'POST', '/api/webhooks', { url: r.url, events: ['answer.created'], format: 'slack' })).json;
      const answer = makeAnswer({ touchpoint: 'delivery', effort: 1, emotion: 'frustrated', comment: 'Juan Pérez, Calle Mayor 5 <!channel>' });
      await c.post('/api/feedback', answer);
      await expect.poll(() => r.got.length, { timeout: 10_000 }).toBe(1);
      const first = JSON.parse(r.got[0].body);
      expect(first.text).toContain('*delivery*');
      expect(first.text).toContain('very difficult, frustrated');
      expect(r.got[0].body).toContain('Juan Pérez, Calle Mayor 5 &lt;!channel&gt;');
      expect(r.got[0].headers['webhook-signature']).toBeUndefined();
      // Withheld before the retry: the next message says so and holds none of it.
      await call(c, 'PATCH', `/api/feedback/${answer.id}`, { withheld: { reason: 'personal-data' } });
      fail = false;
      time.forward(6000);
      await expect.poll(() => r.got.length, { timeout: 10_000 }).toBe(2);
      expect(r.got[1].body).not.toContain('Juan');
      expect(r.got[1].body).toContain('Comment withheld from the wall');
      await call(c, 'DELETE', `/api/webhooks/${t.id}`);
    } finally {
      await r.close();
    }
  });

  it('tells when a notice is created, updated and resolved, each committed with the change', async () => {
    const r = await receiver();
    try {
      const t = (await call(c, 'POST', '/api/webhooks', { url: r.url, events: ['notice.created', 'notice.updated', 'notice.resolved'] })).json;
      const created = await call(c, 'POST', '/api/notices', { severity: 'major', title: { en: 'Deliveries delayed', es: 'Entregas con retraso' }, body: 'A cold wave stopped the trucks.', touchpoints: ['delivery'] });
      expect(created.status, created.text).toBe(201);
      const id = created.json.id;
      expect((await call(c, 'POST', `/api/notices/${id}/updates`, { body: 'Trucks are moving again.' })).status).toBe(201);
      expect((await call(c, 'POST', `/api/notices/${id}/updates`, { body: 'All delivered.', resolve: true })).status).toBe(201);
      // A refused change sends nothing.
      expect((await call(c, 'POST', `/api/notices/${id}/updates`, { body: 'Again?' })).status).toBeGreaterThanOrEqual(400);
      await expect.poll(() => r.events().map((e) => e.type).sort(), { timeout: 10_000 }).toEqual(['notice.created', 'notice.resolved', 'notice.updated']);
      const byType = Object.fromEntries(r.events().map((e) => [e.type, e.data.notice]));
      expect(byType['notice.created']).toMatchObject({ id, severity: 'major', updates: [], resolvedAt: null });
      expect(byType['notice.updated'].updates).toHaveLength(1);
      expect(byType['notice.resolved'].resolvedAt).toEqual(expect.any(String));
      for (const g of r.got) expect(new Webhook(t.secret).verify(g.body, g.headers as Record<string, string>)).toBeTruthy();
      await call(c, 'DELETE', `/api/webhooks/${t.id}`);
    } finally {
      await r.close();
    }
  });

  it('tells when a touchpoint becomes a moment of truth and when it stops being one', async () => {
    const r = await receiver();
    try {
      const t = (await call(c, 'POST', '/api/webhooks', { url: r.url, events: ['moment_of_truth.started', 'moment_of_truth.ended'] })).json;
      const at = new Date().toISOString();
      const hard = Array.from({ length: 12 }, () => makeAnswer({ touchpoint: 'returns', effort: 1, emotion: 'frustrated', createdAt: at }));
      await c.post('/api/feedback', { events: hard });
      await expect.poll(() => r.events().map((e) => e.type), { timeout: 10_000 }).toEqual(['moment_of_truth.started']);
      expect(r.events()[0].data).toMatchObject({ touchpoint: 'returns', count: 12, easyShare: 0 });
      const easy = Array.from({ length: 60 }, () => makeAnswer({ touchpoint: 'returns', effort: 7, emotion: 'delighted', createdAt: at }));
      await c.post('/api/feedback', { events: easy });
      await expect.poll(() => r.events().map((e) => e.type), { timeout: 10_000 }).toEqual(['moment_of_truth.started', 'moment_of_truth.ended']);
      // More of the same changes nothing.
      await c.post('/api/feedback', makeAnswer({ touchpoint: 'returns', effort: 7, createdAt: at }));
      const test = await call(c, 'POST', `/api/webhooks/${t.id}/test`);
      expect(test.json.delivered).toBe(true);
      expect(r.events().map((e) => e.type)).toEqual(['moment_of_truth.started', 'moment_of_truth.ended', 'webhook.test']);
      await call(c, 'DELETE', `/api/webhooks/${t.id}`);
    } finally {
      await r.close();
    }
  });
});

describe('answers and their events', () => {
  it('link into the inbox at the public URL, and are forgotten with their journey before they went out', async () => {
    const c = await startCollector({ adminToken: TOKEN, webhookAllowPrivate: true, webhookPollMs: 50, publicUrl: 'https://feedback.example.com' });
    let up = true;
    const r = await receiver(() => (up ? 204 : 503));
    try {
      const t = (await call(c, 'POST', '/api/webhooks', { url: r.url, events: ['answer.created'] })).json;
      const a = makeAnswer();
      await c.post('/api/feedback', a);
      await expect.poll(() => r.got.length, { timeout: 10_000 }).toBe(1);
      expect(r.events()[0].data.inboxUrl).toBe(`https://feedback.example.com/admin#answer=${a.id}`);
      expect(new Webhook(t.secret).verify(r.got[0].body, r.got[0].headers as Record<string, string>)).toMatchObject({ data: { answer: a } });
      // The receiver is down: the next answer's event waits for a retry; then the customer asks to be forgotten.
      up = false;
      const b = makeAnswer({ journey: randomUUID(), comment: 'Forget me' });
      await c.post('/api/feedback', b);
      const deliveries = async () => (await call(c, 'GET', `/api/webhooks/${t.id}/deliveries`)).json.items;
      await expect.poll(async () => (await deliveries())[0]?.lastStatus, { timeout: 10_000 }).toBe(503);
      expect((await call(c, 'DELETE', `/api/journeys/${b.journey}`, undefined, {})).json).toEqual({ deleted: 1 });
      expect((await deliveries()).map((d: { state: string }) => d.state)).toEqual(['delivered']);
    } finally {
      await c.close();
      await r.close();
    }
  });
});

describe('the daily digest', () => {
  it('goes out once a day at the hour set, however many collectors run, without withheld comments', async () => {
    const databaseUrl = await freshDatabase();
    // 08:30 UTC today: past the digest hour (8).
    const today = new Date();
    const time = clock(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 8, 30));
    const r = await receiver();
    const first = await startCollector({ databaseUrl, adminToken: TOKEN, webhookAllowPrivate: true, webhookPollMs: 50, now: time.now, digestHour: 8 });
    try {
      const t = (await call(first, 'POST', '/api/webhooks', { url: r.url, events: ['digest.daily'] })).json;
      const yesterday = new Date(time.now() - 6 * 3_600_000).toISOString();
      const secret = makeAnswer({ touchpoint: 'delivery', effort: 1, emotion: 'frustrated', comment: 'My neighbour Ana García got my parcel', createdAt: yesterday });
      const shown = makeAnswer({ touchpoint: 'delivery', effort: 2, emotion: 'frustrated', comment: 'Three days late', createdAt: yesterday });
      await first.post('/api/feedback', { events: [secret, shown, makeAnswer({ touchpoint: 'checkout', createdAt: yesterday })] });
      await call(first, 'PATCH', `/api/feedback/${secret.id}`, { withheld: { reason: 'personal-data' } });
      // Three collectors look at once (each on start): one digest.
      const others = await Promise.all([1, 2].map(() => startCollector({ databaseUrl, adminToken: TOKEN, webhookAllowPrivate: true, webhookPollMs: 50, now: time.now, digestHour: 8 })));
      try {
        await expect.poll(() => r.got.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
        const digest = new Webhook(t.secret).verify(r.got[0].body, r.got[0].headers as Record<string, string>) as any;
        expect(digest.type).toBe('digest.daily');
        // Answers at one millisecond: touchpoints in the order of their first answer's id.
        expect(digest.data.touchpoints.map((x: { touchpoint: string; count: number }) => [x.touchpoint, x.count]).sort()).toEqual([['checkout', 1], ['delivery', 2]]);
        expect(digest.data.worst.map((w: { comment: string }) => w.comment)).toEqual(['Three days late']);
        expect(r.got[0].body).not.toContain('Ana García');
        // Another collector starting later the same day sends none.
        const late = await startCollector({ databaseUrl, adminToken: TOKEN, webhookAllowPrivate: true, webhookPollMs: 50, now: time.now, digestHour: 8 });
        await call(late, 'POST', `/api/webhooks/${t.id}/test`);
        expect(r.events().map((e) => e.type)).toEqual(['digest.daily', 'webhook.test']);
        await late.close();
      } finally {
        await Promise.all(others.map((o) => o.close()));
      }
    } finally {
      await first.close();
      await r.close();
    }
  });
});

describe('private addresses', () => {
  it('are refused as targets unless TOUCHPOINT_WEBHOOK_ALLOW_PRIVATE=1', async () => {
    const c = await startCollector({ adminToken: TOKEN });
    try {
      for (const url of ['http://127.0.0.1/h', 'http://localhost:8080/h', 'http://[::1]/h', 'http://10.1.2.3/h', 'http://169.254.169.254/latest', 'http://[::ffff:192.168.1.1]/h', 'http://app.localhost/h']) {
        const reply = await call(c, 'POST', '/api/webhooks', { url, events: ['answer.created'] });
        expect(reply.status, url).toBe(422);
        expect(reply.json.error).toContain('TOUCHPOINT_WEBHOOK_ALLOW_PRIVATE=1');
      }
      expect((await call(c, 'POST', '/api/webhooks', { url: 'https://93.184.215.14/h', events: ['answer.created'] })).status).toBe(201);
    } finally {
      await c.close();
    }
    for (const ip of ['127.0.0.1', '10.0.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['93.184.215.14', '172.32.0.1', '8.8.8.8', '2606:4700::1111']) expect(isPrivateAddress(ip), ip).toBe(false);
  });

  it('are refused at connection time too, whatever name resolves to them', async () => {
    const r = await receiver();
    try {
      const port = new URL(r.url).port;
      const result = await send(`http://localhost:${port}/hook`, '{}', {});
      expect(result).toMatchObject({ ok: false, status: null });
      expect(result.error).toContain('private address');
      expect(r.got).toHaveLength(0);
      expect(await send(`http://localhost:${port}/hook`, '{}', {}, { allowPrivate: true })).toMatchObject({ ok: true, status: 204 });
    } finally {
      await r.close();
    }
  });
});
