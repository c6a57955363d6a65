import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { makeAnswer } from '../fixtures/answers.js';
import { asItem, startCollector, type Running } from './lib.js';

let c: Running;
beforeAll(async () => (c = await startCollector()));
afterAll(() => c.close());

/** An error body: one line, no stack trace. */
function expectError(reply: { json: unknown; text: string }, field?: string) {
  const { error } = reply.json as { error: string };
  expect(typeof error).toBe('string');
  expect(error).not.toMatch(/\n|\bat .+:\d+:\d+/);
  if (field) expect(error.startsWith(`${field}: `)).toBe(true);
  return error;
}

describe('POST /api/feedback, one answer', () => {
  it('stores a valid answer and acknowledges it once committed', async () => {
    const answer = makeAnswer({ touchpoint: 'single-ok' });
    const reply = await c.post('/api/feedback', answer, { 'Idempotency-Key': answer.id });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect(await c.all('&touchpoint=single-ok')).toEqual([asItem(answer)]);
  });

  it('counts a repeated id as a duplicate and keeps the first copy', async () => {
    const answer = makeAnswer({ touchpoint: 'single-dup', comment: 'first' });
    expect((await c.post('/api/feedback', answer)).json).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const again = await c.post('/api/feedback', { ...answer, comment: 'second' });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    // UUIDs are case-insensitive: the same id in capitals is the same answer.
    const shouted = await c.post('/api/feedback', { ...answer, id: answer.id.toUpperCase() });
    expect(shouted.json).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    expect(await c.all('&touchpoint=single-dup')).toEqual([asItem(answer)]);
  });

  it('accepts hard and unhappy answers, 5-point answers and comment-only answers alike', async () => {
    const answers = [
      makeAnswer({ touchpoint: 'single-kinds', effort: 1, emotion: 'frustrated', comment: 'Awful.' }),
      makeAnswer({ touchpoint: 'single-kinds', effort: 5, effortScale: 5, emotion: null, comment: null }),
      makeAnswer({ touchpoint: 'single-kinds', effort: null, emotion: null, comment: 'Just a comment', lang: 'es' }),
    ];
    for (const a of answers) expect((await c.post('/api/feedback', a)).status).toBe(200);
    expect(await c.all('&touchpoint=single-kinds')).toHaveLength(3);
  });

  const HOUR = 3_600_000;
  const invalid: [string, string, (a: Answer) => unknown][] = [
    ['id', 'not a UUID', (a) => ({ ...a, id: 'order-42' })],
    ['v', 'another schema version', (a) => ({ ...a, v: 2 })],
    ['touchpoint', 'spaces in the touchpoint', (a) => ({ ...a, touchpoint: 'check out' })],
    ['touchpoint', 'a 65-character touchpoint', (a) => ({ ...a, touchpoint: 'x'.repeat(65) })],
    ['journey', 'a journey that is not a UUID', (a) => ({ ...a, journey: 'j-1' })],
    ['effortScale', 'a 10-point scale', (a) => ({ ...a, effortScale: 10 })],
    ['effort', 'effort 6 on the 5-point scale', (a) => ({ ...a, effortScale: 5, effort: 6 })],
    ['effort', 'effort 0', (a) => ({ ...a, effort: 0 })],
    ['effort', 'a fractional effort', (a) => ({ ...a, effort: 2.5 })],
    ['effort', 'effort as a string', (a) => ({ ...a, effort: '3' })],
    ['emotion', 'an unknown emotion', (a) => ({ ...a, emotion: 'happy' })],
    ['emotion', 'a missing emotion', ({ emotion: _, ...a }) => a],
    ['comment', 'a 1001-character comment', (a) => ({ ...a, comment: 'x'.repeat(1001) })],
    ['answer', 'nothing answered', (a) => ({ ...a, effort: null, emotion: null, comment: '   ' })],
    ['page', 'a page with a query', (a) => ({ ...a, page: 'https://shop.example/cart?coupon=1' })],
    ['page', 'a non-http page', (a) => ({ ...a, page: 'ftp://shop.example/' })],
    ['lang', 'Japanese, which Touchpoint does not speak', (a) => ({ ...a, lang: 'ja' })],
    ['createdAt', 'a time that is not ISO 8601 UTC', (a) => ({ ...a, createdAt: '20/11/2026 10:00' })],
    ['createdAt', 'the 31st of February', (a) => ({ ...a, createdAt: '2026-02-31T00:00:00Z' })],
    ['createdAt', 'the hour 24', (a) => ({ ...a, createdAt: '2026-01-01T24:00:00Z' })],
    ['createdAt', 'a time 25 hours ahead', (a) => ({ ...a, createdAt: new Date(Date.now() + 25 * HOUR).toISOString() })],
    ['context', 'a context that is a string', (a) => ({ ...a, context: 'after' })],
    ['context', 'an upper-case context key', (a) => ({ ...a, context: { Stage: 'after' } })],
    ['context.stage', 'a number in the context', (a) => ({ ...a, context: { stage: 2 } })],
    ['extra', 'a field outside the schema', (a) => ({ ...a, extra: true })],
  ];

  it.each(invalid)('refuses %s (%s) with 422 "field: reason" and stores nothing', async (field, _, spoil) => {
    const answer = makeAnswer({ touchpoint: 'single-invalid' });
    const reply = await c.post('/api/feedback', spoil(answer));
    expect(reply.status).toBe(422);
    expectError(reply, field);
    expect(await c.all('&touchpoint=single-invalid')).toEqual([]);
    // The same answer without the fault goes in: the refusal was about that field only.
    expect((await c.post('/api/feedback', { ...answer, touchpoint: 'single-fixed' })).status).toBe(200);
  });

  it('keeps an error quoting what was sent to one short line', async () => {
    const reply = await c.post('/api/feedback', { ...makeAnswer(), [`bad\n${'x'.repeat(5000)}`]: 1 });
    expect(reply.status).toBe(422);
    const error = expectError(reply);
    expect(error).toMatch(/^bad x+: unknown field$/);
    expect(error.length).toBeLessThanOrEqual(100);
    const batch = await c.post('/api/feedback', { events: [{ ...makeAnswer(), 'a\u2028b': 1 }] });
    expect(batch.json.rejected[0].error).toBe('a b: unknown field');
  });

  it.each(['en', 'es', 'fr', 'de', 'pt', 'it', 'ca', 'nl', 'ar'])('accepts an answer asked in %s', async (lang) => {
    const answer = makeAnswer({ lang: lang as Answer['lang'], touchpoint: `lang-${lang}` });
    expect((await c.post('/api/feedback', answer)).status).toBe(200);
    expect((await c.all(`&touchpoint=lang-${lang}`)).map((a: Answer) => a.lang)).toEqual([lang]);
  });

  it('accepts createdAt up to a day ahead (client clocks drift)', async () => {
    const answer = makeAnswer({ createdAt: new Date(Date.now() + 23 * HOUR).toISOString() });
    expect((await c.post('/api/feedback', answer)).status).toBe(200);
  });

  it('answers 400 to a body that is not JSON', async () => {
    const reply = await c.post('/api/feedback', '{"id": "abc",');
    expect(reply.status).toBe(400);
    expect(expectError(reply)).toMatch(/JSON/);
  });

  it.each([
    ['an array', '[{"id":"x"}]'],
    ['a string', '"answer"'],
    ['null', 'null'],
    ['an empty batch', '{"events":[]}'],
    ['events that are not a list', '{"events":{"id":"x"}}'],
  ])('answers 400 to %s', async (_, body) => {
    const reply = await c.post('/api/feedback', body);
    expect(reply.status).toBe(400);
    expectError(reply);
  });

  it('answers 415 to a body that is not declared as JSON, and stores nothing', async () => {
    const answer = makeAnswer({ touchpoint: 'single-415' });
    const form = await c.post('/api/feedback', answer, { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect((await c.post('/api/feedback', answer, { 'Content-Type': 'application/json; charset=utf-8' })).status).toBe(200);
  });
});

describe('POST /api/feedback from the widget in no-preflight mode', () => {
  it('takes JSON sent as text/plain;charset=UTF-8 (a CORS simple request), once per id', async () => {
    const answer = makeAnswer({ touchpoint: 'no-preflight' });
    const plain = await c.post('/api/feedback', answer, { 'Content-Type': 'text/plain;charset=UTF-8' });
    expect(plain.json).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    expect((await c.post('/api/feedback', answer, { 'Content-Type': 'text/plain' })).json).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    expect((await c.post('/api/feedback', answer, { 'Content-Type': 'text/plain; charset=latin1' })).status).toBe(415);
  });
});

describe('POST /api/feedback, batches', () => {
  it('stores the valid answers of a mixed batch and lists each refusal', async () => {
    const stored = makeAnswer({ touchpoint: 'batch-mixed' });
    await c.post('/api/feedback', stored);
    const good = [1, 2, 3].map((i) => makeAnswer({ touchpoint: 'batch-mixed', comment: `good ${i}` }));
    const badEmotion = makeAnswer({ touchpoint: 'batch-mixed', emotion: 'meh' as never });
    const events = [good[0], badEmotion, good[1], 'not an answer', good[2], good[0], stored];
    const reply = await c.post('/api/feedback', { events });
    expect(reply.status).toBe(200);
    expect(reply.json.accepted).toBe(3);
    expect(reply.json.duplicates).toBe(2);
    expect(reply.json.rejected).toEqual([
      { id: badEmotion.id, index: 1, error: expect.stringMatching(/^emotion: /) },
      { id: null, index: 3, error: expect.stringMatching(/^answer: /) },
    ]);
    const feed = await c.all('&touchpoint=batch-mixed');
    expect(feed.map((i) => i.id).sort()).toEqual([stored, ...good].map((a) => a.id).sort());
  });

  it('answers 200 even when every answer in the batch is refused', async () => {
    const reply = await c.post('/api/feedback', { events: [{ id: randomUUID() }, 42] });
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ accepted: 0, duplicates: 0 });
    expect(reply.json.rejected).toHaveLength(2);
  });

  it('takes 100 answers in one request', async () => {
    const events = Array.from({ length: 100 }, () => makeAnswer({ touchpoint: 'batch-100', comment: null }));
    const reply = await c.post('/api/feedback', { events });
    expect(reply.json).toEqual({ accepted: 100, duplicates: 0, rejected: [] });
  });

  it('answers 413 to more than 100 answers, and stores none of them', async () => {
    const events = Array.from({ length: 101 }, () => makeAnswer({ touchpoint: 'batch-101', comment: null }));
    const reply = await c.post('/api/feedback', { events });
    expect(reply.status).toBe(413);
    expectError(reply, 'events');
    expect(await c.all('&touchpoint=batch-101')).toEqual([]);
  });

  it('answers 413 to a body over 64 KB, and stores none of it', async () => {
    const events = Array.from({ length: 80 }, () => makeAnswer({ touchpoint: 'batch-large', comment: 'é'.repeat(500) }));
    const body = JSON.stringify({ events });
    expect(Buffer.byteLength(body)).toBeGreaterThan(65_536);
    const reply = await c.post('/api/feedback', body);
    expect(reply.status).toBe(413);
    expectError(reply);
    expect(await c.all('&touchpoint=batch-large')).toEqual([]);
    // The collector is still there for the next request.
    expect((await c.post('/api/feedback', { events: events.slice(0, 10) })).json.accepted).toBe(10);
  });
});

describe('routes', () => {
  it('answers 404 in JSON to an unknown API route', async () => {
    const reply = await c.get('/api/answers');
    expect(reply.status).toBe(404);
    expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    expectError(reply);
  });

  it('answers 405 with Allow to a wrong method', async () => {
    const reply = await fetch(`${c.url}/api/feedback`, { method: 'DELETE' });
    expect(reply.status).toBe(405);
    expect(reply.headers.get('allow')).toBe('GET, POST, PATCH');
    expect(typeof (await reply.json()).error).toBe('string');
    const summary = await c.post('/api/summary', {});
    expect(summary.status).toBe(405);
    expect(summary.headers.get('allow')).toBe('GET');
  });

  it('logged no unexpected errors', () => {
    expect(c.logs).toEqual([]);
  });
});
