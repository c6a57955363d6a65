// @vitest-environment node
// The queue and sender against fake-indexeddb, with a scripted endpoint in place of fetch.
// (Node environment: fake-indexeddb schedules with setImmediate, which stays real here while
// the tests fake setTimeout and Date.)
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { backoff, BACKOFF, retryAfter } from '../../src/core/delivery/backoff.js';
import { enqueue, entryFor, LIMITS, QueueFullError, requeueFailed, deadLetter, type Failed, type Queued } from '../../src/core/delivery/queue.js';
import { chunk, createSender, KEEPALIVE_BUDGET, type Delivery } from '../../src/core/delivery/sender.js';
import { idbBox, memoryBox, resilientBox, type Box } from '../../src/core/delivery/store.js';
import { makeAnswer } from '../fixtures/answers.js';

const ENDPOINT = 'https://collector.test/api/feedback';
const T0 = Date.parse('2026-11-23T12:00:00Z');
let db = 0;

interface Seen {
  url: string;
  headers: Record<string, string>;
  body: any;
  keepalive?: boolean;
}

/** Replaces fetch with an endpoint that answers from `script`, one entry per request (the last repeats). */
function endpoint(...script: (number | [number, Record<string, string>?, unknown?] | 'network' | 'hang' | 'ignore')[]) {
  const seen: Seen[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit & { headers: Record<string, string> }) => {
    seen.push({ url, headers: init.headers, body: JSON.parse(init.body as string), keepalive: init.keepalive });
    const step = script[Math.min(seen.length - 1, script.length - 1)];
    if (step === 'network') throw new TypeError('Failed to fetch');
    if (step === 'hang')
      return new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    // A host's fetch wrapper that ignores the AbortSignal: the request never settles.
    if (step === 'ignore') return new Promise(() => {});
    const [status, headers, body] = typeof step === 'number' ? [step] : step;
    return new Response(status === 204 ? null : JSON.stringify(body ?? {}), { status, headers });
  });
  return seen;
}

/** Lets real I/O (fake-indexeddb runs on setImmediate) proceed without moving the fake clock. */
async function until(done: () => Promise<boolean>) {
  for (let i = 0; i < 1000; i++) {
    if (await done()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition not reached');
}

function setup(options: { random?: () => number } = {}) {
  const name = `test-${++db}`;
  const queue = idbBox<Queued>(`${name}-queue`);
  const dead = idbBox<Failed>(`${name}-dead`);
  const heard: Delivery[] = [];
  const sender = createSender({
    queue,
    dead,
    lock: (fn) => fn(),
    options: () => ({}),
    notify: (d) => heard.push(d),
    random: options.random ?? (() => 0.5),
  });
  const add = async (answer: Answer = makeAnswer(), batch = 1, at = Date.now()) => {
    await enqueue(queue, entryFor(answer, ENDPOINT, batch, at));
    return answer;
  };
  const records = async () => (await queue.all()).map(([, r]) => r);
  return { name, queue, dead, sender, heard, add, records };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the queue', () => {
  it('stores answers before sending and gives them back in the order they were given', async () => {
    const { add, records } = setup();
    const given = [];
    for (let i = 0; i < 5; i++) given.push(await add(makeAnswer({ comment: `answer ${i}` }), 1, T0)); // same millisecond
    expect((await records()).map((r) => r.answer.id)).toEqual(given.map((a) => a.id));
    expect((await records())[0]).toMatchObject({ attempts: 0, nextAttemptAt: T0, queuedAt: T0, endpoint: ENDPOINT });
  });

  it('refuses the 501st answer instead of dropping any', async () => {
    const { queue, add, records } = setup();
    await queue.put(Array.from({ length: 500 }, (_, i) => entryFor(makeAnswer(), ENDPOINT, 1, T0 + i)));
    await expect(add()).rejects.toBeInstanceOf(QueueFullError);
    expect(await records()).toHaveLength(500);
  });

  it('refuses an answer that would take the queue past 1 MB', async () => {
    const { queue, add } = setup();
    const big = () => makeAnswer({ comment: 'x'.repeat(1000), context: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'y'.repeat(200)])) });
    const each = new Blob([JSON.stringify(big())]).size;
    const fit = Math.floor(LIMITS.maxBytes / each);
    await queue.put(Array.from({ length: fit }, (_, i) => entryFor(big(), ENDPOINT, 1, T0 + i)));
    await expect(add(big())).rejects.toBeInstanceOf(QueueFullError);
    await expect(add(makeAnswer({ comment: null }))).resolves.toBeTruthy(); // a small one still fits
  });

  it('keeps at most 200 dead letters, and none older than 7 days', async () => {
    const { queue, dead } = setup();
    const entries = Array.from({ length: 205 }, (_, i) => entryFor(makeAnswer(), ENDPOINT, 1, T0 + i));
    await queue.put(entries);
    await dead.put([[[0, 'old'], { answer: makeAnswer(), endpoint: ENDPOINT, batch: 1, status: 400, reason: 'x', failedAt: T0 - 8 * 86_400_000 }]]);
    await deadLetter(queue, dead, entries, 400, () => 'bad');
    const kept = await dead.all();
    expect(kept).toHaveLength(200);
    expect(kept[0][1].answer.id).toBe(entries[5][1].answer.id); // the five oldest answers went
    expect(await queue.all()).toHaveLength(0);
  });

  it('puts failed answers back with a fresh schedule', async () => {
    const { queue, dead, records } = setup();
    const [key, r] = entryFor(makeAnswer(), ENDPOINT, 1, T0);
    await dead.put([[key, { answer: r.answer, endpoint: ENDPOINT, batch: 1, status: 400, reason: 'bad', failedAt: T0 }]]);
    expect(await requeueFailed(queue, dead, T0 + 5)).toBe(1);
    expect(await records()).toMatchObject([{ answer: { id: r.answer.id }, attempts: 0, nextAttemptAt: T0 + 5 }]);
    expect(await dead.all()).toHaveLength(0);
  });
});

