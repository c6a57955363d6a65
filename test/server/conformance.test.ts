import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer, Emotion } from '../../src/core/answer.js';
import { summarize } from '../../src/core/summary.js';
import { createCollector } from '../../src/server/collector.js';
import { makeAnswer } from '../fixtures/answers.js';
import { bothEngines } from './engines.js';
import { asItem, at, startCollector, type Running } from './lib.js';
import { mulberry32 } from '../../scripts/lib/mulberry32.mjs';

/**
 * One suite, both engines: whatever a site runs on, the collector keeps the same promises.
 * PostgreSQL is a real server this file starts (initdb into a temporary folder, a free port).
 */
const { engines: ENGINES } = bothEngines('conformance');

const EMOTIONS: (Emotion | null)[] = ['frustrated', 'disappointed', 'indifferent', 'satisfied', 'delighted', null];

/** A reproducible pseudo-random source (mulberry32), so a failure can be replayed. */
const random = mulberry32;

/** Answers over ten days: five touchpoints, both scales, some stages "after", ties at one millisecond, ids in either case. */
function randomAnswers(n: number, seed: number): Answer[] {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const tie = at(3, 12 * 3_600_000);
  return Array.from({ length: n }, (_, i) => {
    const effortScale = pick([5, 7] as const);
    const effort = r() < 0.15 ? null : 1 + Math.floor(r() * effortScale);
    const emotion = effort === null ? pick(EMOTIONS.filter(Boolean)) : pick(EMOTIONS);
    const createdAt = i % 17 === 0 ? (i % 2 ? tie : tie.replace('.000Z', 'Z')) : new Date(Date.parse(at(0)) + Math.floor(r() * 10 * 86_400_000)).toISOString().replace(i % 3 ? /$/ : /\.\d{3}Z$/, i % 3 ? '' : 'Z');
    const id = randomUUID();
    return makeAnswer({
      id: i % 5 === 0 ? id.toUpperCase() : id,
      touchpoint: pick(['home', 'cart', 'checkout', 'delivery', 'support']),
      journey: pick(JOURNEYS),
      effort,
      effortScale,
      emotion,
      // The answers at the tie are all negative with a comment: more than three per touchpoint compete for latestNegative.
      ...(i % 17 === 0 && { emotion: 'frustrated' as const }),
      comment: r() < 0.5 || i % 17 === 0 ? `comment ${i}` : null,
      createdAt,
      context: r() < 0.3 ? { stage: 'after', order: String(i) } : { order: String(i) },
    });
  });
}
const JOURNEYS = Array.from({ length: 12 }, () => randomUUID());

/** Five negative comments at one millisecond, ids in both cases: the three kept are the smallest ids whatever their case. */
const TIES = ['a', 'B', 'c', 'D', 'e'].map((first, i) =>
  makeAnswer({
    id: `${first.repeat(8)}-0000-4000-8000-00000000000${i}`,
    touchpoint: 'ties',
    effort: 1,
    emotion: 'frustrated',
    comment: `tie ${first}`,
    createdAt: i % 2 ? at(5, 1000) : at(5, 1000).replace('.000Z', 'Z'),
  }),
);

/** The summary reading every answer one by one, in (time, id) order: what the rollups must agree with. */
const recomputed = (answers: Answer[], period: { since?: string; until?: string } = {}) =>
  summarize(
    [...answers].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || (a.id.toLowerCase() < b.id.toLowerCase() ? -1 : 1)),
    period,
  );

const PERIODS: { since?: string; until?: string }[] = [
  {},
  { since: at(2) },
  { until: at(7) },
  { since: at(2), until: at(7) },
  // Not on day boundaries: whole days from rollups, the parts at either end from answers.
  { since: at(1, 5_000_000), until: at(8, 40_000_000) },
  { since: at(3, 1), until: at(3, 86_000_000) },
  { since: at(3, 43_200_000), until: at(4, 43_200_000) },
  // The answers at one millisecond, written two ways, first and last: ties settle by id.
  { since: at(3, 12 * 3_600_000) },
  { since: at(0), until: at(3, 12 * 3_600_000 + 1) },
];
const query = (p: { since?: string; until?: string }) =>
  '?' + new URLSearchParams(Object.entries(p).filter(([, v]) => v !== undefined) as [string, string][]).toString();

