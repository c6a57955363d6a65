import { afterEach, describe, expect, it, vi } from 'vitest';
import { summarize } from '../../src/core/summary.js';
import { LoadError } from '../../src/elements/fetch-json.js';
import { periodRanges } from '../../src/journey/period.js';
import { journeySource } from '../../src/journey/source.js';
import { readSource, readSummary } from '../../src/journey/validate.js';
import { makeAnswer } from '../fixtures/answers.js';
import { collectorSummary, shopAnswers } from '../fixtures/journey/shop.js';

const NOW = Date.UTC(2026, 10, 23, 12);
const answers = shopAnswers(NOW);
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const summaryOf = (x: unknown) => {
  const read = readSource(x);
  if (read?.kind !== 'summary') throw new Error('not a summary');
  return read;
};

describe('source detection', () => {
  it('takes an array for raw answers, validating each and counting the bad ones', () => {
    const read = readSource([...answers, { foo: 1 }, makeAnswer({ effort: 9 }), null, 'x']);
    expect(read).toMatchObject({ kind: 'answers', skipped: 4 });
    expect(read?.kind === 'answers' && read.answers.length).toBe(answers.length);
  });

  it('accepts answers with fields beyond the schema, as a feed adds reply', () => {
    expect(readSource([{ ...answers[0], reply: null }])).toMatchObject({ kind: 'answers', skipped: 0 });
  });

  it('reads an array from another backend as the wall does: its own ids, no journey, its own date format, duplicates once', () => {
    const row = (id: string, effort: number) => ({ id, touchpoint: 'delivery', effort, effortScale: 5, emotion: null, comment: null, createdAt: '2026-11-22T10:00:00+01:00' });
    const read = readSource([row('r1', 1), row('r2', 5), row('r2', 4), { id: 'r3', touchpoint: 'delivery' }]);
    expect(read).toMatchObject({ kind: 'answers', skipped: 2 });
    const summary = summarize(read?.kind === 'answers' ? read.answers : []);
    expect(summary.touchpoints.map((t) => [t.touchpoint, t.count, t.effortCounts['5']])).toEqual([['delivery', 2, [1, 0, 0, 0, 1]]]);
  });

  it('takes an object with a touchpoints array and a total for a summary', () => {
    expect(readSource({ touchpoints: [], total: {} })).toMatchObject({ kind: 'summary', skipped: 0 });
  });

  it('recognises nothing else', () => {
    for (const x of [null, 42, 'text', {}, { touchpoints: [] }, { total: {} }, { touchpoints: 'all', total: {} }, { items: [], next: null }])
      expect(readSource(x)).toBeNull();
  });
});

describe('summary validation', () => {
  it('leaves a real summary exactly as the collector computed it', () => {
    const s = summarize(answers);
    expect(readSummary(JSON.parse(JSON.stringify(s))).summary).toEqual(s);
  });

  it('drops numbers out of range or of the wrong type, and unknown emotions', () => {
    const { summary } = summaryOf({
      total: { count: 'many' },
      touchpoints: [
        {
          touchpoint: 'cart',
          count: -3,
          effortMean: 99,
          easyShare: '0.5',
          hardShare: 1.5,
          netEmotion: -2,
          emotions: { frustrated: 2, rage: 40, delighted: 'lots', satisfied: 1.5 },
          effortCounts: { '7': [1, 2, 3] },
          stage: 'AFTER',
        },
      ],
    });
    const [t] = summary.touchpoints;
    expect(t).toMatchObject({ count: 0, effortMean: null, easyShare: null, hardShare: null, netEmotion: null, stage: 'during' });
    expect(t.emotions).toEqual({ frustrated: 2, disappointed: 0, indifferent: 0, satisfied: 0, delighted: 0 });
    expect(t.emotionCount).toBe(2);
    expect(t.effortCounts['7']).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(summary.total.count).toBe(0);
  });

  it('skips and counts entries without a valid touchpoint id, and repeats', () => {
    const read = summaryOf({ total: {}, touchpoints: [{ touchpoint: '<b>x</b>' }, 'cart', { touchpoint: 'cart' }, { touchpoint: 'cart' }, { count: 3 }] });
    expect(read.summary.touchpoints.map((t) => t.touchpoint)).toEqual(['cart']);
    expect(read.skipped).toBe(4);
  });

  it('judges every moment of truth from the counts by the same rule, whatever the collector said', () => {
    // An older collector flagged on the share alone; without counts there is nothing to decide on.
    const given = summaryOf({ total: {}, touchpoints: [{ touchpoint: 'a', momentOfTruth: true, count: 5, easyShare: 0.4 }] });
    expect(given.summary.touchpoints[0]).toMatchObject({ momentOfTruth: false, impact: 0, easyShareInterval: null });
    // 9 answers, all 1 of 7: 0 easy of 9 → Wilson [0, 0.2991] → impact 9 × (0.5 − 0.2991) = 1.8081.
    const counted = summaryOf({ total: {}, touchpoints: [{ touchpoint: 'b', count: 9, momentOfTruth: false, effortCounts: { '7': [9, 0, 0, 0, 0, 0, 0] } }] });
    expect(counted.summary.touchpoints[0]).toMatchObject({ momentOfTruth: true, easyShareInterval: [0, 0.2991], impact: 1.8081 });
    expect(counted.summary.ranking).toEqual(['b']);
  });

  it('keeps at most 3 comments, as text of at most 1000 characters, and drops what is not a comment', () => {
    const { summary } = summaryOf({
      total: {},
      touchpoints: [
        {
          touchpoint: 'cart',
          latestNegative: [
            { comment: 'x'.repeat(100_000), createdAt: 'yesterday-ish', emotion: 'rage', effort: 40 },
            { comment: { html: '<script>' } },
            { comment: '   ' },
            { comment: 'kept' },
            { comment: 'one too many' },
          ],
        },
      ],
    });
    const comments = summary.touchpoints[0].latestNegative;
    expect(comments.map((c) => c.comment.length)).toEqual([1000]);
    expect(comments[0]).toMatchObject({ createdAt: '', emotion: null, effort: null, effortScale: 7 });
  });
});

