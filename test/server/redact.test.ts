import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_MAX, codePoints } from '../../src/core/answer.js';
import { makeAnswer } from '../fixtures/answers.js';
import { asItem, startCollector, type Running } from './lib.js';

// Answers from a client that skipped the widget's redaction: the collector redacts them on ingest.
let c: Running;
beforeAll(async () => (c = await startCollector()));
afterAll(() => c.close());

describe('redaction on ingest', () => {
  it('redacts an IBAN, a DNI and the widget’s e-mails, phones and cards before storing one answer', async () => {
    const answer = makeAnswer({
      touchpoint: 'redact-single',
      effort: 2,
      emotion: 'frustrated',
      comment: 'Refund to ES91 2100 0418 4502 0005 1332, DNI 12345678Z. Mail ana.lopez@example.es or call +34 612 345 678; card 4111 1111 1111 1111.',
    });
    const reply = await c.post('/api/feedback', answer);
    expect(reply.json).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const comment = 'Refund to [iban], DNI [id]. Mail [email] or call [phone]; card [card].';
    expect(await c.all('&touchpoint=redact-single')).toEqual([asItem({ ...answer, comment })]);
    // The summary's latest unhappy comments come from the stored comment column: redacted too.
    const summary = (await c.get('/api/summary')).json;
    const mine = summary.touchpoints.find((t: { touchpoint: string }) => t.touchpoint === 'redact-single');
    expect(mine.latestNegative.map((n: { comment: string }) => n.comment)).toEqual([comment]);
  });

  it('redacts every answer of a batch, and leaves ordinary comments and null ones as they are', async () => {
    const events = [
      makeAnswer({ touchpoint: 'redact-batch', comment: 'NIE X1234567L, IBAN de89370400440532013000', createdAt: '2026-11-20T10:00:01.000Z' }),
      makeAnswer({ touchpoint: 'redact-batch', comment: 'Order ORD-12345678Z, 49,99 €, 28013 Madrid, 23/11/2026', createdAt: '2026-11-20T10:00:02.000Z' }),
      makeAnswer({ touchpoint: 'redact-batch', comment: null, createdAt: '2026-11-20T10:00:03.000Z' }),
      makeAnswer({ touchpoint: 'redact-batch', comment: 'Wrong letter: 12345678A, bad IBAN ES91 2100 0418 4502 0005 1333', createdAt: '2026-11-20T10:00:04.000Z' }),
    ];
    expect((await c.post('/api/feedback', { events })).json).toEqual({ accepted: 4, duplicates: 0, rejected: [] });
    expect(await c.all('&touchpoint=redact-batch')).toEqual(
      [{ ...events[0], comment: 'NIE [id], IBAN [iban]' }, events[1], events[2], events[3]].map((a) => asItem(a)).reverse(),
    );
  });

  it('keeps the comment within the schema when placeholders are longer than what they hide', async () => {
    // 140 six-character addresses and their spaces: 979 code points, 1,119 once redacted.
    const answer = makeAnswer({ touchpoint: 'redact-long', comment: Array(140).fill('a@b.io').join(' ') });
    expect(codePoints(answer.comment!)).toBeLessThanOrEqual(COMMENT_MAX);
    expect((await c.post('/api/feedback', answer)).json.accepted).toBe(1);
    const [item] = await c.all('&touchpoint=redact-long');
    expect(codePoints(item.comment!)).toBe(COMMENT_MAX);
    expect(item.comment).toBe(Array(140).fill('[email]').join(' ').slice(0, COMMENT_MAX));
  });

  it('validates the comment as sent: redaction does not make a comment that is too long acceptable', async () => {
    const answer = makeAnswer({ touchpoint: 'redact-too-long', comment: Array(41).fill('ES9121000418450200051332').join(' ') });
    expect(codePoints(answer.comment!)).toBeGreaterThan(COMMENT_MAX);
    const reply = await c.post('/api/feedback', answer);
    expect(reply.status).toBe(422);
    expect(reply.json.error).toMatch(/^comment: /);
    expect(await c.all('&touchpoint=redact-too-long')).toEqual([]);
  });
});