describe.each(ENGINES)('%s storage', (_engine, options) => {
  let c: Running;
  let stored: Answer[];
  beforeAll(async () => {
    c = await startCollector({ ...(await options()), publicContext: ['order'] });
    stored = [...randomAnswers(600, 7).slice(0, 595), ...TIES];
    for (let i = 0; i < stored.length; i += 100) expect((await c.post('/api/feedback', { events: stored.slice(i, i + 100) })).json.accepted).toBe(100);
  }, 60_000);
  afterAll(() => c?.close());

  it('gives the same summary from rollups as reading every answer, for any period', async () => {
    for (const period of PERIODS) {
      const reply = await c.get(`/api/summary${query(period)}`);
      expect(reply.status, JSON.stringify(period)).toBe(200);
      const expected = recomputed(stored, period);
      if (!period.since && !period.until) {
        const ties = reply.json.touchpoints.find((t: { touchpoint: string }) => t.touchpoint === 'ties');
        expect(ties.latestNegative.map((c: { comment: string }) => c.comment)).toEqual(['tie a', 'tie B', 'tie c']);
      }
      expect(reply.json, JSON.stringify(period)).toEqual({ ...expected, names: {}, since: period.since ? new Date(period.since).toISOString() : null, until: period.until ? new Date(period.until).toISOString() : null });
    }
  });

  it('stores one row per id whatever its case, and says which answers were duplicates', async () => {
    const a = makeAnswer({ touchpoint: 'dupes', createdAt: at(9) });
    const reply = await c.post('/api/feedback', { events: [a, { ...a, id: a.id.toUpperCase(), comment: 'second copy' }, a] });
    expect(reply.json).toEqual({ accepted: 1, duplicates: 2, rejected: [] });
    expect((await c.post('/api/feedback', a)).json).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    expect(await c.all('&touchpoint=dupes')).toEqual([asItem(a, ['order'])]);
    stored.push(a);
  });

  it('pages through the public feed newest first, each answer once, with the listed context keys only', async () => {
    const items = await c.all();
    expect(items).toHaveLength(stored.length);
    const expected = [...stored].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id.toLowerCase() < b.id.toLowerCase() ? 1 : -1));
    expect(items).toEqual(expected.map((a) => asItem(a, ['order'])));
    expect(items.some((item) => 'journey' in item || 'page' in item || 'stage' in item.context)).toBe(false);
  });

  it('answers 304 to a client that has the current version, and 200 once something changed', async () => {
    for (const path of ['/api/feedback?limit=5', '/api/summary']) {
      const first = await c.get(path);
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
      expect((await c.get(path, { 'If-None-Match': etag })).status).toBe(304);
      expect((await c.get(path, { 'If-None-Match': `W/${etag}` })).status).toBe(304);
      const added = makeAnswer({ createdAt: new Date().toISOString() });
      await c.post('/api/feedback', added);
      stored.push(added);
      const changed = await c.get(path, { 'If-None-Match': etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
    }
  });

  it('forgets a journey: its answers leave the feed and the numbers, and asking again deletes nothing', async () => {
    const journey = JOURNEYS[3];
    const mine = stored.filter((a) => a.journey === journey);
    expect(mine.length).toBeGreaterThan(0);
    const reply = await fetch(`${c.url}/api/journeys/${journey.toUpperCase()}`, { method: 'DELETE' });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ deleted: mine.length });
    stored = stored.filter((a) => a.journey !== journey);
    expect((await c.all()).map((i) => i.id)).not.toEqual(expect.arrayContaining([mine[0].id]));
    for (const period of PERIODS) expect((await c.get(`/api/summary${query(period)}`)).json.total).toEqual(recomputed(stored, period).total);
    const again = await fetch(`${c.url}/api/journeys/${journey}`, { method: 'DELETE' });
    expect(await again.json()).toEqual({ deleted: 0 });
    const bad = await fetch(`${c.url}/api/journeys/not-a-uuid`, { method: 'DELETE' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^journey: /);
  });
});

describe.each(ENGINES)('%s retention', (_engine, options) => {
  it('deletes answers older than TOUCHPOINT_RETENTION_DAYS and keeps the numbers right', async () => {
    const day = 86_400_000;
    const old = Array.from({ length: 1200 }, (_, i) => makeAnswer({ touchpoint: i % 2 ? 'old-a' : 'old-b', createdAt: new Date(Date.now() - 40 * day - i * 1000).toISOString() }));
    const recent = Array.from({ length: 30 }, (_, i) => makeAnswer({ touchpoint: 'old-a', createdAt: new Date(Date.now() - 3 * day - i * 1000).toISOString() }));
    const storage: { databaseUrl?: string } = await options();
    const seeded = await startCollector(storage);
    for (let i = 0; i < old.length; i += 100) await seeded.post('/api/feedback', { events: old.slice(i, i + 100) });
    await seeded.post('/api/feedback', { events: recent });
    const dbPath = seeded.dbPath;
    // Same storage, now with retention: the sweep runs on start, in batches.
    const logs: string[] = [];
    const kept = createCollector({ dbPath, databaseUrl: storage.databaseUrl, retentionDays: 30, rateLimit: 1e6, log: (m) => logs.push(m) });
    try {
      const base = await kept.listen();
      // Wait for the condition (the sweep's log line), not for a time.
      await expect.poll(() => logs.join('\n'), { timeout: 20_000, interval: 50 }).toMatch(/retention deleted 1200 answers/);
      const summary = await (await fetch(`${base}/api/summary`)).json();
      expect(summary).toEqual({ ...recomputed(recent), names: {} });
    } finally {
      await kept.close();
      await seeded.close();
    }
  });
});