describe('sending', () => {
  it('posts one answer per request with an Idempotency-Key, and removes it only after a 2xx', async () => {
    const seen = endpoint(201);
    const { add, sender, records, heard } = setup();
    const a = await add();
    expect(await sender.flush()).toEqual({ sent: 1, pending: 0, failed: 0 });
    expect(seen).toHaveLength(1);
    expect(seen[0].url).toBe(ENDPOINT);
    expect(seen[0].headers).toMatchObject({ 'Content-Type': 'application/json', 'Idempotency-Key': a.id });
    expect(seen[0].body).toEqual(a);
    expect(await records()).toEqual([]);
    expect(heard).toEqual([{ type: 'sent', id: a.id, status: 201 }]);
  });

  it.each([200, 202, 204])('treats %i as delivered', async (status) => {
    endpoint(status);
    const { add, sender, records } = setup();
    await add();
    await sender.flush();
    expect(await records()).toEqual([]);
  });

  it.each([408, 425, 429, 500, 502, 503, 'network'] as const)('keeps the answer and retries later on %s', async (status) => {
    const seen = endpoint(status);
    const { add, sender, records, dead, heard } = setup({ random: () => 1 });
    const a = await add();
    expect(await sender.flush()).toEqual({ sent: 0, pending: 1, failed: 0 });
    expect(await records()).toMatchObject([{ answer: { id: a.id }, attempts: 1, nextAttemptAt: T0 + BACKOFF.base }]);
    expect(await dead.all()).toEqual([]);
    expect(heard).toEqual([]);
    // Not due yet: another flush sends nothing.
    await sender.flush();
    expect(seen).toHaveLength(1);
  });

  it('gives up on a request after 10 s and retries later', async () => {
    const seen = endpoint('hang');
    const { add, sender, records } = setup();
    await add();
    const flushed = sender.flush();
    await until(async () => seen.length === 1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await flushed).toMatchObject({ sent: 0, pending: 1 });
    expect(seen).toHaveLength(1);
    expect((await records())[0].attempts).toBe(1);
  });

  it("gives up after 10 s by its own timer when the host's fetch wrapper ignores the signal, and the next flush goes ahead", async () => {
    const seen = endpoint('ignore', 200);
    const { add, sender, records } = setup();
    await add();
    const flushed = sender.flush();
    await until(async () => seen.length === 1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await flushed).toMatchObject({ sent: 0, pending: 1 });
    expect((await records())[0].attempts).toBe(1);
    // The lock is free again: a forced flush sends at once.
    expect(await sender.flush(true)).toMatchObject({ sent: 1, pending: 0 });
  });

  it.each([400, 401, 403, 404, 409, 413, 415, 422])('dead-letters on %i and says why', async (status) => {
    endpoint([status, { 'Content-Type': 'application/json' }, { error: 'effort: must be an integer from 1 to 7, or null' }]);
    const { add, sender, records, dead, heard } = setup();
    const a = await add();
    expect(await sender.flush()).toEqual({ sent: 0, pending: 0, failed: 1 });
    expect(await records()).toEqual([]);
    expect((await dead.all())[0][1]).toMatchObject({ answer: a, status, reason: 'effort: must be an integer from 1 to 7, or null' });
    expect(heard).toEqual([{ type: 'failed', id: a.id, status, reason: 'effort: must be an integer from 1 to 7, or null' }]);
  });

  it('dead-letters just the ids a collector lists as rejected', async () => {
    const { add, sender, records, dead, heard } = setup();
    const good = await add(makeAnswer(), 10);
    const bad = await add(makeAnswer(), 10);
    endpoint([200, {}, { accepted: 1, duplicates: 0, rejected: [{ id: bad.id, error: 'comment: too long' }] }]);
    await sender.flush();
    expect(await records()).toEqual([]);
    expect((await dead.all()).map(([, f]) => [f.answer.id, f.reason])).toEqual([[bad.id, 'comment: too long']]);
    expect(heard).toEqual([
      { type: 'sent', id: good.id, status: 200 },
      { type: 'failed', id: bad.id, status: 200, reason: 'comment: too long' },
    ]);
  });

  it('honours Retry-After in seconds and as an HTTP date', async () => {
    endpoint([429, { 'Retry-After': '120' }], [503, { 'Retry-After': new Date(T0 + 3_600_000).toUTCString() }]);
    const { add, sender, records } = setup();
    await add();
    await sender.flush();
    expect((await records())[0].nextAttemptAt).toBe(T0 + 120_000);
    vi.setSystemTime(T0 + 120_000);
    await sender.flush();
    expect((await records())[0].nextAttemptAt).toBe(T0 + 3_600_000);
    expect(retryAfter('garbage')).toBeUndefined();
    expect(retryAfter(String(10 ** 9))).toBe(86_400_000); // capped at a day
  });

  it('rests a failing endpoint: one request per attempt, the whole due queue rescheduled and persisted', async () => {
    const seen = endpoint(500);
    const { name, add, sender } = setup({ random: () => 1 });
    for (let i = 0; i < 5; i++) await add();
    await sender.flush();
    expect(seen).toHaveLength(1);
    // The schedule lives with the records: a new page (a new connection) sees it.
    const reopened = await idbBox<Queued>(`${name}-queue`).all();
    expect(reopened.map(([, r]) => r.nextAttemptAt)).toEqual(Array(5).fill(T0 + 2000));
    expect(reopened.map(([, r]) => r.attempts)).toEqual([1, 0, 0, 0, 0]);
  });

  it('backs off exponentially with full jitter up to 30 minutes, and the timer retries by itself', async () => {
    const seen = endpoint(500);
    const { add, sender, records } = setup({ random: () => 1 });
    await add();
    await sender.flush();
    const waits = [];
    for (let attempt = 1; attempt <= 12; attempt++) {
      const { nextAttemptAt } = (await records())[0];
      waits.push(nextAttemptAt - Date.now());
      await vi.advanceTimersByTimeAsync(nextAttemptAt - Date.now());
      await until(async () => (await records())[0].attempts === attempt + 1);
    }
    expect(waits).toEqual([2000, 4000, 8000, 16000, 32000, 64000, 128000, 256000, 512000, 1024000, 1800000, 1800000]);
    expect(seen).toHaveLength(13);
  });

  it('keeps every backoff within [0, min(cap, base·2^(n−1))]', () => {
    for (let n = 1; n <= 20; n++) {
      const ceiling = Math.min(BACKOFF.cap, BACKOFF.base * 2 ** (n - 1));
      expect(backoff(n, () => 0)).toBe(0);
      expect(backoff(n, () => 0.999999)).toBeLessThanOrEqual(ceiling);
      for (let i = 0; i < 50; i++) {
        const wait = backoff(n);
        expect(wait).toBeGreaterThanOrEqual(0);
        expect(wait).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('moves answers unsent after 7 days to the dead letters as expired, without sending them', async () => {
    const seen = endpoint(200);
    const { add, sender, dead, heard } = setup();
    const old = await add(makeAnswer(), 1, T0 - 7 * 86_400_000 - 1);
    const fresh = await add();
    await sender.flush();
    expect(seen.map((s) => s.body.id)).toEqual([fresh.id]);
    expect((await dead.all())[0][1]).toMatchObject({ answer: { id: old.id }, status: 0, reason: 'expired' });
    expect(heard).toContainEqual({ type: 'failed', id: old.id, status: 0, reason: 'expired' });
  });

  it('sends batches as {"events": [...]} of at most `batch` answers and 60 KB', async () => {
    const seen = endpoint(200);
    const { add, sender } = setup();
    for (let i = 0; i < 120; i++) await add(makeAnswer(), 50);
    await sender.flush();
    expect(seen.map((s) => s.body.events.length)).toEqual([50, 50, 20]);
    expect(seen[0].headers['Idempotency-Key']).toBeUndefined();

    // ~9.4 KB answers: six fit in 60 KB, a seventh would not; another endpoint gets its own request.
    const big = (endpoint: string) => entryFor(makeAnswer({ comment: 'x'.repeat(1000), context: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, 'é'.repeat(200)])) }), endpoint, 100);
    const size = (c: ReturnType<typeof big>[]) => new Blob([JSON.stringify({ events: c.map(([, r]) => r.answer) })]).size;
    const a = Array.from({ length: 12 }, () => big('a'));
    const chunks = chunk([...a, big('b')]);
    expect(chunks.map((c) => c.length)).toEqual([6, 6, 1]);
    expect(chunks.map(size).every((bytes) => bytes <= 60_000)).toBe(true);
    expect(size(a.slice(0, 7))).toBeGreaterThan(60_000);
  });

  it('sends with keepalive within the 64 KiB budget of bodies in flight', async () => {
    const seen = endpoint(200);
    const { add, sender, queue, records } = setup();
    const a = await add();
    await sender.deliver(await queue.all(), true);
    expect(seen[0]).toMatchObject({ keepalive: true, body: { id: a.id } });
    expect(await records()).toEqual([]);
    // A stalled endpoint holds every body in flight: no more than the budget may be outstanding.
    const stalled = endpoint('hang');
    const big = () => makeAnswer({ comment: 'x'.repeat(1000), context: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, '€'.repeat(200)])) });
    const entries = Array.from({ length: 8 }, () => entryFor(big(), ENDPOINT, 1));
    for (const entry of entries) void sender.deliver([entry], true);
    expect(stalled.length).toBe(Math.floor(KEEPALIVE_BUDGET / (entries[0][1].bytes + 13)));
  });
});

