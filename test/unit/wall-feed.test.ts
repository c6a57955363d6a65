import { describe, expect, it } from 'vitest';
import { feedItemOf, pageUrl, readBatch, summaryUrl } from '../../src/elements/wall/feed.js';
import { formats } from '../../src/elements/wall/format.js';
import { statsFromSummary } from '../../src/elements/wall/stats.js';
import { summarize } from '../../src/core/summary.js';
import { BROKEN, feedItem, feedItems, NOW } from '../fixtures/wall/feed.js';

describe('reading a feed', () => {
  it('reads a plain array newest first, comparing times (not text), then ids', () => {
    const older = feedItem({ createdAt: '2026-11-01T10:00:00.500Z', comment: 'older' });
    const newer = feedItem({ createdAt: '2026-11-01T10:00:01Z', comment: 'newer' });
    const tieA = feedItem({ id: '00000000-0000-4000-8000-00000000000a', createdAt: '2026-10-01T00:00:00Z' });
    const tieB = feedItem({ id: '00000000-0000-4000-8000-00000000000b', createdAt: '2026-10-01T00:00:00.000Z' });
    const batch = readBatch([tieA, older, tieB, newer], null);
    expect(batch.shape).toBe('array');
    expect(batch.items.map((a) => a.id)).toEqual([newer.id, older.id, tieB.id, tieA.id]);
    expect(batch.next).toBeNull();
  });

  it('keeps the order of a collector page and its cursor', () => {
    const items = feedItems(3);
    const batch = readBatch({ items: [items[2], items[0], items[1]], next: 'abc' }, null);
    expect(batch.shape).toBe('collector');
    expect(batch.items.map((a) => a.id)).toEqual([items[2].id, items[0].id, items[1].id]);
    expect(batch.next).toBe('abc');
  });

  it('skips and counts every broken item, keeping the good ones', () => {
    const good = feedItems(2);
    const batch = readBatch([good[0], ...BROKEN, good[1]], null);
    expect(batch.items.map((a) => a.id)).toEqual(good.map((a) => a.id));
    expect(batch.skipped).toBe(BROKEN.length);
  });

  it('leaves out other touchpoints without counting them as broken', () => {
    const batch = readBatch([feedItem({ touchpoint: 'cart' }), feedItem({ touchpoint: 'checkout' })], 'cart');
    expect(batch.items.map((a) => a.touchpoint)).toEqual(['cart']);
    expect(batch.skipped).toBe(0);
  });

  it('accepts answers without a reply field, and keeps only the known fields', () => {
    const { reply: _, ...answer } = feedItem();
    const item = feedItemOf({ ...answer, extra: '<b>not kept</b>' });
    expect(item).toMatchObject({ id: answer.id, reply: null });
    expect(item).not.toHaveProperty('extra');
  });

  it('ends the feed on a cursor it cannot use, rather than build a request from it', () => {
    expect(readBatch({ items: [], next: 42 }, null).next).toBeNull();
    expect(readBatch({ items: [], next: 'x'.repeat(513) }, null).next).toBeNull();
  });

  it('refuses JSON that is neither shape of feed', () => {
    expect(() => readBatch({ answers: [] }, null)).toThrow();
    expect(() => readBatch({ items: 'none' }, null)).toThrow();
    expect(() => readBatch('[]', null)).toThrow();
  });
});

describe('feed URLs', () => {
  it('asks for a page with limit, touchpoint and cursor, keeping the source and its own query', () => {
    const url = new URL(pageUrl('https://shop.example/api/feedback?site=1', { touchpoint: 'cart', before: 'c1', limit: 20 }));
    expect(url.origin + url.pathname).toBe('https://shop.example/api/feedback');
    expect(Object.fromEntries(url.searchParams)).toEqual({ site: '1', touchpoint: 'cart', before: 'c1', limit: '20' });
  });

  it('cannot be sent elsewhere by a hostile cursor', () => {
    const url = new URL(pageUrl('https://shop.example/api/feedback', { touchpoint: null, before: '//evil.example/x?y=1#z&a=', limit: 5 }));
    expect(url.origin + url.pathname).toBe('https://shop.example/api/feedback');
    expect(url.searchParams.get('before')).toBe('//evil.example/x?y=1#z&a=');
    expect(url.hash).toBe('');
  });

  it('finds the summary next to the collector feed, and only there', () => {
    expect(summaryUrl('https://shop.example/cx/api/feedback?touchpoint=cart&x=1')).toBe('https://shop.example/cx/api/summary');
    expect(summaryUrl('https://shop.example/answers.json')).toBeNull();
    expect(summaryUrl('https://shop.example/api/feedback/')).toBeNull();
  });
});

