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