describe('drafts', () => {
  it('are never sent, nor counted as pending, until they become answers', async () => {
    const seen = endpoint(200);
    const { queue, add, sender } = setup();
    const [key, record] = entryFor(makeAnswer(), ENDPOINT, 1);
    await queue.put([[key, { ...record, draft: 'another-page' }]]);
    const answer = await add();
    expect(await sender.flush(true)).toEqual({ sent: 1, pending: 0, failed: 0 });
    expect(seen.map((s) => s.body.id)).toEqual([answer.id]);
    expect(await queue.all()).toHaveLength(1);
  });

  it('are not rewritten when a failing endpoint is rescheduled (that could undo a draft becoming an answer)', async () => {
    endpoint(500);
    const { queue, add, sender } = setup();
    const [key, record] = entryFor(makeAnswer(), ENDPOINT, 1);
    await queue.put([[key, { ...record, draft: 'this-page' }]]);
    await add();
    const put = vi.spyOn(queue, 'put');
    await sender.flush(true);
    const written = put.mock.calls.flatMap(([items]) => items.map(([, r]) => r));
    expect(written.length).toBeGreaterThan(0);
    expect(written.some((r) => r.draft)).toBe(false);
  });

  it('become the answer in one write, under the same key, whatever the queue holds', async () => {
    const { queue, records } = setup();
    const entry = entryFor(makeAnswer(), ENDPOINT, 1);
    await queue.put([[entry[0], { ...entry[1], draft: 'this-page' }]]);
    await enqueue(queue, entry);
    expect(await records()).toEqual([entry[1]]);
  });
});