describe('summary from the collector', () => {
  const items = [
    feedItem({ touchpoint: 'cart', effort: 1, emotion: 'frustrated' }),
    feedItem({ touchpoint: 'cart', effort: 7, emotion: 'satisfied' }),
    feedItem({ touchpoint: 'home', effort: 4, effortScale: 5, emotion: 'delighted' }),
  ];
  const summary = JSON.parse(JSON.stringify(summarize(items)));

  it('takes the touchpoint entry, or the total', () => {
    expect(statsFromSummary(summary, 'cart')).toMatchObject({ count: 2, hardShare: 0.5, negativeShare: 0.5 });
    expect(statsFromSummary(summary, null)).toMatchObject({ count: 3, effortCounts: { '5': [0, 0, 0, 1, 0], '7': [1, 0, 0, 0, 0, 0, 1] } });
    expect(statsFromSummary(summary, 'nowhere')).toBeNull();
  });

  it('refuses a summary with wrong types, lengths, ranges or emotions', () => {
    const broken = (change: (total: Record<string, any>) => void) => {
      const copy = structuredClone(summary);
      change(copy.total);
      return statsFromSummary(copy, null);
    };
    expect(broken((t) => (t.count = '3'))).toBeNull();
    expect(broken((t) => (t.count = -1))).toBeNull();
    expect(broken((t) => (t.count = 1e300))).toBeNull();
    expect(broken((t) => (t.hardShare = 2))).toBeNull();
    expect(broken((t) => (t.negativeShare = '50%'))).toBeNull();
    expect(broken((t) => (t.effortCounts['7'] = [1, 2, 3]))).toBeNull();
    expect(broken((t) => (t.effortCounts['5'][0] = 0.5))).toBeNull();
    expect(broken((t) => (t.emotions.furious = 1))).toBeNull();
    expect(broken((t) => delete t.emotions.delighted)).toBeNull();
    expect(statsFromSummary({ total: summary.total }, null)).toBeNull();
    expect(statsFromSummary('<h1>summary</h1>', null)).toBeNull();
  });
});

describe('dates in words', () => {
  it('says how long ago, in the wall language', () => {
    expect(formats('en').relative(new Date(NOW - 3 * 86_400_000).toISOString(), NOW)).toBe('3 days ago');
    expect(formats('es').relative(new Date(NOW - 3 * 86_400_000).toISOString(), NOW)).toBe('hace 3 días');
    expect(formats('en').relative(new Date(NOW - 90 * 60_000).toISOString(), NOW)).toBe('2 hours ago');
    expect(formats('en').relative(new Date(NOW - 400 * 86_400_000).toISOString(), NOW)).toBe('last year');
  });
});

describe('a feed from another backend (liberal: only what is shown is checked)', () => {
  const sheetRow = (overrides: Record<string, unknown> = {}) => ({
    id: 'row-17',
    touchpoint: 'Pedido entregado',
    effort: 2,
    effortScale: 7,
    emotion: 'frustrated',
    comment: 'Llegó tarde.',
    createdAt: '2026-11-20T10:00:00+01:00',
    ...overrides,
  });

  it('shows answers with any non-empty id, any journey or none, an unknown language, and its own date format', () => {
    const batch = readBatch([sheetRow(), sheetRow({ id: 'row-18', journey: 'customer 42', lang: 'ja', v: 2, extra: '<b>ignored</b>' })], null);
    expect(batch.skipped).toBe(0);
    // Same time: newest first falls back to the id, descending.
    expect(batch.items.map((a) => [a.id, a.lang, a.createdAt])).toEqual([
      ['row-18', 'ja', '2026-11-20T09:00:00.000Z'],
      ['row-17', null, '2026-11-20T09:00:00.000Z'],
    ]);
    expect(Object.keys(batch.items[0]).sort()).toEqual(['comment', 'context', 'createdAt', 'effort', 'effortScale', 'emotion', 'id', 'lang', 'reply', 'touchpoint']);
  });

  it('keeps a language tag only when it looks like one, and only the stage of the context', () => {
    const [a] = readBatch([sheetRow({ lang: 'en" onmouseover="x', context: { stage: 'after', order: 'A-17' } })], null).items;
    expect(a.lang).toBeNull();
    expect(a.context).toEqual({ stage: 'after' });
  });

  it('takes a missing effort scale as 7 only where there is no effort to read on it', () => {
    const batch = readBatch([sheetRow({ effortScale: undefined }), sheetRow({ id: 'b', effort: null, effortScale: undefined })], null);
    expect(batch.items.map((a) => a.id)).toEqual(['b']);
    expect(batch.skipped).toBe(1);
  });
});
