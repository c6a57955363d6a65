import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/core/summary.js';
import { DEFAULT_PERIOD, isPeriod, periodRanges } from '../../src/journey/period.js';
import { journeyOrder, stationsOf } from '../../src/journey/stations.js';
import { trendOf } from '../../src/journey/trend.js';
import { makeAnswer } from '../fixtures/answers.js';
import { JOURNEY, shopAnswers } from '../fixtures/journey/shop.js';

const NOW = Date.UTC(2026, 10, 23, 12);

describe('journey order', () => {
  it('puts the listed touchpoints first, in their order, then the rest by first appearance', () => {
    expect(journeyOrder(['cart', 'home'], ['home', 'support', 'cart', 'faq'])).toEqual(['cart', 'home', 'support', 'faq']);
    expect(journeyOrder([], ['b', 'a'])).toEqual(['b', 'a']);
  });

  it('keeps listed touchpoints without answers as empty stations, so the journey keeps its shape', () => {
    const answers = shopAnswers(NOW);
    const { current, previous } = periodRanges('30d', NOW);
    const stations = stationsOf(summarize(answers, current), summarize(answers, previous!), JOURNEY.split(' '));
    expect(stations.map((s) => [s.touchpoint, s.stats?.count ?? 0, s.stage])).toEqual([
      ['home', 6, 'during'],
      ['product', 0, 'during'],
      ['cart', 5, 'during'],
      ['checkout', 2, 'during'],
      ['confirmation', 0, 'during'],
      ['delivery', 5, 'after'],
      ['support', 1, 'during'],
    ]);
    expect(stations[1].stats).toBeNull();
  });

  it('keeps an emptied touchpoint in the lane it was in before', () => {
    const before = summarize([makeAnswer({ touchpoint: 'delivery', context: { stage: 'after' } })]);
    const [delivery] = stationsOf(summarize([]), before, ['delivery']);
    expect(delivery).toMatchObject({ stage: 'after', stats: null, effortTrend: null });
  });

  it('gives trends against the previous period: effort up, net emotion down or flat', () => {
    const answers = shopAnswers(NOW);
    const { current, previous } = periodRanges('30d', NOW);
    const [home, , cart] = stationsOf(summarize(answers, current), summarize(answers, previous!), JOURNEY.split(' '));
    expect(home.effortTrend).toEqual({ direction: 'up', delta: 1 });
    expect(home.emotionTrend).toEqual({ direction: 'flat', delta: 0 });
    expect(cart.effortTrend).toEqual({ direction: 'down', delta: -3 });
    expect(cart.emotionTrend).toEqual({ direction: 'down', delta: -1.4 });
  });
});

describe('trend', () => {
  it('rounds the change as shown, so what reads 0.0 is flat', () => {
    expect(trendOf(4.3, 3.9, 1)).toEqual({ direction: 'up', delta: 0.4 });
    expect(trendOf(4.04, 4, 1)).toEqual({ direction: 'flat', delta: 0 });
    expect(trendOf(4, 4.04, 1)).toEqual({ direction: 'flat', delta: 0 });
    expect(trendOf(0.35, 0.3, 1)).toEqual({ direction: 'up', delta: 0.1 });
    expect(trendOf(0.3, 0.35, 1)).toEqual({ direction: 'down', delta: -0.1 });
    expect(trendOf(-0.25, 0.5, 2)).toEqual({ direction: 'down', delta: -0.75 });
  });

  it('has no trend without numbers on both sides', () => {
    expect(trendOf(5, null, 1)).toBeNull();
    expect(trendOf(null, 5, 1)).toBeNull();
  });
});

describe('period', () => {
  it('is the last N days, and the N days before it, back to back', () => {
    expect(periodRanges('7d', NOW)).toEqual({
      current: { since: '2026-11-16T12:00:00.000Z', until: null },
      previous: { since: '2026-11-09T12:00:00.000Z', until: '2026-11-16T12:00:00.000Z' },
    });
    expect(periodRanges('90d', NOW).previous).toEqual({ since: '2026-05-27T12:00:00.000Z', until: '2026-08-25T12:00:00.000Z' });
  });

  it('has everything and no previous period for all', () => {
    expect(periodRanges('all', NOW)).toEqual({ current: { since: null, until: null }, previous: null });
  });

  it('accepts exactly 7d, 30d, 90d and all, and defaults to 30d', () => {
    expect(['7d', '30d', '90d', 'all'].every(isPeriod)).toBe(true);
    expect(['30', '1d', 'ALL', ''].some(isPeriod)).toBe(false);
    expect(DEFAULT_PERIOD).toBe('30d');
  });
});
