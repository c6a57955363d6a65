import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_EVENTS } from '../../src/server/outbox/events.js';
import { makeAnswer } from '../fixtures/answers.js';
import { startPostgres, type Postgres } from '../fixtures/postgres.js';
import { startCollector } from './lib.js';
import { call, clock, receiver, schemaErrors, validators, verifyAll } from './webhook-lib.js';

/**
 * schema/webhooks/<type>.schema.json documents each event's body: every type the collector sends
 * has one, and what it sends matches it (answer events with links into the inbox).
 */
let postgres: Postgres;
beforeAll(async () => {
  postgres = await startPostgres();
}, 120_000);
afterAll(() => postgres?.stop());

const TOKEN = 'webhook-schema-owner';
const PUBLIC = 'https://feedback.example.com';

it('has a schema for every event a target can subscribe to, and for the test event', () => {
  expect([...validators.keys()].sort()).toEqual([...WEBHOOK_EVENTS, 'webhook.test'].sort());
});

it('refuses bodies that are not what the schemas say', () => {
  const answer = makeAnswer();
  const good = { type: 'answer.created', timestamp: new Date().toISOString(), data: { answer, hard: false } };
  expect(schemaErrors(JSON.stringify(good))).toBeNull();
  expect(schemaErrors(JSON.stringify({ ...good, data: { answer } }))).toContain('hard');
  expect(schemaErrors(JSON.stringify({ ...good, data: { answer: { ...answer, effort: 9 }, hard: false } }))).not.toBeNull();
  expect(schemaErrors(JSON.stringify({ ...good, data: { ...good.data, inboxUrl: 'javascript:alert(1)' } }))).not.toBeNull();
  expect(schemaErrors(JSON.stringify({ ...good, type: 'answer.deleted' }))).toContain('no schema');
  expect(schemaErrors(JSON.stringify({ type: 'webhook.test', timestamp: good.timestamp, data: {} }))).toContain('message');
});

describe.each([
  ['SQLite', async () => ({})],
  ['PostgreSQL', async () => ({ databaseUrl: postgres.url })],
] as const)('%s', (_engine, options) => {
  it('sends every event type as its schema says, with links into the inbox when the collector has a public URL', async () => {
    const today = new Date();
    // 08:30 UTC today, past the digest hour (8).
    const time = clock(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 8, 30));
    const settings = { ...(await options()), adminToken: TOKEN, webhookAllowPrivate: true, webhookPollMs: 50, now: time.now, digestHour: 8, publicUrl: PUBLIC };
    const r = await receiver();
    const c = await startCollector(settings);
    try {
      const t = (await call(c.url, TOKEN, 'POST', '/api/webhooks', { url: r.url, events: [...WEBHOOK_EVENTS] })).json;
      const at = new Date(time.now() - 3_600_000).toISOString();
      const hard = Array.from({ length: 12 }, (_, i) => makeAnswer({ touchpoint: 'returns', effort: 1, emotion: 'frustrated', comment: `hard ${i}`, createdAt: at }));
      await c.post('/api/feedback', { events: hard });
      await expect.poll(() => r.got.some((g) => g.body.includes('"moment_of_truth.started"')), { timeout: 10_000 }).toBe(true);
      const easy = Array.from({ length: 60 }, () => makeAnswer({ touchpoint: 'returns', effort: 5, effortScale: 5, emotion: 'delighted', comment: null, createdAt: at }));
      await c.post('/api/feedback', { events: easy });
      await expect.poll(() => r.got.some((g) => g.body.includes('"moment_of_truth.ended"')), { timeout: 10_000 }).toBe(true);
      expect((await call(c.url, TOKEN, 'POST', `/api/webhooks/${t.id}/test`)).json.delivered).toBe(true);
      const notice = await call(c.url, TOKEN, 'POST', '/api/notices', { severity: 'major', title: { en: 'Deliveries delayed', es: 'Entregas con retraso' }, body: 'A cold wave stopped the trucks.', touchpoints: ['returns'] });
      expect(notice.status, notice.text).toBe(201);
      expect((await call(c.url, TOKEN, 'POST', `/api/notices/${notice.json.id}/updates`, { body: 'Trucks are moving again.' })).status).toBe(201);
      expect((await call(c.url, TOKEN, 'POST', `/api/notices/${notice.json.id}/updates`, { body: { en: 'All delivered.' }, resolve: true })).status).toBe(201);
      await expect.poll(() => r.got.filter((g) => g.body.includes('"notice.')).length, { timeout: 10_000 }).toBe(3);
      // The digest: a collector looks when it starts (the target exists now) and writes the day's one.
      const other = await startCollector({ ...settings, ...(!('databaseUrl' in settings) && { dbPath: c.dbPath }) });
      try {
        await expect.poll(() => r.got.some((g) => g.body.includes('"digest.daily"')), { timeout: 10_000 }).toBe(true);
      } finally {
        await other.close();
      }
      await expect.poll(() => r.got.filter((g) => g.body.includes('"answer.created"')).length, { timeout: 10_000 }).toBe(72);

      const events = [...verifyAll(r.got, t.secret).values()];
      expect(new Set(events.map((e) => e.type))).toEqual(new Set([...WEBHOOK_EVENTS, 'webhook.test']));
      for (const e of events.filter((x) => x.type === 'answer.created')) expect(e.data.inboxUrl).toBe(`${PUBLIC}/admin#answer=${encodeURIComponent(e.data.answer.id.toLowerCase())}`);
      const digest = events.find((e) => e.type === 'digest.daily');
      expect(digest.data.touchpoints).toEqual([expect.objectContaining({ touchpoint: 'returns', count: 72 })]);
      expect(digest.data.worst).toHaveLength(5);
      for (const w of digest.data.worst) expect(w.inboxUrl).toBe(`${PUBLIC}/admin#answer=${encodeURIComponent(w.id)}`);
      await call(c.url, TOKEN, 'DELETE', `/api/webhooks/${t.id}`);
    } finally {
      await c.close();
      await r.close();
    }
  });
});
