import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import type { FeedItem } from '../../src/core/feed.js';
import { makeAnswer } from '../fixtures/answers.js';
import { asItem, at, startCollector, type Running } from './lib.js';

let c: Running;
let answers: Answer[];

/** Newest first by time (as instants, not text), then by id. */
const newestFirst = (list: Answer[]) =>
  [...list].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0));

beforeAll(async () => {
  c = await startCollector();
  answers = [
    ...Array.from({ length: 23 }, (_, i) => makeAnswer({ touchpoint: i % 3 ? 'cart' : 'checkout', createdAt: at(i) })),
    // Four answers in the same millisecond: the id breaks the tie, and no page boundary may lose one.
    ...Array.from({ length: 4 }, () => makeAnswer({ touchpoint: 'cart', createdAt: at(30) })),
    // With and without milliseconds: ordered as instants, where text order would be wrong.
    makeAnswer({ touchpoint: 'cart', createdAt: '2026-03-01T00:00:00Z' }),
    makeAnswer({ touchpoint: 'cart', createdAt: '2026-03-01T00:00:00.500Z' }),
    // The kind and the unkind: the feed shows both.
    makeAnswer({ touchpoint: 'support', effort: 1, emotion: 'frustrated', comment: 'Nobody answered for a week.', createdAt: at(40) }),
    makeAnswer({ touchpoint: 'support', effort: 7, emotion: 'delighted', comment: 'Sorted in minutes.', createdAt: at(41) }),
  ];
  const reply = await c.post('/api/feedback', { events: answers });
  expect(reply.json).toMatchObject({ accepted: answers.length, rejected: [] });
});
afterAll(() => c.close());

describe('GET /api/feedback', () => {
  it('gives 20 answers by default, newest first, with a cursor to the rest', async () => {
    const reply = await c.get('/api/feedback');
    expect(reply.status).toBe(200);
    expect(reply.json.items).toEqual(newestFirst(answers).slice(0, 20).map(asItem));
    expect(typeof reply.json.next).toBe('string');
  });

  it('pages through every answer exactly once, whatever the page size', async () => {
    for (const limit of [1, 3, 7, 100]) {
      const seen: FeedItem[] = [];
      let next: string | null = null;
      let pages = 0;
      do {
        const reply = await c.get(`/api/feedback?limit=${limit}${next ? `&before=${next}` : ''}`);
        expect(reply.status).toBe(200);
        expect(reply.json.items.length).toBeLessThanOrEqual(limit);
        seen.push(...reply.json.items);
        next = reply.json.next;
      } while (next && ++pages < 100);
      expect(seen).toEqual(newestFirst(answers).map(asItem));
    }
  });

  it('ends with next: null', async () => {
    const reply = await c.get('/api/feedback?limit=100');
    expect(reply.json.items).toHaveLength(answers.length);
    expect(reply.json.next).toBeNull();
  });

  it('filters by touchpoint, and pages within it', async () => {
    const checkout = newestFirst(answers.filter((a) => a.touchpoint === 'checkout'));
    expect(await c.all('&touchpoint=checkout')).toEqual(checkout.map(asItem));
    const first = await c.get('/api/feedback?touchpoint=checkout&limit=2');
    const second = await c.get(`/api/feedback?touchpoint=checkout&limit=2&before=${first.json.next}`);
    expect(second.json.items).toEqual(checkout.slice(2, 4).map(asItem));
    expect((await c.get('/api/feedback?touchpoint=nowhere')).json).toEqual({ items: [], next: null });
  });

  it('has no filter by score or emotion: the unkind answers are always there', async () => {
    const reply = await c.get('/api/feedback?touchpoint=support&emotion=delighted&minEffort=5');
    expect(reply.status).toBe(200);
    expect(reply.json.items.map((i: FeedItem) => i.emotion)).toEqual(['delighted', 'frustrated']);
  });

  it('gives each answer as the public may see it: without journey, page or context, plus reply: null', async () => {
    const reply = await c.get('/api/feedback?touchpoint=support&limit=1');
    const [item] = reply.json.items;
    expect(Object.keys(item).sort()).toEqual(['comment', 'context', 'createdAt', 'effort', 'effortScale', 'emotion', 'id', 'lang', 'reply', 'touchpoint', 'v']);
    expect(item).toEqual(asItem(answers.at(-1)!));
    expect(item.context).toEqual({});
  });

  it.each([
    ['limit=0', /^limit: /],
    ['limit=101', /^limit: /],
    ['limit=ten', /^limit: /],
    ['limit=2.5', /^limit: /],
    ['before=not-a-cursor', /^before: /],
    [`before=${Buffer.from('[1,"x"]').toString('base64url')}`, /^before: /],
    ['touchpoint=has%20space', /^touchpoint: /],
  ])('answers 400 to %s', async (query, message) => {
    const reply = await c.get(`/api/feedback?${query}`);
    expect(reply.status).toBe(400);
    expect(reply.json.error).toMatch(message);
  });
});
