// The runtime: drafts kept in IndexedDB until they become answers, drafts of page views that are
// gone adopted by the next one, nothing at all done at load when nothing is queued, and no lock
// asked for while the page hides (a lock granted to a frozen page costs it the bfcache).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { markQueued } from '../../src/core/delivery/mark.js';
import { entryFor, type Failed, type Queued } from '../../src/core/delivery/queue.js';
import { createRuntime, DRAFT_TTL, resume, runtime } from '../../src/core/delivery/runtime.js';
import { idbBox, type Box } from '../../src/core/delivery/store.js';
import { makeAnswer } from '../fixtures/answers.js';
import { fakeLocks } from '../fixtures/locks.js';

const ENDPOINT = 'https://collector.test/api/feedback';
let n = 0;
let sent: { body: Answer; keepalive?: boolean }[];
let locks: ReturnType<typeof fakeLocks>;
let queue: Box<Queued>;
let dead: Box<Failed>;

beforeEach(() => {
  sent = [];
  locks = fakeLocks();
  vi.spyOn(navigator, 'locks', 'get').mockReturnValue(locks as unknown as LockManager);
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    sent.push({ body: JSON.parse(init.body as string), keepalive: init.keepalive });
    return new Response('{}', { status: 200 });
  });
  queue = idbBox<Queued>(`runtime-${++n}-queue`);
  dead = idbBox<Failed>(`runtime-${n}-dead`);
  localStorage.clear();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

/** Waits, polling, until `check` holds (bounded). */
async function until(check: () => boolean | Promise<boolean>) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not reached');
}
const stored = async () => (await queue.all()).map(([, r]) => r);
const owner = () => document.body.appendChild(document.createElement('div'));

describe('drafts', () => {
  it('are stored the moment something is chosen, owned by this page, and not sent', async () => {
    const rt = createRuntime({ queue, dead });
    const a = makeAnswer({ effort: 2, emotion: null, comment: null });
    rt.draft(a.id, a, { endpoint: ENDPOINT, batch: 1 }, owner());
    await until(async () => (await stored()).length == 1);
    expect((await stored())[0]).toMatchObject({ answer: { id: a.id, effort: 2 }, draft: expect.any(String) });
    expect(localStorage.getItem('touchpoint:queued')).not.toBeNull();
    // This page holds a lock named after it while it has drafts: other pages see it is alive.
    expect([...locks.held].some((name) => name.startsWith('touchpoint:page:'))).toBe(true);
    await rt.flush();
    expect(sent).toEqual([]);
    expect(await rt.pending()).toEqual([]);
  });

  it('keep the newest state however fast it changes, and become the answer with the same id on submit', async () => {
    const rt = createRuntime({ queue, dead });
    const el = owner();
    const a = makeAnswer({ comment: 'T' });
    for (const comment of ['Th', 'The', 'The box', 'The box was torn']) rt.draft(a.id, { ...a, comment }, { endpoint: ENDPOINT, batch: 1 }, el);
    await until(async () => (await stored())[0]?.answer.comment == 'The box was torn');
    await rt.submit({ ...a, comment: 'The box was torn.' }, { endpoint: ENDPOINT, batch: 1 }, el);
    await until(() => sent.length == 1);
    expect(sent[0].body).toMatchObject({ id: a.id, comment: 'The box was torn.' });
    await until(async () => (await stored()).length == 0);
  });

  it('are deleted when nothing is chosen any more', async () => {
    const rt = createRuntime({ queue, dead });
    const a = makeAnswer();
    rt.draft(a.id, a, { endpoint: ENDPOINT, batch: 1 }, owner());
    rt.draft(a.id, null, { endpoint: ENDPOINT, batch: 1 }, owner());
    await until(async () => (await stored()).length == 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await stored()).toEqual([]);
  });

  it("of a page view that is gone (its lock is not held) are adopted as answers and sent; a live page's are left alone", async () => {
    const gone = makeAnswer({ comment: 'left in a tab that crashed' });
    const alive = makeAnswer({ comment: 'still being written in another tab' });
    const minuteAgo = Date.now() - 60_000;
    const [k1, r1] = entryFor(gone, ENDPOINT, 1, minuteAgo);
    const [k2, r2] = entryFor(alive, ENDPOINT, 1, minuteAgo);
    await queue.put([
      [k1, { ...r1, draft: 'crashed-page' }],
      [k2, { ...r2, draft: 'open-page' }],
    ]);
    let release!: () => void;
    void locks.request('touchpoint:page:open-page', () => new Promise<void>((done) => (release = done)));
    const rt = createRuntime({ queue, dead });
    await until(() => sent.length == 1);
    expect(sent[0].body.id).toBe(gone.id);
    expect((await stored()).map((r) => [r.answer.id, r.draft])).toEqual([[alive.id, 'open-page']]);
    // Once that page is gone too, its draft is adopted.
    release();
    await rt.flush();
    expect(sent.map((s) => s.body.id)).toEqual([gone.id, alive.id]);
  });

  it('are left alone while their page still waits for its lock', async () => {
    const [key, record] = entryFor(makeAnswer(), ENDPOINT, 1);
    await queue.put([[key, { ...record, draft: 'page-waiting-for-its-lock' }]]);
    const waiting = locks.query;
    locks.query = async () => ({ held: [], pending: [{ name: 'touchpoint:page:page-waiting-for-its-lock' }] });
    const rt = createRuntime({ queue, dead });
    await rt.flush();
    locks.query = waiting;
    expect(sent).toEqual([]);
    expect(await stored()).toHaveLength(1);
  });

  it('where the browser has no Web Locks, are adopted once untouched for an hour', async () => {
    vi.spyOn(navigator, 'locks', 'get').mockReturnValue(undefined as unknown as LockManager);
    const recent = makeAnswer();
    const old = makeAnswer();
    const [k1, r1] = entryFor(recent, ENDPOINT, 1);
    const [k2, r2] = entryFor(old, ENDPOINT, 1, Date.now() - DRAFT_TTL - 1);
    await queue.put([
      [k1, { ...r1, draft: 'page-a' }],
      [k2, { ...r2, draft: 'page-b' }],
    ]);
    const rt = createRuntime({ queue, dead });
    await rt.flush();
    expect(sent.map((s) => s.body.id)).toEqual([old.id]);
    expect(await rt.pending()).toEqual([]);
  });
});

