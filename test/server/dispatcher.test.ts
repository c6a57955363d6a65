import { describe, expect, it } from 'vitest';
import { dispatcher, nextAttempt, BACKOFF_S } from '../../src/server/outbox/dispatcher.js';
import type { Outbox } from '../../src/server/storage/outbox.js';
import { GIVE_UP_MS } from '../../src/server/storage/outbox.js';

/** An outbox with nothing due that counts the dispatcher's claims. */
function countingOutbox() {
  const claims: number[] = [];
  const outbox = {
    claim: async () => (claims.push(Date.now()), []),
    settleAll: async () => {},
    settle: async () => {},
  } as unknown as Outbox;
  return { outbox, claims };
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