describe('loading a source', () => {
  afterEach(() => vi.unstubAllGlobals());
  const signal = new AbortController().signal;
  const { current, previous } = periodRanges('30d', NOW);

  function collector(...failures: number[]) {
    const fetch = vi.fn(async (url: string) => {
      const status = failures.shift();
      return status ? json({ error: 'no' }, status) : json(collectorSummary(answers, new URL(url)));
    });
    vi.stubGlobal('fetch', fetch);
    return fetch;
  }

  it('asks a summary for the period, then for the previous one, keeping the source’s own query', async () => {
    const fetch = collector();
    const data = await journeySource('https://cx.example/api/summary?site=shop').load('30d', NOW, signal);
    const urls = fetch.mock.calls.map(([url]) => new URL(url));
    expect(urls.map((u) => [u.searchParams.get('site'), u.searchParams.get('since'), u.searchParams.get('until')])).toEqual([
      ['shop', current.since, null],
      ['shop', previous!.since, previous!.until],
    ]);
    expect(data.kind).toBe('summary');
    expect(data.current).toEqual(summarize(answers, current));
    expect(data.previous).toEqual(summarize(answers, previous!));
  });

  it('asks a summary for all answers without a period, and with no previous one', async () => {
    const fetch = collector();
    const data = await journeySource('https://cx.example/api/summary').load('all', NOW, signal);
    expect(fetch.mock.calls.map(([url]) => url)).toEqual(['https://cx.example/api/summary']);
    expect(data.previous).toBeNull();
    expect(data.current.total.count).toBe(answers.length);
  });

  it('still shows the period when the previous one fails, without trends', async () => {
    collector(0, 500);
    const data = await journeySource('https://cx.example/api/summary').load('30d', NOW, signal);
    expect(data.current.total.count).toBe(19);
    expect(data.previous).toBeNull();
  });

  it('reads raw answers once and computes every period itself, with the collector’s maths', async () => {
    const fetch = vi.fn(async () => json([...answers, { bad: true }]));
    vi.stubGlobal('fetch', fetch);
    const source = journeySource('https://cx.example/answers.json');
    const month = await source.load('30d', NOW, signal);
    const week = await source.load('7d', NOW, signal);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(month).toMatchObject({ kind: 'answers', skipped: 1 });
    expect(month.current).toEqual(summarize(answers, current));
    expect(month.previous).toEqual(summarize(answers, previous!));
    expect(week.current).toEqual(summarize(answers, periodRanges('7d', NOW).current));
  });

  it('says why it failed: HTTP status, not JSON, wrong shape, unreachable', async () => {
    const fail = async (response: () => Promise<Response>) => {
      vi.stubGlobal('fetch', vi.fn(response));
      return journeySource('https://cx.example/x').load('30d', NOW, signal).catch((e: LoadError) => [e.reason, e.status]);
    };
    expect(await fail(async () => json({}, 403))).toEqual(['http', 403]);
    expect(await fail(async () => new Response('<html>', { status: 200 }))).toEqual(['json', 0]);
    expect(await fail(async () => json({ items: [] }))).toEqual(['shape', 0]);
    expect(await fail(() => Promise.reject(new TypeError('Failed to fetch')))).toEqual(['network', 0]);
  });
});
