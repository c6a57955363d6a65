import type { Answer } from '../answer.js';
import type { Box } from './store.js';

/** An answer waiting for a 2xx, with its delivery schedule (kept with it, so it survives reloads). */
export interface Queued {
  answer: Answer;
  endpoint: string;
  batch: number;
  attempts: number;
  nextAttemptAt: number;
  queuedAt: number;
  bytes: number;
}

/** An answer the endpoint refused (or that expired): kept for `failed()` and `retryFailed()`. */
export interface Failed {
  answer: Answer;
  endpoint: string;
  batch: number;
  status: number;
  reason: string;
  failedAt: number;
}

export type Entry<V> = [IDBValidKey, V];

const DAY = 86_400_000;
export const LIMITS = { maxAnswers: 500, maxBytes: 1_000_000, expireAfter: 7 * DAY, keepFailed: 7 * DAY, maxFailed: 200 };

export class QueueFullError extends Error {
  override name = 'QueueFullError';
}

let lastKeyTime = 0;
/** Keys sort in the order answers were given: a per-page strictly increasing time, then the id. */
export function keyFor(answer: Answer, now = Date.now()): IDBValidKey {
  lastKeyTime = Math.max(now, lastKeyTime + 1);
  return [lastKeyTime, answer.id];
}

const fresh = (answer: Answer, endpoint: string, batch: number, now: number): Queued => ({
  answer,
  endpoint,
  batch,
  attempts: 0,
  nextAttemptAt: now,
  queuedAt: now,
  bytes: new Blob([JSON.stringify(answer)]).size,
});

/** A new queue entry, due now. */
export const entryFor = (answer: Answer, endpoint: string, batch: number, now = Date.now()): Entry<Queued> => [
  keyFor(answer, now),
  fresh(answer, endpoint, batch, now),
];

/** Stores an entry before anything is sent. Refuses, rather than drops, when the queue is full. */
export async function enqueue(box: Box<Queued>, entry: Entry<Queued>): Promise<void> {
  const queued = await box.all();
  const used = queued.reduce((n, [, r]) => n + r.bytes, 0);
  if (queued.length >= LIMITS.maxAnswers || used + entry[1].bytes > LIMITS.maxBytes) throw new QueueFullError('queue is full');
  await box.put([entry]);
}

/** Moves entries to the dead-letter box, then trims it to its age and count limits. */
export async function deadLetter(
  queue: Box<Queued>,
  dead: Box<Failed>,
  items: Entry<Queued>[],
  status: number,
  reasonOf: (r: Queued) => string,
  now = Date.now(),
): Promise<void> {
  if (!items.length) return;
  await dead.put(items.map(([key, r]) => [key, { answer: r.answer, endpoint: r.endpoint, batch: r.batch, status, reason: reasonOf(r), failedAt: now }]));
  await queue.del(items.map(([key]) => key));
  const kept = await dead.all();
  const old = kept.filter(([, f]) => now - f.failedAt > LIMITS.keepFailed);
  const young = kept.filter(([, f]) => now - f.failedAt <= LIMITS.keepFailed);
  const over = young.slice(0, Math.max(0, young.length - LIMITS.maxFailed));
  if (old.length + over.length) await dead.del([...old, ...over].map(([key]) => key));
}

/** Puts every dead-lettered answer back in the queue, due now. */
export async function requeueFailed(queue: Box<Queued>, dead: Box<Failed>, now = Date.now()): Promise<number> {
  const failed = await dead.all();
  if (!failed.length) return 0;
  await queue.put(failed.map(([key, f]) => [key, fresh(f.answer, f.endpoint, f.batch, now)]));
  await dead.del(failed.map(([key]) => key));
  return failed.length;
}
