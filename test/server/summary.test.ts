import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import type { Summary, TouchpointSummary } from '../../src/core/summary.js';
import { makeAnswer } from '../fixtures/answers.js';
import { at, startCollector, type Running } from './lib.js';

let c: Running;
const answer = (touchpoint: string, day: number, effort: number | null, emotion: Answer['emotion'], comment: string | null, more: Partial<Answer> = {}) =>
  makeAnswer({ touchpoint, createdAt: at(day), effort, emotion, comment, ...more });
const after = { context: { stage: 'after' } };

// A data set small enough to work out by hand; the expected figures below are those sums.
const DATA = [
  answer('checkout', 1, 1, 'frustrated', 'Card declined twice.'),
  answer('checkout', 2, 2, 'disappointed', 'Too many fields.'),
  answer('checkout', 3, 6, 'satisfied', null),
  answer('checkout', 4, 7, 'delighted', 'Smooth.'),
  answer('checkout', 5, null, 'frustrated', 'Coupon field hidden.'),
  answer('checkout', 6, 3, 'indifferent', 'Slow page.'),
  answer('delivery', 10, 5, 'satisfied', null, { effortScale: 5, ...after }),
  answer('delivery', 11, 4, 'delighted', null, { effortScale: 5, ...after }),
  answer('delivery', 12, 1, 'frustrated', 'Late.', { effortScale: 5 }),
  ...[20, 21, 22, 23, 24].map((day) => answer('home', day, 7, 'delighted', null)),
  ...[25, 26, 27, 28, 29].map((day) => answer('search', day, 4, 'satisfied', null)),
  answer('support', 30, null, null, 'Where is my refund?', after),
];

beforeAll(async () => {
  c = await startCollector();
  // Sent in shuffled order: the result must not depend on arrival order.
  const shuffled = [...DATA].sort((a, b) => a.id.localeCompare(b.id));
  expect((await c.post('/api/feedback', { events: shuffled })).json.accepted).toBe(DATA.length);
});
afterAll(() => c.close());

const summary = async (query = ''): Promise<Summary> => {
  const reply = await c.get(`/api/summary${query}`);
  expect(reply.status).toBe(200);
  return reply.json;
};
const byName = (s: Summary) => Object.fromEntries(s.touchpoints.map((t) => [t.touchpoint, t])) as Record<string, TouchpointSummary>;

describe('GET /api/summary', () => {
  it('lists touchpoints in order of first answer, with the thresholds used', async () => {
    const s = await summary();
    expect(s.touchpoints.map((t) => t.touchpoint)).toEqual(['checkout', 'delivery', 'home', 'search', 'support']);
    expect(s.thresholds).toEqual({ minAnswers: 5, easyShare: 0.5, netEmotion: 0 });
    expect(s.since).toBeNull();
    expect(s.until).toBeNull();
    expect(s.total.count).toBe(20);
    // (19 + 13.5 + 35 + 20) / 18 efforts
    expect(s.total.effortMean).toBeCloseTo(87.5 / 18, 4);
  });

  it('works out a troubled checkout: hard for most, more bad feelings than good, but too few answers to call it a moment of truth', async () => {
    const checkout = byName(await summary()).checkout;
    expect(checkout).toMatchObject({
      count: 6,
      effortCount: 5,
      effortMean: 3.8, // (1 + 2 + 6 + 7 + 3) / 5
      easyShare: 0.4, // 6 and 7
      hardShare: 0.6, // 1, 2 and 3
      effortCounts: { '5': [0, 0, 0, 0, 0], '7': [1, 1, 1, 0, 0, 1, 1] },
      emotionCount: 6,
      emotions: { frustrated: 2, disappointed: 1, indifferent: 1, satisfied: 1, delighted: 1 },
      negativeShare: 0.5,
      stage: 'during',
      // 95 % Wilson, z = 1.96: 2 easy of 5 → [0.1176, 0.7693], which still reaches 0.5.
      easyShareInterval: [0.1176, 0.7693],
      // p = (2 good + ½ of 1 indifferent) / 6 = 0.4167 → Wilson [0.1395, 0.7589] → net = 2p − 1.
      netEmotionInterval: [-0.721, 0.5178],
      momentOfTruth: false,
      impact: 0,
      firstAt: at(1),
      lastAt: at(6),
    });
    expect(checkout.netEmotion).toBeCloseTo((2 - 3) / 6, 4);
    // Newest first, three at most; "Smooth." is neither hard nor unhappy.
    expect(checkout.latestNegative.map((n) => n.comment)).toEqual(['Slow page.', 'Coupon field hidden.', 'Too many fields.']);
  });

  it('puts 5-point answers on the 7-point scale and marks post-sale touchpoints', async () => {
    const delivery = byName(await summary()).delivery;
    expect(delivery).toMatchObject({ count: 3, effortCounts: { '5': [1, 0, 0, 1, 1], '7': [0, 0, 0, 0, 0, 0, 0] }, stage: 'after' });
    expect(delivery.effortMean).toBeCloseTo((7 + 5.5 + 1) / 3, 4);
    expect(delivery.easyShare).toBeCloseTo(2 / 3, 4);
    expect(delivery.netEmotion).toBeCloseTo(1 / 3, 4);
    // Too few answers to call it a moment of truth.
    expect(delivery.momentOfTruth).toBe(false);
  });

  it('flags a touchpoint where fewer than half found it easy, even if nobody felt bad', async () => {
    const { home, search } = byName(await summary());
    expect(home).toMatchObject({ count: 5, effortMean: 7, easyShare: 1, netEmotion: 1, momentOfTruth: false });
    expect(search).toMatchObject({ count: 5, effortMean: 4, easyShare: 0, hardShare: 0, netEmotion: 1, momentOfTruth: true });
  });

  it('counts comment-only answers without inventing scores', async () => {
    const support = byName(await summary()).support;
    expect(support).toMatchObject({ count: 1, effortMean: null, easyShare: null, netEmotion: null, latestNegative: [], stage: 'after' });
  });

  it('takes answers from since (inclusive) until (exclusive)', async () => {
    const s = await summary(`?since=${at(10)}&until=${at(20)}`);
    expect(s.since).toBe(at(10));
    expect(s.until).toBe(at(20));
    expect(s.touchpoints.map((t) => [t.touchpoint, t.count])).toEqual([['delivery', 3]]);
    const recent = await summary(`?since=${encodeURIComponent('2026-01-06T00:00:00+00:00')}`);
    expect(byName(recent).checkout.count).toBe(2);
    expect(recent.total.count).toBe(2 + 3 + 5 + 5 + 1);
    expect((await summary('?until=2026-01-03')).total.count).toBe(1);
  });

  it.each([
    ['since=yesterday', /^since: /],
    ['until=2026-13-01', /^until: /],
    ['since=1700000000000', /^since: /],
    [`since=${at(5)}&until=${at(5)}`, /^until: /],
  ])('answers 400 to %s', async (query, message) => {
    const reply = await c.get(`/api/summary?${query}`);
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatch(message);
  });
});
