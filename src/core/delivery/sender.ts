import { backoff } from './backoff.js';
import type { Lock } from './lock.js';
import { deadLetter, LIMITS, type Entry, type Failed, type Queued } from './queue.js';
import type { Box } from './store.js';
import { post, type Outcome, type TransportOptions } from './transport.js';

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
  now?: () => number;
  random?: () => number;
}

export const MAX_BATCH_BYTES = 60_000;
/** Browsers allow 64 KiB of keepalive bodies in flight per page (Fetch §4.5, "inflight keepalive bytes"). */
export const KEEPALIVE_BUDGET = 65_536;
const WRAPPER = '{"events":[]}'.length;
const RETRY = -1;

/** Splits due entries into requests: per endpoint and batch size, in queue order; ≤ batch answers and ≤ 60 KB each. */
export function chunk(entries: Entry<Queued>[]): Entry<Queued>[][] {
  const chunks: Entry<Queued>[][] = [];
  const open = new Map<string, { items: Entry<Queued>[]; bytes: number }>();
  for (const entry of entries) {
    const { endpoint, batch, bytes } = entry[1];
    const group = `${batch} ${endpoint}`;
    const current = open.get(group);
    if (current && batch > 1 && current.items.length < batch && current.bytes + bytes + 1 <= MAX_BATCH_BYTES) {
      current.items.push(entry);
      current.bytes += bytes + 1;
    } else {
      const next = { items: [entry], bytes: WRAPPER + bytes };
      chunks.push(next.items);
      open.set(group, next);
    }
  }
  return chunks;
}

/**
 * Delivers the queue: at most one tab at a time (the lock), oldest first, removing an answer only
 * after a 2xx. A failing endpoint is retried later, with the whole of its due queue rescheduled
 * together so one outage costs one request per attempt, not one per answer.
 */
export function createSender(deps: SenderDeps) {
  const { queue, dead, lock, options, notify, now = Date.now, random = Math.random } = deps;
  const inFlight = new Set<string>();
  let keepaliveBytes = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<FlushResult> | undefined;
  let rerun: Promise<FlushResult> | undefined;

  const failedWith = (items: Entry<Queued>[], status: number, reason: (r: Queued) => string) =>
    deadLetter(queue, dead, items, status, reason, now()).then(() =>
      items.forEach(([, r]) => notify({ type: 'failed', id: r.answer.id, status, reason: reason(r) })),
    );

  /** Applies one response to the queue; resolves how many answers it acknowledged, or RETRY. */
  async function settle(items: Entry<Queued>[], outcome: Outcome): Promise<number> {
    if (outcome.kind === 'sent') {
      const { rejected, status } = outcome;
      const acked = items.filter(([, r]) => !rejected.has(r.answer.id));
      await queue.del(acked.map(([key]) => key));
      acked.forEach(([, r]) => notify({ type: 'sent', id: r.answer.id, status }));
      await failedWith(items.filter(([, r]) => rejected.has(r.answer.id)), status, (r) => rejected.get(r.answer.id)!);
      return acked.length;
    }
    if (outcome.kind === 'failed') {
      await failedWith(items, outcome.status, () => outcome.reason);
      return 0;
    }
    const attempts = Math.max(...items.map(([, r]) => r.attempts)) + 1;
    const at = now() + (outcome.wait ?? backoff(attempts, random));
    const tried = new Set(items.map(([, r]) => r.answer.id));
    const endpoint = items[0][1].endpoint;
    const rest = (await queue.all()).filter(([, r]) => r.endpoint === endpoint && r.nextAttemptAt < at);
    await queue.patch(rest.map(([key, r]) => [key, { ...r, nextAttemptAt: at, attempts: tried.has(r.answer.id) ? attempts : r.attempts }]));
    return RETRY;
  }

  /** Posts one chunk and settles it; resolves the number acknowledged, or RETRY when the endpoint should rest. */
  async function deliver(items: Entry<Queued>[], keepalive = false): Promise<number> {
    const ids = items.map(([, r]) => r.answer.id);
    const bytes = items.reduce((n, [, r]) => n + r.bytes, WRAPPER);
    if (keepalive && keepaliveBytes + bytes > KEEPALIVE_BUDGET) return 0;
    ids.forEach((id) => inFlight.add(id));
    if (keepalive) keepaliveBytes += bytes;
    try {
      const { endpoint, batch } = items[0][1];
      const outcome = await post(endpoint, items.map(([, r]) => r.answer), batch > 1, { ...options(), keepalive });
      return await settle(items, outcome);
    } finally {
      ids.forEach((id) => inFlight.delete(id));
      if (keepalive) keepaliveBytes -= bytes;
    }
  }

  async function drain(keepalive: boolean): Promise<FlushResult> {
    let sent = 0;
    const start = now();
    const all = await queue.all();
    const expired = all.filter(([, r]) => start - r.queuedAt > LIMITS.expireAfter);
    await failedWith(expired, 0, () => 'expired');
    const due = all.filter(([, r]) => start - r.queuedAt <= LIMITS.expireAfter && r.nextAttemptAt <= start && !inFlight.has(r.answer.id));
    const resting = new Set<string>();
    for (const items of chunk(due)) {
      const { endpoint } = items[0][1];
      if (resting.has(endpoint)) continue;
      const acked = await deliver(items, keepalive);
      if (acked === RETRY) resting.add(endpoint);
      else sent += acked;
    }
    const left = await queue.all();
    wakeAt(Math.min(...left.map(([, r]) => r.nextAttemptAt)));
    return { sent, pending: left.length, failed: (await dead.all()).length };
  }

  function wakeAt(at: number): void {
    clearTimeout(timer);
    if (at === Infinity) return;
    // Something due but not sent is in flight on another path; look again shortly.
    timer = setTimeout(() => void flush().catch(() => {}), Math.min(Math.max(at - now(), 1000), LIMITS.expireAfter, 2 ** 31 - 1));
  }

  /** Sends what is due. Calls while a flush runs share one follow-up flush. */
  function flush(): Promise<FlushResult> {
    if (!running)
      return (running = lock(() => drain(false)).then((r) => r ?? counts()).finally(() => (running = undefined)));
    return (rerun ??= running.catch(() => {}).then(() => ((rerun = undefined), flush())));
  }

  /** While the page is hiding: send with keepalive, only if no other tab is sending. */
  function flushKeepalive(): Promise<FlushResult | undefined> {
    return lock(() => drain(true), true);
  }

  async function counts(): Promise<FlushResult> {
    return { sent: 0, pending: (await queue.all()).length, failed: (await dead.all()).length };
  }

  return { flush, flushKeepalive, deliver, inFlight, stop: () => clearTimeout(timer) };
}

export type Sender = ReturnType<typeof createSender>;
