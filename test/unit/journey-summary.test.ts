import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { isUndecided, summarize } from '../../src/core/summary.js';
import { periodRanges } from '../../src/journey/period.js';
import { makeAnswer } from '../fixtures/answers.js';
import { shopAnswers } from '../fixtures/journey/shop.js';

// The journey map draws the collector's numbers with the collector's code: these pin that maths
// on the data sets the map is about, computed by hand.
const NOW = Date.UTC(2026, 10, 23, 12);
const byTouchpoint = (answers: Answer[], period = periodRanges('30d', NOW).current) =>
  Object.fromEntries(summarize(answers, period).touchpoints.map((t) => [t.touchpoint, t]));

describe('journey maths, by hand', () => {
  const now = byTouchpoint(shopAnswers(NOW));
  const before = byTouchpoint(shopAnswers(NOW), periodRanges('30d', NOW).previous!);

  it('mixes 5- and 7-point efforts on the 7-point scale', () => {
    // 2, 2, 3 on 7 points; 2 and 4 on 5 points → 2.5 and 5.5.
    expect(now.cart.effortMean).toBe(3);
    expect(now.cart.effortCount).toBe(5);
    expect(now.cart.easyShare).toBe(0.2);
    expect(now.cart.hardShare).toBe(0.8);
    expect(now.cart.effortCounts).toEqual({ '5': [0, 1, 0, 1, 0], '7': [0, 2, 1, 0, 0, 0, 0] });
  });

  it('nets emotion as good minus bad over everyone who said how they felt', () => {
    expect(now.cart.emotions).toEqual({ frustrated: 2, disappointed: 1, indifferent: 1, satisfied: 1, delighted: 0 });
    expect(now.cart.netEmotion).toBe(-0.4);
    expect(now.home.netEmotion).toBe(1);
    expect(now.delivery.netEmotion).toBe(-0.2);
  });

  it('marks no moment of truth on too few answers to be 95 % sure', () => {
    // 20% easy, but 1 of 5 could be as much as 62.45 %; net -0.4 could be as much as +0.40.
    expect(now.cart).toMatchObject({ momentOfTruth: false, easyShareInterval: [0.0362, 0.6245], netEmotionInterval: [-0.8548, 0.4024], impact: 0 });
    expect(isUndecided(now.cart)).toBe(true);
    // All easy, net -0.2 from 3 disappointed and 2 satisfied: p = 2/5, Wilson [0.1176, 0.7693].
    expect(now.delivery).toMatchObject({ momentOfTruth: false, netEmotionInterval: [-0.7648, 0.5386] });
    expect(now.checkout.momentOfTruth).toBe(false); // dreadful, but only 2 answers
    expect(isUndecided(now.checkout)).toBe(true);
    expect(now.home.momentOfTruth).toBe(false);
    expect(isUndecided(now.home)).toBe(false);
  });

  it('keeps the newest negative comments as given, HTML and formulas included', () => {
    expect(now.cart.latestNegative.map((c) => c.comment)).toEqual([
      '=HYPERLINK("http://evil.example","click")',
      '<img src=x onerror="alert(1)"> <b>bold</b>',
      'The coupon field ate my code',
    ]);
  });

  it('puts delivery after the service, from its answers’ context.stage', () => {
    expect(now.delivery.stage).toBe('after');
    expect(now.cart.stage).toBe('during');
  });

  it('splits the current and the previous period of the same length, until exclusive', () => {
    expect(now.home.count).toBe(6);
    expect(before.home.count).toBe(5);
    expect(before.home.effortMean).toBe(5);
    expect(before.cart.effortMean).toBe(6);
    expect(before.delivery).toBeUndefined();
    const edge = makeAnswer({ createdAt: periodRanges('30d', NOW).current.since! });
    expect(summarize([edge], periodRanges('30d', NOW).current).total.count).toBe(1);
    expect(summarize([edge], periodRanges('30d', NOW).previous!).total.count).toBe(0);
  });

  it('gives an empty period no touchpoints and null means, never NaN', () => {
    const s = summarize(shopAnswers(NOW), { since: new Date(NOW + 1000).toISOString() });
    expect(s.touchpoints).toEqual([]);
    expect(s.total).toMatchObject({ count: 0, effortMean: null, easyShare: null, netEmotion: null });
  });

  it('gives a touchpoint answered only in words null effort and emotion, and no moment of truth', () => {
    const words = Array.from({ length: 6 }, () => makeAnswer({ touchpoint: 'faq', effort: null, emotion: null, comment: 'Where is my order?' }));
    const faq = summarize(words).touchpoints[0];
    expect(faq).toMatchObject({ count: 6, effortCount: 0, effortMean: null, emotionCount: 0, netEmotion: null, momentOfTruth: false });
    // Neither hard nor felt bad: a question is not a negative comment.
    expect(faq.latestNegative).toEqual([]);
  });

  it('counts a 5-point 3 and a 7-point 4 as neither easy nor hard', () => {
    const t = summarize([makeAnswer({ effort: 3, effortScale: 5 }), makeAnswer({ effort: 4, effortScale: 7 })]).touchpoints[0];
    expect([t.effortMean, t.easyShare, t.hardShare]).toEqual([4, 0, 0]);
  });
});