describe('the queued mark', () => {
  const storage = () => {
    const items = new Map<string, string>();
    vi.stubGlobal('localStorage', { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => items.set(k, v), removeItem: (k: string) => items.delete(k) });
    return items;
  };

  it('is cleared by a flush that leaves the queue empty, and kept while anything is stored', async () => {
    const items = storage();
    endpoint(500, 200);
    const { add, sender } = setup({ random: () => 1 });
    items.set('touchpoint:queued', String(T0 - 60_000));
    await add();
    await sender.flush();
    expect(items.get('touchpoint:queued')).toBe(String(T0 - 60_000));
    await sender.flush(true);
    // Removed, not set to null: Touchpoint leaves no key behind that says nothing.
    expect(items.has('touchpoint:queued')).toBe(false);
  });

  it('is kept when another tab marked a write just before the queue was read', async () => {
    const items = storage();
    endpoint(200);
    const { sender } = setup();
    items.set('touchpoint:queued', String(T0 - 2_000));
    await sender.flush();
    expect(items.get('touchpoint:queued')).toBe(String(T0 - 2_000));
  });
});

describe('storage that fails', () => {
  it('reopens once, then keeps answers in memory and says so once', async () => {
    let opens = 0;
    const failing = (): Box<Queued> => {
      opens++;
      const fail = () => Promise.reject(new DOMException('quota', 'QuotaExceededError'));
      return { all: fail, put: fail, del: fail };
    };
    const fellBack = vi.fn();
    const box = resilientBox(failing, fellBack);
    const entry = entryFor(makeAnswer(), ENDPOINT, 1);
    await enqueue(box, entry);
    await enqueue(box, entryFor(makeAnswer(), ENDPOINT, 1));
    expect(opens).toBe(2);
    expect(fellBack).toHaveBeenCalledOnce();
    expect(box.memory).toBeTruthy();
    expect((await box.all()).map(([, r]) => r.answer.id)[0]).toBe(entry[1].answer.id);
  });

  it('recovers when the second open works', async () => {
    let opens = 0;
    const real = memoryBox<Queued>();
    const fellBack = vi.fn();
    const box = resilientBox(() => {
      if (++opens > 1) return real;
      const fail = () => Promise.reject(new DOMException('closing', 'InvalidStateError'));
      return { all: fail, put: fail, del: fail };
    }, fellBack);
    await enqueue(box, entryFor(makeAnswer(), ENDPOINT, 1));
    expect(fellBack).not.toHaveBeenCalled();
    expect(box.memory).toBeUndefined();
    expect(await real.all()).toHaveLength(1);
  });

  it('treats an IndexedDB open that never settles as unusable', async () => {
    const open = vi.spyOn(indexedDB, "open").mockImplementation(() => ({}) as IDBOpenDBRequest);
    const fellBack = vi.fn();
    const box = resilientBox(() => idbBox<Queued>('hanging'), fellBack);
    const stored = enqueue(box, entryFor(makeAnswer(), ENDPOINT, 1));
    await vi.advanceTimersByTimeAsync(6_000);
    await stored;
    expect(open).toHaveBeenCalledTimes(2);
    expect(fellBack).toHaveBeenCalledOnce();
    open.mockRestore();
  });
});

describe('flushing on request', () => {
  it('sends answers that are waiting out a backoff when forced, and not otherwise', async () => {
    const seen = endpoint(500, 200);
    const { add, sender, records } = setup({ random: () => 1 });
    await add();
    await sender.flush();
    await sender.flush();
    expect(seen).toHaveLength(1);
    expect(await sender.flush(true)).toMatchObject({ sent: 1, pending: 0 });
    expect(seen).toHaveLength(2);
    expect(await records()).toEqual([]);
  });
});

describe('flushing while the page hides', () => {
  it('sends what is due with keepalive', async () => {
    const seen = endpoint(200);
    const { add, sender, records } = setup();
    await add();
    await add();
    await sender.flush(false, true);
    expect(seen.map((s) => s.keepalive)).toEqual([true, true]);
    expect(await records()).toEqual([]);
  });
});
