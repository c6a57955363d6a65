import { describe, expect, it } from 'vitest';
import { dispatcher, nextAttempt, BACKOFF_S, KEEP_SETTLED_MS, PRUNE_BATCH, PRUNE_EVERY_MS } from '../../src/server/outbox/dispatcher.js';
import { ingestPressure, loopUtilization, WINDOW_MS } from '../../src/server/ingest-pressure.js';
import type { Outbox } from '../../src/server/storage/outbox.js';
import { GIVE_UP_MS } from '../../src/server/storage/outbox.js';

/** An outbox with nothing due that counts the dispatcher's claims and prunes (each prune deletes `pruned.next`). */
function countingOutbox() {
  const claims: number[] = [];
  const prunes: number[] = [];
  const pruned = { next: 0 };
  const outbox = {
    claim: async () => (claims.push(Date.now()), []),
    settleAll: async () => {},
    settle: async () => {},
    prune: async (beforeMs: number, limit: number) => (prunes.push(beforeMs), Math.min(pruned.next, limit)),
  } as unknown as Outbox;
  return { outbox, claims, prunes, pruned };
}

describe('the webhook dispatcher', () => {
  it('lets answers being stored go first, but never waits for them for ever', async () => {
    const { outbox, claims } = countingOutbox();
    let storing = true;
    const d = dispatcher({ outbox, pollMs: 60_000, yieldTo: () => storing });
    const began = Date.now();
    d.wake();
    // The writer never idles: a claim still goes ahead, YIELD_MAX_MS after the last one.
    await expect.poll(() => claims.length, { timeout: 10_000, interval: 20 }).toBeGreaterThan(0);
    expect(claims[0] - began).toBeGreaterThanOrEqual(1900);
    // Once the writer is idle, a wake claims at once.
    storing = false;
    d.wake();
    await expect.poll(() => claims.length, { timeout: 5000, interval: 5 }).toBe(2);
    await d.stop();
  });

  it('deletes settled deliveries older than 30 days an hour apart, by the collector\'s clock, and again at once while batches come back full', async () => {
    const { outbox, claims, prunes, pruned } = countingOutbox();
    let at = Date.UTC(2026, 10, 30, 12);
    const d = dispatcher({ outbox, pollMs: 5, now: () => at });
    d.start();
    await expect.poll(() => prunes.length, { timeout: 5000, interval: 5 }).toBe(1);
    expect(prunes[0]).toBe(at - KEEP_SETTLED_MS);
    // Polls go on; no prune within the hour.
    const seen = claims.length;
    await expect.poll(() => claims.length, { timeout: 5000, interval: 5 }).toBeGreaterThan(seen + 5);
    expect(prunes).toHaveLength(1);
    at += PRUNE_EVERY_MS;
    await expect.poll(() => prunes.length, { timeout: 5000, interval: 5 }).toBe(2);
    // A full batch: more at the next polls, without the clock moving, until one is not full.
    pruned.next = PRUNE_BATCH;
    at += PRUNE_EVERY_MS;
    await expect.poll(() => prunes.length, { timeout: 5000, interval: 5 }).toBeGreaterThanOrEqual(5);
    pruned.next = 0;
    const stopped = prunes.length;
    const after = claims.length;
    await expect.poll(() => claims.length, { timeout: 5000, interval: 5 }).toBeGreaterThan(after + 5);
    // At most the one that was on its way.
    expect(prunes.length).toBeLessThanOrEqual(stopped + 1);
    await d.stop();
  });

  it('backs off 5 s, 30 s, 2 min … with ±20 % jitter, honours Retry-After up to 6 h, and gives up after 24 h', () => {
    const created = 0;
    expect(nextAttempt(created, 1, 1000, null, () => 0.5)).toBe(1000 + 5000);
    expect(nextAttempt(created, 2, 1000, null, () => 0)).toBe(1000 + 24_000);
    expect(nextAttempt(created, 3, 1000, null, () => 1)).toBe(1000 + 144_000);
    expect(nextAttempt(created, 99, 1000, null, () => 0.5)).toBe(1000 + BACKOFF_S.at(-1)! * 1000);
    expect(nextAttempt(created, 1, 1000, 120, () => 0.5)).toBe(1000 + 120_000);
    expect(nextAttempt(created, 1, 1000, 10 ** 9, () => 0.5)).toBe(1000 + 6 * 3_600_000);
    expect(nextAttempt(created, 5, GIVE_UP_MS - 1, null, () => 0.5)).not.toBeNull();
    expect(nextAttempt(created, 5, GIVE_UP_MS, null, () => 0.5)).toBeNull();
  });
});

describe('ingest pressure', () => {
  it('holds while answers wait to be committed, or arrive while the event loop is busier than it can spare', () => {
    let busy = false;
    let committedAt = -Infinity;
    let utilization = 0;
    const pressed = ingestPressure({ busy: () => busy, committedAt: () => committedAt }, () => utilization);
    expect(pressed()).toBe(false);
    busy = true;
    expect(pressed()).toBe(true);
    busy = false;
    // Answers committed just now, the loop saturated: hold; the loop with room to spare: go.
    committedAt = performance.now();
    utilization = 0.95;
    expect(pressed()).toBe(true);
    utilization = 0.5;
    expect(pressed()).toBe(false);
    // A saturated loop with no answers arriving (the dispatcher itself, draining a backlog): go.
    committedAt = performance.now() - 2 * WINDOW_MS;
    utilization = 0.99;
    expect(pressed()).toBe(false);
  });

  it('measures the share of the last window the event loop was busy', async () => {
    const utilization = loopUtilization(50);
    const start = performance.now();
    while (performance.now() - start < 120);
    expect(utilization()).toBeGreaterThan(0.9);
    const idle = performance.now();
    await expect.poll(() => (performance.now() - idle > 50 ? utilization() : 1), { timeout: 5000, interval: 60 }).toBeLessThan(0.5);
  });
});
