import type { Answer } from '../answer.js';
import type { Box } from './store.js';

/** Where an answer goes, and how: the element's `endpoint`, `batch` and `no-preflight`. */
export interface Target {
  endpoint: string;
  batch: number;
  /** Sent as a CORS simple request (`text/plain`, no custom headers): for endpoints that answer no preflight. */
  simple?: boolean;
}

/** An answer waiting for a 2xx, with its delivery schedule (kept with it, so it survives reloads). */
export interface Queued extends Target {
  answer: Answer;
  attempts: number;
  nextAttemptAt: number;
  /** When it was given (or, for a draft, last changed): it expires 7 days later. */
  queuedAt: number;
  bytes: number;
  /**
   * Set while this is a draft: a rating chosen or a comment typed, not yet sent. The value is
   * the id of the page view that owns it; the sender leaves it alone while that page lives,
   * and adopts it as an answer once the page is gone without having sent it.
   */
  draft?: string;
}

/** An answer the endpoint refused (or that expired): kept for `failed()` and `retryFailed()`. */
export interface Failed extends Target {
  answer: Answer;
  status: number;
  reason: string;
  failedAt: number;
}

export type Entry<V> = [IDBValidKey, V];

const DAY = 86_400_000;
export const LIMITS = { maxAnswers: 500, maxBytes: 1_000_000, expireAfter: 7 * DAY, keepFailed: 7 * DAY, maxFailed: 200 };

export class QueueFullError extends Error {}

export const fresh = (answer: Answer, endpoint: string, batch: number, now = Date.now(), simple?: boolean): Queued => ({
  answer,
  endpoint,
  batch,
  ...(simple && { simple }),
  attempts: 0,
  nextAttemptAt: now,
  queuedAt: now,
  bytes: new Blob([JSON.stringify(answer)]).size,
});

let lastKeyTime = 0;
/** A new entry, due now. Keys sort in the order answers were given: a per-page strictly increasing time, then the id. */
export function entryFor(answer: Answer, endpoint: string, batch: number, now = Date.now(), simple?: boolean): Entry<Queued> {
  lastKeyTime = Math.max(now, lastKeyTime + 1);
  return [[lastKeyTime, answer.id], fresh(answer, endpoint, batch, now, simple)];
}

/**
 * Stores an entry, durably, before anything is sent; a draft stored under the same key becomes
 * this answer in the same write. Refuses, rather than drops, when the queue is full.
 */
export async function enqueue(box: Box<Queued>, entry: Entry<Queued>): Promise<void> {
  const key = JSON.stringify(entry[0]);
  const queued = (await box.all()).filter(([k]) => JSON.stringify(k) != key);
  const used = queued.reduce((n, [, r]) => n + r.bytes, entry[1].bytes);
  if (queued.length >= LIMITS.maxAnswers || used > LIMITS.maxBytes) throw new QueueFullError();
  await box.put([entry], true);
}

/** Moves entries to the dead letters, then trims those to their age and count limits. */
export async function deadLetter(
  queue: Box<Queued>,
  dead: Box<Failed>,
  items: Entry<Queued>[],
  status: number,
  reasonOf: (r: Queued) => string,
  now = Date.now(),
): Promise<void> {
  if (!items.length) return;
  await dead.put(items.map(([key, r]) => [key, { answer: r.answer, endpoint: r.endpoint, batch: r.batch, ...(r.simple && { simple: true }), status, reason: reasonOf(r), failedAt: now }]), true);
  await queue.del(items.map(([key]) => key));
  // Oldest first: drop what is past its week, and whatever is beyond the newest 200.
  const kept = await dead.all();
  await dead.del(kept.filter(([, f], i) => now - f.failedAt > LIMITS.keepFailed || i < kept.length - LIMITS.maxFailed).map(([key]) => key));
}

/** Puts every dead letter back in the queue, due now. */
export async function requeueFailed(queue: Box<Queued>, dead: Box<Failed>, now = Date.now()): Promise<number> {
  const failed = await dead.all();
  await queue.put(failed.map(([key, f]) => [key, fresh(f.answer, f.endpoint, f.batch, now, f.simple)]), true);
  await dead.del(failed.map(([key]) => key));
  return failed.length;
}
