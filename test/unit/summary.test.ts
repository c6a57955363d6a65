import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { isMomentOfTruth, summarize } from '../../src/core/summary.js';
import { makeAnswer } from '../fixtures/answers.js';

const at = (day: number, hour = 12) => new Date(Date.UTC(2026, 10, day, hour)).toISOString();
const a = (o: Partial<Answer>) => makeAnswer({ comment: null, ...o });

describe('summary maths', () => {
  // cart: 7-point efforts 1, 2, 7 and a 5-point 5 (→ 7); emotions F, D, S, null.
  const cart = [
    a({ touchpoint: 'cart', effort: 1, emotion: 'frustrated', comment: 'Coupon field ate my code', createdAt: at(1) }),
    a({ touchpoint: 'cart', effort: 2, emotion: 'disappointed', createdAt: at(2) }),
    a({ touchpoint: 'cart', effort: 7, emotion: 'satisfied', comment: 'fine', createdAt: at(3) }),
    a({ touchpoint: 'cart', effort: 5, effortScale: 5, emotion: null, createdAt: at(4) }),
  ];
  // home: one 5-point 3 (→ 4, neither easy nor hard), delighted; answered before cart.
  const home = [a({ touchpoint: 'home', effort: 3, effortScale: 5, emotion: 'delighted', createdAt: at(1, 8) })];

  it('computes effort on the 7-point scale, shares and net emotion by hand', () => {
    const s = summarize([...cart, ...home]);
    const c = s.touchpoints.find((t) => t.touchpoint === 'cart')!;
    expect(c.count).toBe(4);
    expect(c.effortCount).toBe(4);
    expect(c.effortMean).toBe(4.25); // (1 + 2 + 7 + 7) / 4
    expect(c.easyShare).toBe(0.5); // 7 and 5-of-5
    expect(c.hardShare).toBe(0.5); // 1 and 2
    expect(c.effortCounts).toEqual({ '5': [0, 0, 0, 0, 1], '7': [1, 1, 0, 0, 0, 0, 1] });
    expect(c.emotionCount).toBe(3);
    expect(c.emotions).toEqual({ frustrated: 1, disappointed: 1, indifferent: 0, satisfied: 1, delighted: 0 });
    expect(c.netEmotion).toBe(-0.3333); // (1 − 2) / 3
    expect(c.negativeShare).toBe(0.6667);
    expect(c.latestNegative.map((n) => n.comment)).toEqual(['Coupon field ate my code']);

    const h = s.touchpoints.find((t) => t.touchpoint === 'home')!;
    expect(h.effortMean).toBe(4);
    expect(h.easyShare).toBe(0);
    expect(h.hardShare).toBe(0);
    expect(h.netEmotion).toBe(1);

    expect(s.total.count).toBe(5);
    expect(s.total.effortMean).toBe(4.2); // (17 + 4) / 5
  });

  it('orders touchpoints by first appearance, comparing times, not strings', () => {
    const s = summarize([
      a({ touchpoint: 'b', createdAt: '2026-11-01T10:00:00.500Z' }),
      a({ touchpoint: 'a', createdAt: '2026-11-01T10:00:00Z' }),
    ]);
    expect(s.touchpoints.map((t) => t.touchpoint)).toEqual(['a', 'b']);
  });

  it('gives nulls, not zeros or NaN, where nobody answered the question', () => {
    const s = summarize([a({ touchpoint: 'support', effort: null, emotion: null, comment: 'Just words' })]);
    const t = s.touchpoints[0];
    expect([t.effortMean, t.easyShare, t.hardShare, t.netEmotion, t.negativeShare]).toEqual([null, null, null, null, null]);
    expect(summarize([]).total).toMatchObject({ count: 0, effortMean: null, netEmotion: null, firstAt: null });
    expect(summarize([]).touchpoints).toEqual([]);
  });

  it('keeps the three newest negative comments, hard effort or bad feeling, newest first', () => {
    const s = summarize([
      a({ effort: 1, emotion: null, comment: 'one', createdAt: at(1) }),
      a({ effort: 7, emotion: 'frustrated', comment: 'two', createdAt: at(5) }),
      a({ effort: 7, emotion: 'delighted', comment: 'happy', createdAt: at(6) }),
      a({ effort: 2, emotion: null, comment: null, createdAt: at(7) }),
      a({ effort: 3, emotion: 'satisfied', comment: 'three', createdAt: at(3) }),
      a({ effort: null, emotion: 'disappointed', comment: 'four', createdAt: at(4) }),
    ]);
    expect(s.touchpoints[0].latestNegative.map((n) => n.comment)).toEqual(['two', 'four', 'three']);
  });

  it('marks moments of truth: enough answers, and fewer than half easy or more bad than good', () => {
    const five = (o: Partial<Answer>) => Array.from({ length: 5 }, (_, i) => a({ createdAt: at(i + 1), ...o }));
    expect(summarize(five({ effort: 3, emotion: 'satisfied' })).touchpoints[0].momentOfTruth).toBe(true);
    expect(summarize(five({ effort: 6, emotion: 'frustrated' })).touchpoints[0].momentOfTruth).toBe(true);
    expect(summarize(five({ effort: 6, emotion: 'indifferent' })).touchpoints[0].momentOfTruth).toBe(false);
    // Four unhappy answers are not yet enough to call it.
    expect(summarize(five({ effort: 1, emotion: 'frustrated' }).slice(1)).touchpoints[0].momentOfTruth).toBe(false);
    expect(isMomentOfTruth(summarize(five({ effort: 1 })).total)).toBe(true);
  });

  it('puts a touchpoint after the service when most of its answers say so', () => {
    const s = summarize([
      a({ touchpoint: 'delivery', context: { stage: 'after' }, createdAt: at(1) }),
      a({ touchpoint: 'delivery', context: { stage: 'after' }, createdAt: at(2) }),
      a({ touchpoint: 'delivery', createdAt: at(3) }),
      a({ touchpoint: 'cart', createdAt: at(4) }),
    ]);
    expect(s.touchpoints.map((t) => [t.touchpoint, t.stage])).toEqual([
      ['delivery', 'after'],
      ['cart', 'during'],
    ]);
  });

  it('counts only answers inside [since, until)', () => {
    const s = summarize(cart, { since: at(2), until: at(4) });
    expect(s.total.count).toBe(2);
    expect(s.since).toBe(at(2));
  });
});
