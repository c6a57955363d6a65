import { describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { isMomentOfTruth, isUndecided, rankMoments, summarize, wilson } from '../../src/core/summary.js';
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

  it('computes 95 % Wilson intervals by hand', () => {
    // z = 1.96, z² = 3.8415. 0 of 5: centre = (0 + 3.8415/10) / (1 + 3.8415/5) = 0.38415 / 1.76830 = 0.21724,
    // half = 1.96·√(0 + 3.8415/100) / 1.76830 = 0.38415 / 1.76830 = 0.21724 → [0, 0.4345].
    expect(wilson(0, 5)).toEqual([0, 0.4345]);
    // 1 of 5: centre = (0.2 + 0.38415) / 1.76830 = 0.33035, half = 1.96·√(0.032 + 0.038415) / 1.76830 = 0.29413.
    expect(wilson(1, 5)).toEqual([0.0362, 0.6245]);
    // 20 of 62 (32 %): centre = (0.32258 + 0.03098) / 1.06196 = 0.33293, half = 1.96·√(0.0035213 + 0.00024985) / 1.06196 = 0.11335.
    expect(wilson(20, 62)).toEqual([0.2195, 0.4463]);
    expect(wilson(5, 5)).toEqual([0.5655, 1]);
    expect(wilson(0, 0)).toBeNull();

    // Net emotion: p = (good + ½ indifferent) / n, net = 2p − 1. 1 satisfied, 1 indifferent, 3 frustrated:
    // p = 1.5/5 = 0.3 → Wilson [0.0726, 0.7012] → net [−0.8548, 0.4024]; net itself (1 − 3)/5 = −0.4.
    const s = summarize([
      a({ effort: 7, emotion: 'satisfied', createdAt: at(1) }),
      a({ effort: null, emotion: 'indifferent', createdAt: at(2) }),
      ...[3, 4, 5].map((d) => a({ effort: 1, emotion: 'frustrated', createdAt: at(d) })),
    ]).touchpoints[0];
    expect(s.netEmotion).toBe(-0.4);
    expect(s.netEmotionInterval).toEqual([-0.8548, 0.4024]);
    // Effort: 1 easy of 4 → [0.0456, 0.6994].
    expect(s.easyShareInterval).toEqual([0.0456, 0.6994]);
    // Below the thresholds, but neither interval is wholly below: too few answers to decide.
    expect([s.momentOfTruth, isUndecided(s), s.impact]).toEqual([false, true, 0]);
    expect(summarize([a({ effort: null, emotion: null })]).touchpoints[0]).toMatchObject({ easyShareInterval: null, netEmotionInterval: null });
  });

  it('does not let two more answers flip a small sample near the threshold', () => {
    const answers = (easy: number, hard: number) => [
      ...Array.from({ length: easy }, (_, i) => a({ effort: 6, emotion: null, createdAt: at(1, i) })),
      ...Array.from({ length: hard }, (_, i) => a({ effort: 2, emotion: null, createdAt: at(2, i) })),
    ];
    // The old rule (easyShare < 0.5 with 5 answers) called 2 of 5 easy a moment of truth, and 4 of 7 not.
    for (const [easy, hard] of [[2, 3], [4, 3], [2, 5], [3, 2], [3, 4]]) {
      const t = summarize(answers(easy, hard)).touchpoints[0];
      expect(t.momentOfTruth, `${easy} easy, ${hard} hard`).toBe(false);
      expect(isUndecided(t) || t.easyShare! >= 0.5).toBe(true);
    }
    // 20 easy of 62 is decided: at most 44.63 % found it easy.
    const decided = summarize(answers(20, 42)).touchpoints[0];
    expect(decided.momentOfTruth).toBe(true);
    // Two more easy answers do not flip it: 22 of 64 → at most 46.6 %.
    expect(summarize(answers(22, 42)).touchpoints[0].momentOfTruth).toBe(true);
  });

  it('ranks moments of truth by impact: customers touched × how far the upper bound falls below the threshold', () => {
    const many = (touchpoint: string, day: number, n: number, o: Partial<Answer>) =>
      Array.from({ length: n }, (_, i) => a({ touchpoint, createdAt: at(day, i % 24), ...o }));
    const s = summarize([
      // small: 6 × hard → easy [0, 0.3903]; impact 6 × (0.5 − 0.3903) = 0.6582.
      ...many('small', 1, 6, { effort: 1, emotion: null }),
      // big: 20 easy of 62 → [0.2195, 0.4463]; impact 62 × 0.0537 = 3.3294.
      ...many('big', 2, 20, { effort: 7, emotion: null }),
      ...many('big', 3, 42, { effort: 1, emotion: null }),
      // sad: 10 × frustrated, effort 7 → net upper 2 × 0.2775 − 1 = −0.4450; impact 10 × 0.4450 / 2 = 2.225.
      ...many('sad', 4, 10, { effort: 7, emotion: 'frustrated' }),
      ...many('fine', 5, 10, { effort: 7, emotion: 'delighted' }),
    ]);
    const by = Object.fromEntries(s.touchpoints.map((t) => [t.touchpoint, t]));
    expect(by.small.easyShareInterval).toEqual([0, 0.3903]);
    expect(by.small.impact).toBe(0.6582);
    expect(by.big.impact).toBe(3.3294);
    expect(by.sad.netEmotionInterval).toEqual([-1, -0.445]);
    expect(by.sad.impact).toBe(2.225);
    expect(by.fine.impact).toBe(0);
    expect(s.ranking).toEqual(['big', 'sad', 'small']);
    expect(rankMoments(s.touchpoints).map((t) => t.touchpoint)).toEqual(['big', 'sad', 'small']);
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
