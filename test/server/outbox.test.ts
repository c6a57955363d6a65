import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { event, newSecret, type WebhookEventType, type WebhookFilter } from '../../src/server/outbox/events.js';
import { openStorage } from '../../src/server/storage/open.js';
import type { ClaimedDelivery } from '../../src/server/storage/outbox.js';
import type { Storage } from '../../src/server/storage/storage.js';
import { makeAnswer } from '../fixtures/answers.js';
import { bothEngines } from './engines.js';

/**
 * The outbox as each engine keeps it, below the HTTP API: `answer.created` is a mark written with
 * the answer and turned into deliveries when claimed, once however many claim; forgetting an
 * answer forgets its event at either step; pruning keeps what is pending.
 */
const { engines: ENGINES } = bothEngines('outbox');

const LEASE_MS = 30_000;
const T0 = Date.UTC(2026, 10, 20, 10);

describe.each(ENGINES)('%s outbox', (_engine, options) => {
  const opened: Storage[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });

  /** Storage on a fresh database, and `again()` for a second handle on the same one (another process). */
  async function fresh() {
    const { databaseUrl } = await options();
    const dbPath = join(mkdtempSync(join(tmpdir(), 'touchpoint-outbox-')), 'touchpoint.db');
    const open = async () => {
      const s = await openStorage({ dbPath, databaseUrl });
      opened.push(s);
      return s;
    };
    return { storage: await open(), again: open };
  }

  async function target(s: Storage, events: WebhookEventType[], filter: WebhookFilter = 'all') {
    const t = { id: randomUUID(), url: `https://hooks.example/${randomUUID()}`, events, format: 'standard' as const, filter, createdAt: new Date().toISOString(), secret: newSecret() };
    await s.outbox.createWebhook(t);
    return t.id;
  }

  /** Claims until nothing is due at `at`. */
  async function claimAll(s: Storage, at: number, limit = 16): Promise<ClaimedDelivery[]> {
    const all: ClaimedDelivery[] = [];
    for (;;) {
      const got = await s.outbox.claim(at, limit, at + LEASE_MS);
      if (!got.length) return all;
      all.push(...got);
    }
  }

  const easy = (overrides: Partial<Answer> = {}) => makeAnswer({ effort: 6, emotion: 'satisfied', ...overrides });
  const hard = (overrides: Partial<Answer> = {}) => makeAnswer({ effort: 2, emotion: 'frustrated', comment: 'It took three tries.', ...overrides });

  it('turns an answer a target wants into one delivery per target when claimed, its body the stored answer, its id the same on every retry', async () => {
    const { storage: s } = await fresh();
    const all = await target(s, ['answer.created']);
    const hardOnly = await target(s, ['answer.created'], 'hard');
    await target(s, ['notice.created']);
    const [e, h] = [easy(), hard({ id: randomUUID().toUpperCase() })];
    expect(await s.insert([e, h], T0)).toEqual([true, true]);

    const claimed = await claimAll(s, T0 + 1000);
    const sent = claimed.map((d) => [d.target.id, d.event.data.answer]);
    expect(sent).toHaveLength(3);
    expect(sent).toEqual(expect.arrayContaining([[all, e], [all, h], [hardOnly, h]]));
    for (const d of claimed) {
      expect(d.event).toMatchObject({ type: 'answer.created', timestamp: new Date(T0).toISOString(), answerId: (d.event.data.answer as Answer).id.toLowerCase() });
      expect(d.event.data.hard).toBe((d.event.data.answer as Answer).id === h.id);
      expect(d.event.id).toMatch(/^msg_[0-9a-f]{32}$/);
    }
    // One event per answer, whichever targets it goes to.
    const idOf = (answer: Answer) => new Set(claimed.filter((d) => (d.event.data.answer as Answer).id === answer.id).map((d) => d.event.id));
    expect(idOf(h).size).toBe(1);
    expect(idOf(e)).not.toEqual(idOf(h));

    // Leased: nothing again until the lease ends; then the same deliveries with the same ids.
    expect(await s.outbox.claim(T0 + 2000, 16, T0 + 2000 + LEASE_MS)).toEqual([]);
    const again = await claimAll(s, T0 + 1000 + LEASE_MS);
    expect(again.map((d) => [d.id, d.event.id]).sort()).toEqual(claimed.map((d) => [d.id, d.event.id]).sort());
  });

  it('marks nothing when no target wants the answer: a target added later gets none of the answers before it', async () => {
    const { storage: s } = await fresh();
    await target(s, ['answer.created'], 'hard');
    await s.insert([easy()], T0);
    expect(await claimAll(s, T0 + 1000)).toEqual([]);
    await s.insert([hard()], T0 + 1000);
    await target(s, ['answer.created']);
    await s.insert([easy()], T0 + 2000);
    // The hard answer (marked before the second target) goes to both, as targets are when claimed; the easy one before the second target to none.
    const claimed = await claimAll(s, T0 + 3000);
    expect(claimed.map((d) => d.event.data.hard).sort()).toEqual([false, true, true]);
  });

  it('forgets an answer\'s event with its journey, before it was claimed and after', async () => {
    const { storage: s } = await fresh();
    const t = await target(s, ['answer.created']);
    const [gone, kept] = [hard({ journey: randomUUID() }), hard({ journey: randomUUID() })];
    await s.insert([gone, kept], T0);
    // Before: only a mark.
    expect(await s.forgetJourney(gone.journey)).toBe(1);
    const first = await claimAll(s, T0 + 1000);
    expect(first.map((d) => (d.event.data.answer as Answer).id)).toEqual([kept.id]);
    await s.outbox.settle(first[0].id, { delivered: true, status: 204, atMs: T0 + 1000 });

    // After: a delivery that failed once and waits for its retry.
    const later = hard({ journey: randomUUID() });
    await s.insert([later], T0 + 2000);
    const [d] = await claimAll(s, T0 + 3000);
    expect(d.event.data.answer).toEqual(later);
    await s.outbox.settle(d.id, { delivered: false, status: 503, error: 'HTTP 503', atMs: T0 + 3000, retryAtMs: T0 + 8000 });
    expect((await s.outbox.deliveries(t, 10)).map((x) => x.id)).toContain(d.id);
    expect(await s.forgetJourney(later.journey)).toBe(1);
    expect((await s.outbox.deliveries(t, 10)).map((x) => x.id)).not.toContain(d.id);
    expect(await claimAll(s, T0 + 60_000 + LEASE_MS)).toEqual([]);
  });

  it('turns each mark into deliveries once, however many processes claim at once', async () => {
    const { storage: first, again } = await fresh();
    const second = await again();
    await target(first, ['answer.created']);
    const answers = Array.from({ length: 120 }, () => easy());
    for (let i = 0; i < answers.length; i += 40) await first.insert(answers.slice(i, i + 40), T0 + i);
    const [a, b] = await Promise.all([claimAll(first, T0 + 1000, 7), claimAll(second, T0 + 1000, 5)]);
    const ids = [...a, ...b].map((d) => (d.event.data.answer as Answer).id);
    expect(ids.length).toBe(answers.length);
    expect(new Set(ids)).toEqual(new Set(answers.map((x) => x.id)));
  });

  it('prunes settled deliveries before the cutoff, a batch at a time, and never what is pending or its event', async () => {
    const { storage: s } = await fresh();
    const t = await target(s, ['answer.created']);
    await s.insert([easy(), easy(), easy()], T0);
    const delivered = await claimAll(s, T0);
    await s.outbox.settleAll(delivered.map((d) => ({ id: d.id, outcome: { delivered: true as const, status: 204, atMs: T0 } })));
    // A stored event (not an answer's) whose delivery is still pending.
    const test = event('webhook.test', { message: 'test' }, T0);
    expect(await s.outbox.enqueue(test, T0, t)).toBe(1);
    await s.insert([easy()], T0 + 10 * 86_400_000);

    expect(await s.outbox.prune(T0 + 1, 2)).toBe(2);
    expect(await s.outbox.prune(T0 + 1, 2)).toBe(1);
    expect(await s.outbox.prune(T0 + 1, 2)).toBe(0);
    const left = await s.outbox.deliveries(t, 10);
    expect(left.map((d) => d.state)).toEqual(['pending']);
    expect(left[0].eventId).toBe(test.id);
    // Both still go out: the pending test event, and the answer from ten days later (still a mark).
    const claimed = await claimAll(s, T0 + 1000);
    expect(claimed.map((d) => d.event.type).sort()).toEqual(['answer.created', 'webhook.test']);
    expect(claimed.find((d) => d.event.type === 'webhook.test')!.event).toMatchObject({ id: test.id, data: { message: 'test' } });
  });
});
