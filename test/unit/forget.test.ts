// Touchpoint.forget(): this browser's queue, failed answers, drafts and touchpoint:* keys are
// deleted first, then each collector known here is asked to delete the journey; the next answer
// starts a new journey, other tabs drop what they hold, and nothing ever rejects.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configure, forget } from '../../src/api.js';
import type { Answer } from '../../src/core/answer.js';
import { erase, journeysUrl } from '../../src/core/delivery/erase.js';
import { entryFor, type Failed, type Queued } from '../../src/core/delivery/queue.js';
import { createRuntime } from '../../src/core/delivery/runtime.js';
import { idbBox, type Box } from '../../src/core/delivery/store.js';
import { TIMEOUT } from '../../src/core/delivery/transport.js';
import { journeyId } from '../../src/core/journey.js';
import '../../src/elements/feedback/element.js';
import { makeAnswer } from '../fixtures/answers.js';
import { fakeLocks } from '../fixtures/locks.js';

const COLLECTOR = 'https://collector.test/api/feedback';
const JOURNEY = '0b8f3c1e-6a0f-4a57-9a47-6c8d1b2a3f40';
const RUNTIME = Symbol.for('touchpoint-cx.runtime');

interface Call {
  method: string;
  url: string;
  init: RequestInit;
  body?: Answer;
}
let calls: Call[];
/** How the stubbed network answers each request. */
let reply: (call: Call) => Response | Promise<Response>;
let locks: ReturnType<typeof fakeLocks>;
let queue: Box<Queued>;
let dead: Box<Failed>;
let n = 0;

