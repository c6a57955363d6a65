/** A bucket untouched this long has refilled completely, so it can be forgotten. */
const IDLE_MS = 60_000;
/** Bound the table, so a flood of addresses cannot exhaust memory; the longest-known go first. */
const MAX_CLIENTS = 100_000;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per client address: `perMinute` requests in a burst, refilled evenly over a
 * minute. `take` returns 0 when the request may go ahead, or the seconds to wait before retrying.
 */
export function rateLimiter(perMinute: number, now: () => number = Date.now) {
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, Bucket>();

  const sweep = setInterval(() => {
    const t = now();
    for (const [client, b] of buckets) if (t - b.at >= IDLE_MS) buckets.delete(client);
  }, IDLE_MS);
  sweep.unref();

  return {
    take(client: string): number {
      const t = now();
      let b = buckets.get(client);
      if (!b) {
        if (buckets.size >= MAX_CLIENTS) buckets.delete(buckets.keys().next().value!);
        buckets.set(client, (b = { tokens: perMinute, at: t }));
      }
      b.tokens = Math.min(perMinute, b.tokens + (t - b.at) * perMs);
      b.at = t;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
    },
    stop: () => clearInterval(sweep),
  };
}

/**
 * At most `max` attempts per client in any `windowMs` (a sliding log of their times): for sign-in,
 * where what matters is how many guesses an address gets, not a steady rate. `take` returns 0 when
 * the attempt may go ahead (and counts it), or the seconds until the oldest counted one leaves the
 * window.
 */
export function attemptLimiter(max: number, windowMs: number, now: () => number = Date.now) {
  const attempts = new Map<string, number[]>();

  const sweep = setInterval(() => {
    const t = now();
    for (const [client, times] of attempts) if (t - times.at(-1)! >= windowMs) attempts.delete(client);
  }, Math.min(windowMs, 60_000));
  sweep.unref();

  return {
    take(client: string): number {
      const t = now();
      const times = (attempts.get(client) ?? []).filter((at) => t - at < windowMs);
      if (times.length >= max) {
        attempts.set(client, times);
        return Math.max(1, Math.ceil((times[0] + windowMs - t) / 1000));
      }
      times.push(t);
      attempts.delete(client);
      if (attempts.size >= MAX_CLIENTS) attempts.delete(attempts.keys().next().value!);
      // Re-inserted: the map stays in order of last attempt, so the one dropped above is the longest-idle.
      attempts.set(client, times);
      return 0;
    },
    stop: () => clearInterval(sweep),
  };
}