describe('while the page hides', () => {
  it("sends this page's answers with keepalive, asks for no lock, and lets go of the page's lock", async () => {
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      sent.push({ body: JSON.parse(init.body as string), keepalive: init.keepalive });
      return new Response('down', { status: 503 });
    });
    const rt = createRuntime({ queue, dead });
    const el = owner();
    const draft = makeAnswer({ comment: 'a draft' });
    rt.draft(draft.id, draft, { endpoint: ENDPOINT, batch: 1 }, el);
    const a = makeAnswer();
    await rt.submit(a, { endpoint: ENDPOINT, batch: 1 }, el);
    // The first attempt is over (503, rescheduled): an answer still in flight is not sent twice.
    await until(async () => (await stored()).some((r) => r.answer.id == a.id && r.attempts == 1));
    const before = locks.requests;
    window.dispatchEvent(new Event('pagehide'));
    window.dispatchEvent(new Event('pageshow'));
    expect(locks.requests).toBe(before);
    expect(sent.filter((s) => s.keepalive).map((s) => s.body.id)).toContain(a.id);
    await until(() => ![...locks.held].some((name) => name.startsWith('touchpoint:page:')));
  });
});

describe('page load', () => {
  const RUNTIME = Symbol.for('touchpoint-cx.runtime');
  const idleNow = () => vi.stubGlobal('requestIdleCallback', vi.fn((fn: () => void) => fn()));
  afterEach(() => delete (globalThis as Record<symbol, unknown>)[RUNTIME]);

  it('waits for idle time, then touches no storage, lock or network when nothing is queued', async () => {
    const open = vi.spyOn(indexedDB, 'open');
    const later = vi.fn();
    vi.stubGlobal('requestIdleCallback', later);
    resume();
    expect(later).toHaveBeenCalledWith(expect.any(Function), { timeout: 5000 });
    idleNow();
    resume();
    // No page runtime, so no lock, flush or request; and the page's database stays closed. (The
    // runtimes of the tests above still run their timers: their own databases do not count.)
    expect((globalThis as Record<symbol, unknown>)[RUNTIME]).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(open.mock.calls.filter(([name]) => name == 'touchpoint-queue' || name == 'touchpoint-failed')).toEqual([]);
  });

  it('starts the runtime, which sends what is due, when an earlier page left something queued', async () => {
    markQueued();
    idleNow();
    resume();
    expect((globalThis as Record<symbol, unknown>)[RUNTIME]).toBe(runtime());
  });
});
