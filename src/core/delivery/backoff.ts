export const BACKOFF = { base: 2000, cap: 30 * 60_000 };

/**
 * Full-jitter exponential backoff (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/):
 * after the n-th failed attempt wait a uniform random time up to min(cap, base · 2^(n−1)),
 * so tabs and browsers that failed together do not retry together.
 */
export function backoff(attempts: number, random = Math.random): number {
  return Math.round(random() * Math.min(BACKOFF.cap, BACKOFF.base * 2 ** Math.max(0, attempts - 1)));
}

/** Milliseconds to wait from a `Retry-After` header: delay-seconds or an HTTP-date (RFC 9110 §10.2.3). */
export function retryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const value = header.trim();
  const ms = /^\d+$/.test(value) ? +value * 1000 : Date.parse(value) - now;
  // A day at most: a misconfigured server must not park answers beyond what expiry allows.
  return Number.isNaN(ms) ? undefined : Math.min(Math.max(ms, 0), 86_400_000);
}