beforeEach(() => {
  calls = [];
  reply = ({ method }) => (method == 'DELETE' ? Response.json({ deleted: 0 }) : new Response('{}'));
  locks = fakeLocks();
  vi.spyOn(navigator, 'locks', 'get').mockReturnValue(locks as unknown as LockManager);
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const call = { method: init.method ?? 'GET', url, init, body: init.body ? JSON.parse(init.body as string) : undefined };
    calls.push(call);
    return reply(call);
  });
  queue = idbBox<Queued>(`forget-${++n}-queue`);
  dead = idbBox<Failed>(`forget-${n}-dead`);
  localStorage.clear();
});
afterEach(() => {
  document.body.replaceChildren();
  delete (globalThis as Record<symbol, unknown>)[RUNTIME];
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/** Waits, polling, until `check` holds (bounded). */
async function until(check: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not reached');
}
const all = async () => [...(await queue.all()), ...(await dead.all())];
const owner = () => document.body.appendChild(document.createElement('div'));
const deletes = () => calls.filter((c) => c.method == 'DELETE');

describe('the journeys URL', () => {
  it.each([
    ['https://collector.example/api/feedback', 'https://collector.example/api/journeys/J'],
    ['http://127.0.0.1:8080/feedback', 'http://127.0.0.1:8080/journeys/J'],
    ['https://collector.example/api/feedback?site=shop', 'https://collector.example/api/journeys/J?site=shop'],
    ['https://hooks.example/catch/42', undefined],
    ['https://collector.example/api/feedback/', undefined],
    ['https://collector.example/api/myfeedback', undefined],
    ['https://collector.example/api/feedbacks', undefined],
    ['https://collector.example/collect?next=/feedback', undefined],
  ])('of %s is %s', (endpoint, expected) => {
    expect(journeysUrl(endpoint, 'J')).toBe(expected);
  });
});

describe('forget()', () => {
  it("deletes the queue, the failed answers, the drafts and every touchpoint:* key, and nothing of the host's", async () => {
    const [k1, queued] = entryFor(makeAnswer(), COLLECTOR, 1);
    const [k2, draft] = entryFor(makeAnswer(), COLLECTOR, 1);
    const [k3, refused] = entryFor(makeAnswer(), COLLECTOR, 1);
    await queue.put([
      [k1, { ...queued, nextAttemptAt: Date.now() + 3_600_000 }],
      [k2, { ...draft, draft: 'a-page-still-open' }],
    ]);
    await dead.put([[k3, { answer: refused.answer, endpoint: COLLECTOR, batch: 1, status: 400, reason: 'no', failedAt: Date.now() }]]);
    journeyId();
    for (const [key, value] of [['touchpoint:queued', '1'], ['touchpoint:asked:checkout', '1'], ['host:cart', '{"items":2}']]) localStorage.setItem(key, value);
    const rt = createRuntime({ queue, dead });
    expect(await all()).toHaveLength(3);

    const result = await rt.forget([]);
    expect(result.local).toBe(true);
    expect(await all()).toEqual([]);
    expect(Object.keys(localStorage)).toEqual(['host:cart']);
    expect(await rt.pending()).toEqual([]);
    expect(await rt.failed()).toEqual([]);
    // A flush that finds the queue empty leaves no mark behind either.
    await rt.flush();
    expect(Object.keys(localStorage)).toEqual(['host:cart']);
  });

  it('gives the next answer a new journey id, and a page that had the old one does not write it back', async () => {
    const before = journeyId();
    await createRuntime({ queue, dead }).forget([]);
    const after = journeyId();
    expect(after).toMatch(/^[\da-f-]{36}$/);
    expect(after).not.toBe(before);
    expect(JSON.parse(localStorage.getItem('touchpoint:journey')!).id).toBe(after);
    // Another tab forgot: the key is gone, and this page, which never heard, starts a new journey too.
    localStorage.removeItem('touchpoint:journey');
    expect(journeyId()).not.toBe(after);
  });

  it("asks every collector known here, with the configured headers and credentials: …/feedback becomes …/journeys/<journey>", async () => {
    localStorage.setItem('touchpoint:journey', JSON.stringify({ id: JOURNEY, since: Date.now() }));
    const older = 'aaaaaaaa-6a0f-4a57-9a47-6c8d1b2a3f40';
    const [key, record] = entryFor(makeAnswer({ journey: older }), 'https://other.test/v2/feedback', 1);
    await dead.put([[key, { answer: record.answer, endpoint: record.endpoint, batch: 1, status: 422, reason: 'no', failedAt: Date.now() }]]);
    reply = ({ method, url }) => (method == 'DELETE' ? Response.json({ deleted: url.includes(older) ? 0 : 2 }) : new Response('{}'));
    const rt = createRuntime({ queue, dead });
    rt.configure({ headers: { Authorization: 'Bearer site-key' }, credentials: 'include' });

    const result = await rt.forget(['/api/feedback', `${location.origin}/api/feedback`, COLLECTOR]);
    const expected = [
      `${location.origin}/api/journeys/${JOURNEY}`,
      `${location.origin}/api/journeys/${older}`,
      `https://collector.test/api/journeys/${JOURNEY}`,
      `https://collector.test/api/journeys/${older}`,
      `https://other.test/v2/journeys/${JOURNEY}`,
      `https://other.test/v2/journeys/${older}`,
    ];
    expect(deletes().map((c) => c.url).sort()).toEqual([...expected].sort());
    for (const { init } of deletes()) expect(init).toMatchObject({ headers: { Authorization: 'Bearer site-key' }, credentials: 'include' });
    expect(result.deleted).toBe(6);
    expect(result.endpoints).toHaveLength(6);
    expect(result.endpoints).toContainEqual({ url: `https://collector.test/api/journeys/${JOURNEY}`, status: 200, deleted: 2 });
  });

  it('asks no custom endpoint, and says so', async () => {
    journeyId();
    const result = await createRuntime({ queue, dead }).forget(['https://hooks.example/catch/42', '/collect', '/collect', null, 'javascript:void 0', 42]);
    expect(deletes()).toEqual([]);
    expect(result).toEqual({
      local: true,
      deleted: null,
      endpoints: [
        { url: 'https://hooks.example/catch/42', status: null, deleted: null },
        { url: `${location.origin}/collect`, status: null, deleted: null },
      ],
    });
  });

  it('gives a count only when every collector confirmed one, and says what each answered', async () => {
    journeyId();
    reply = ({ url }) =>
      url.startsWith('https://a.test') ? Response.json({ deleted: 3 }) : url.startsWith('https://b.test') ? new Response('<h1>Not found</h1>', { status: 404 }) : Promise.reject(new TypeError('Failed to fetch'));
    const result = await createRuntime({ queue, dead }).forget(['https://a.test/feedback', 'https://b.test/feedback', 'https://c.test/feedback']);
    expect(result.deleted).toBeNull();
    expect(result.endpoints.map(({ status, deleted }) => [status, deleted])).toEqual([
      [200, 3],
      [404, null],
      [0, null],
    ]);
    // The journey is forgotten now: a new one, and this time every collector confirms.
    journeyId();
    reply = () => Response.json({ deleted: 3 });
    expect((await createRuntime({ queue, dead }).forget(['https://a.test/feedback', 'https://b.test/feedback'])).deleted).toBe(6);
  });

  it('waits for a flush already sending, deletes what is stored, and only then asks the collector', async () => {
    let release!: () => void;
    reply = ({ method }) =>
      method == 'DELETE' ? Response.json({ deleted: 1 }) : new Promise<Response>((resolve) => (release = () => resolve(new Response('down', { status: 503 }))));
    const rt = createRuntime({ queue, dead });
    const answer = makeAnswer();
    await rt.submit(answer, { endpoint: COLLECTOR, batch: 1 }, owner());
    await until(() => calls.some((c) => c.method == 'POST'));

    const asked = locks.requests;
    const forgetting = rt.forget([]);
    // It asked for the tabs' send lock, which the flush holds: nothing is deleted yet.
    expect(locks.requests).toBe(asked + 1);
    expect((await all()).map(([, r]) => r.answer.id)).toEqual([answer.id]);
    expect(deletes()).toEqual([]);

    release();
    const result = await forgetting;
    expect(await all()).toEqual([]);
    expect(calls.map((c) => c.method)).toEqual(['POST', 'DELETE']);
    expect(result).toMatchObject({ local: true, deleted: 1, endpoints: [{ url: `https://collector.test/api/journeys/${answer.journey}`, status: 200, deleted: 1 }] });
  });

  it('tells the other tabs, which drop what they hold and do not send it as their page hides', async () => {
    reply = ({ method }) => (method == 'DELETE' ? Response.json({ deleted: 0 }) : new Response('down', { status: 503 }));
    const other = createRuntime({ queue, dead });
    const here = createRuntime({ queue, dead });
    const answer = makeAnswer();
    await other.submit(answer, { endpoint: COLLECTOR, batch: 1 }, owner());
    await until(async () => (await queue.all()).some(([, r]) => r.attempts == 1));
    // Channels hear a message in the order they were made: once this one hears it, so did the other tab.
    const probe = new BroadcastChannel('touchpoint');
    const heard = new Promise<void>((resolve) => (probe.onmessage = ({ data }) => data == 'forget' && resolve()));
    await here.forget([]);
    await heard;
    probe.close();

    calls = [];
    dispatchEvent(new Event('pagehide'));
    dispatchEvent(new Event('pageshow'));
    expect(calls.filter((c) => c.body?.id == answer.id)).toEqual([]);
    expect(await all()).toEqual([]);
  });
});

describe('Touchpoint.forget()', () => {
  it('asks the collector of each <cx-feedback> on the page and the one named, and gives no count while another endpoint was not asked', async () => {
    for (const endpoint of ['/api/feedback', '/collect']) {
      const el = document.createElement('cx-feedback');
      el.setAttribute('endpoint', endpoint);
      document.body.append(el);
    }
    const journey = journeyId();
    configure({ headers: { 'X-Site': 'shop' } });
    const result = await forget({ endpoint: 'https://collector.example/api/feedback' });
    expect(result).toEqual({
      local: true,
      deleted: null,
      endpoints: [
        { url: `https://collector.example/api/journeys/${journey}`, status: 200, deleted: 0 },
        { url: `${location.origin}/api/journeys/${journey}`, status: 200, deleted: 0 },
        { url: `${location.origin}/collect`, status: null, deleted: null },
      ],
    });
    expect(deletes()[0].init.headers).toEqual({ 'X-Site': 'shop' });
    expect(localStorage.getItem('touchpoint:journey')).toBeNull();
  });

  it('never rejects: storage, locks and channels refused, the network down, or called wrongly', async () => {
    const refused = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    const storage = Object.getOwnPropertyDescriptor(globalThis, 'localStorage')!;
    Object.defineProperty(globalThis, 'localStorage', { configurable: true, get: refused });
    vi.spyOn(indexedDB, 'open').mockImplementation(refused);
    vi.spyOn(navigator, 'locks', 'get').mockReturnValue(undefined as unknown as LockManager);
    vi.stubGlobal('BroadcastChannel', refused);
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      // Without localStorage the journey is the page's own: it is the one to delete, then a new one.
      const journey = journeyId();
      const result = await forget({ endpoint: '/api/feedback' });
      expect(result).toEqual({ local: false, deleted: 0, endpoints: [{ url: `${location.origin}/api/journeys/${journey}`, status: 200, deleted: 0 }] });
      expect(journeyId()).not.toBe(journey);

      reply = () => Promise.reject(new TypeError('Failed to fetch'));
      await expect(forget({ endpoint: '/api/feedback' })).resolves.toMatchObject({ local: false, deleted: null, endpoints: [{ status: 0 }] });
      await expect(forget(null as never)).resolves.toMatchObject({ local: false });
      await expect(forget({ endpoint: 42 as never })).resolves.toMatchObject({ local: false });
    } finally {
      Object.defineProperty(globalThis, 'localStorage', storage);
    }
  });

  it('resolves, with no answer, when the collector never answers', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    vi.stubGlobal('fetch', () => new Promise(() => {}));
    const url = `https://collector.test/api/journeys/${JOURNEY}`;
    const erased = erase(url, {});
    await vi.advanceTimersByTimeAsync(TIMEOUT);
    expect(await erased).toEqual({ url, status: 0, deleted: null });
  });
});
