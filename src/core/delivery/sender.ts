import { backoff } from './backoff.js';
import type { Lock } from './lock.js';
import { clearQueued } from './mark.js';
import { deadLetter, LIMITS, type Entry, type Failed, type Queued } from './queue.js';
import type { Box } from './store.js';
import { post, type TransportOptions } from './transport.js';

export type Delivery = { type: 'sent'; id: string; status: number } | { type: 'failed'; id: string; status: number; reason: string };

export interface FlushResult {
  /** Answers acknowledged with a 2xx during this flush. */
  sent: number;
  /** Answers still waiting in the queue. */
  pending: number;
  /** Answers in the dead-letter store. */
  failed: number;
}

export interface SenderDeps {
  queue: Box<Queued>;
  dead: Box<Failed>;
  lock: Lock;
  options: () => TransportOptions;
  notify: (delivery: Delivery) => void;
  /**
   * The stored entries that are answers to send: by default every one but the drafts; the
   * runtime also adopts the drafts of page views that are gone.
   */
  adopt?: (stored: Entry<Queued>[]) => Promise<Entry<Queued>[]>;
  random?: () => number;
}

const answersOnly = async (stored: Entry<Queued>[]) => stored.filter(([, r]) => !r.draft);

export const MAX_BATCH_BYTES = 60_000;
/** Browsers allow 64 KiB of keepalive request bodies in flight per page (Fetch, "inflight keepalive bytes"). */
export const KEEPALIVE_BUDGET = 65_536;
const WRAPPER = 13; // {"events":[]}
const RETRY = -1;

/** Splits due entries, in queue order, into requests: same endpoint, batch size and way of sending, ≤ batch answers and ≤ 60 KB each. */
export function chunk(entries: Entry<Queued>[]): Entry<Queued>[][] {
  const chunks: Entry<Queued>[][] = [];
  let last: Entry<Queued>[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const { endpoint, batch, simple } = entry[1];
    bytes += entry[1].bytes + 1;
    const head = last[0]?.[1];
    if (head?.endpoint == endpoint && head.batch == batch && !head.simple == !simple && last.length < batch && bytes <= MAX_BATCH_BYTES) last.push(entry);
    else {
      chunks.push((last = [entry]));
      bytes = WRAPPER + entry[1].bytes;
    }
  }
  return chunks;
}

/**
 * Delivers the queue: at most one tab at a time (the lock), oldest first, removing an answer
 * only after a 2xx. A failing endpoint is retried later with its whole due queue rescheduled
 * together, so an outage costs one request per attempt rather than one per answer.
 */
export function createSender({ queue, dead, lock, options, notify, adopt = answersOnly, random = Math.random }: SenderDeps) {
  const inFlight = new Set<string>();
  let keepaliveBytes = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<FlushResult> | undefined;
  let rerun: Promise<FlushResult> | undefined;

  const fail = async (items: Entry<Queued>[], status: number, reason: (r: Queued) => string) => {
    await deadLetter(queue, dead, items, status, reason);
    for (const [, r] of items) notify({ type: 'failed', id: r.answer.id, status, reason: reason(r) });
  };

  /** Posts one chunk and applies the answer; resolves how many were acknowledged, or RETRY. */
  async function deliver(items: Entry<Queued>[], keepalive = false): Promise<number> {
    const bytes = items.reduce((n, [, r]) => n + r.bytes, WRAPPER);
    if (keepalive && keepaliveBytes + bytes > KEEPALIVE_BUDGET) return 0;
    const ids = items.map(([, r]) => r.answer.id);
    ids.forEach((id) => inFlight.add(id));
    if (keepalive) keepaliveBytes += bytes;
    try {
      const { endpoint, batch, simple } = items[0][1];
      const outcome = await post(endpoint, items.map(([, r]) => r.answer), batch > 1, { ...options(), keepalive, simple });
      if (outcome.kind == 'sent') {
        const { rejected, status } = outcome;
        const acked = items.filter(([, r]) => !rejected.has(r.answer.id));
        await queue.del(acked.map(([key]) => key));
        for (const [, r] of acked) notify({ type: 'sent', id: r.answer.id, status });
        await fail(items.filter(([, r]) => rejected.has(r.answer.id)), status, (r) => rejected.get(r.answer.id)!);
        return acked.length;
      }
      if (outcome.kind == 'failed') {
        await fail(items, outcome.status, () => outcome.reason);
        return 0;
      }
      const attempts = Math.max(...items.map(([, r]) => r.attempts)) + 1;
      const at = Date.now() + (outcome.wait ?? backoff(attempts, random));
      // Drafts are their page's to write: rewriting one read a moment ago could undo its becoming an answer.
      const due = (await queue.all()).filter(([, r]) => !r.draft && r.endpoint == endpoint && r.nextAttemptAt < at);
      await queue.put(due.map(([key, r]) => [key, { ...r, nextAttemptAt: at, attempts: ids.includes(r.answer.id) ? attempts : r.attempts }]));
      return RETRY;
    } finally {
      ids.forEach((id) => inFlight.delete(id));
      if (keepalive) keepaliveBytes -= bytes;
    }
  }

  async function drain(force: boolean, keepalive: boolean): Promise<FlushResult> {
    let sent = 0;
    const now = Date.now();
    // While the page hides, nothing may wait on the lock manager (see flush): drafts stay as they are.
    const all = await (keepalive ? answersOnly : adopt)(await queue.all());
    const fresh = (r: Queued) => now - r.queuedAt <= LIMITS.expireAfter;
    await fail(all.filter(([, r]) => !fresh(r)), 0, () => 'expired');
    const resting = new Set<string>();
    for (const items of chunk(all.filter(([, r]) => fresh(r) && (force || r.nextAttemptAt <= now) && !inFlight.has(r.answer.id)))) {
      const { endpoint } = items[0][1];
      if (resting.has(endpoint)) continue;
      const acked = await deliver(items, keepalive);
      if (acked == RETRY) resting.add(endpoint);
      else sent += acked;
    }
    const readAt = Date.now();
    const stored = await queue.all();
    if (!stored.length) clearQueued(readAt);
    const left = stored.filter(([, r]) => !r.draft);
    clearTimeout(timer);
    // Wake for the next due answer; if one is due but in flight on another path, look again in a second.
    const at = Math.min(...left.map(([, r]) => r.nextAttemptAt));
    if (left.length) timer = setTimeout(() => flush().catch(() => {}), Math.min(Math.max(at - Date.now(), 1000), 2 ** 31 - 1));
    return { sent, pending: left.length, failed: (await dead.all()).length };
  }

  /**
   * Sends what is due, or with `force` everything, backoff or not (the developer, or the network
   * coming back, says now). Calls during a flush share one follow-up flush. With `keepalive`,
   * while the page hides, it sends without the tabs' lock: a lock granted after the page is
   * frozen runs script in a frozen page, and Chromium then evicts it from the back/forward
   * cache ("JavaScriptExecution"). Another tab may send the same answers meanwhile; endpoints
   * dedupe on the id.
   */
  function flush(force = false, keepalive = false): Promise<FlushResult> {
    if (keepalive) return drain(force, true);
    const again = () => ((rerun = undefined), flush(force));
    if (running) return (rerun ??= running.then(again, again));
    return (running = lock(() => drain(force, false)).finally(() => (running = undefined)));
  }

  return { flush, deliver, inFlight };
}

export type Sender = ReturnType<typeof createSender>;
