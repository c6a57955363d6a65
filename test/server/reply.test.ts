import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAnswer } from '../fixtures/answers.js';
import { asItem, startCollector, type Running } from './lib.js';

const TOKEN = 'owner-secret-token';
const owner = { Authorization: `Bearer ${TOKEN}` };

describe('POST /api/feedback/:id/reply', () => {
  let c: Running;
  const answer = makeAnswer({ effort: 2, emotion: 'frustrated', comment: 'The parcel came a week late.' });
  beforeAll(async () => {
    c = await startCollector({ adminToken: TOKEN });
    await c.post('/api/feedback', answer);
  });
  afterAll(() => c.close());

  it('refuses a request without a token, or with the wrong one, with 401', async () => {
    const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer wrong' }, { Authorization: TOKEN }, { Authorization: `Basic ${TOKEN}` }];
    for (const headers of attempts) {
      const reply = await c.post(`/api/feedback/${answer.id}/reply`, { text: 'Sorry!' }, headers);
      expect(reply.status).toBe(401);
      expect(reply.headers.get('www-authenticate')).toBe('Bearer');
      expect(typeof reply.json.error).toBe('string');
    }
    expect((await c.all())[0].reply).toBeNull();
  });

  it('says 401 rather than 404 to a stranger asking about an unknown id', async () => {
    expect((await c.post(`/api/feedback/${randomUUID()}/reply`, { text: 'x' })).status).toBe(401);
  });

  it('stores the owner reply and shows it with the answer in the feed', async () => {
    const reply = await c.post(`/api/feedback/${answer.id}/reply`, { text: '  We are sorry: a courier fell ill. Refund sent.  ' }, owner);
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ ...answer, reply: { text: 'We are sorry: a courier fell ill. Refund sent.', at: expect.any(String), by: 'api', version: 1 } });
    expect(Math.abs(Date.parse(reply.json.reply.at) - Date.now())).toBeLessThan(60_000);
    // The owner got the whole answer back; the public feed shows its public part with the reply.
    const [item] = await c.all();
    expect(item).toEqual({ ...asItem(answer), reply: { text: reply.json.reply.text, at: reply.json.reply.at } });
  });

  it('replaces an earlier reply', async () => {
    await c.post(`/api/feedback/${answer.id}/reply`, { text: 'Second thoughts.' }, owner);
    expect((await c.all())[0].reply?.text).toBe('Second thoughts.');
  });

  it('answers 404 to an unknown answer', async () => {
    const reply = await c.post(`/api/feedback/${randomUUID()}/reply`, { text: 'Hello' }, owner);
    expect(reply.status).toBe(404);
    expect(typeof reply.json.error).toBe('string');
  });

  it.each([
    ['no text', {}],
    ['blank text', { text: '   ' }],
    ['text that is not a string', { text: 42 }],
    ['text over 2000 characters', { text: 'x'.repeat(2001) }],
  ])('answers 422 to %s and keeps the reply as it was', async (_, body) => {
    const reply = await c.post(`/api/feedback/${answer.id}/reply`, body, owner);
    expect(reply.status).toBe(422);
    expect(reply.json.error).toMatch(/^text: /);
    expect((await c.all())[0].reply?.text).toBe('Second thoughts.');
  });

  it('answers 400 to a body that is not JSON and 415 to one not declared as JSON', async () => {
    expect((await c.post(`/api/feedback/${answer.id}/reply`, 'Sorry!', owner)).status).toBe(400);
    expect((await c.post(`/api/feedback/${answer.id}/reply`, { text: 'Sorry!' }, { ...owner, 'Content-Type': 'text/plain' })).status).toBe(415);
  });
});

describe('replies without a configured token', () => {
  let c: Running;
  beforeAll(async () => (c = await startCollector({ adminToken: '' })));
  afterAll(() => c.close());

  it('are disabled: 403, whatever token is sent, and nothing changes', async () => {
    const answer = makeAnswer();
    await c.post('/api/feedback', answer);
    const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer ' }, owner];
    for (const headers of attempts) {
      const reply = await c.post(`/api/feedback/${answer.id}/reply`, { text: 'Sorry!' }, headers);
      expect(reply.status).toBe(403);
      expect(reply.json.error).toMatch(/disabled/);
    }
    expect((await c.all())[0].reply).toBeNull();
  });
});
