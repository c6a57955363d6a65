import { body, type WebhookEvent } from './events.js';
import { send, SEND_TIMEOUT_MS, type SendResult } from './send.js';
import { signatureHeaders } from './signature.js';
import { slackMessage } from './slack.js';
import { GIVE_UP_MS, type ClaimedDelivery, type Outbox, type Outcome } from '../storage/outbox.js';

/** Waits between attempts (seconds), each with ±20 % jitter; the last repeats until `GIVE_UP_MS` has passed. */
export const BACKOFF_S = [5, 30, 120, 600, 1800, 3600, 7200, 14_400];
/** How long an attempt's outcome may wait to be recorded with others'. */
const SETTLE_MS = 20;
/** How long a claim for fewer than half of `total` waits for more requests to finish. */
const GROUP_MS = 10;
/** How long claims may wait for answers being stored (`yieldTo`) before one goes ahead anyway. */
export const YIELD_MAX_MS = 2000;
/** Settled deliveries (and events left without any) are kept this long for the owner to see, then deleted. */
export const KEEP_SETTLED_MS = 30 * 86_400_000;
/** How often the dispatcher deletes them, and how many at most in one go (a full batch: another at the next poll). */
export const PRUNE_EVERY_MS = 3_600_000;
export const PRUNE_BATCH = 5000;
/** The longest `Retry-After` honoured. */
const RETRY_AFTER_MAX_S = 6 * 3600;

export interface DispatcherOptions {
  outbox: Outbox;
  /** `TOUCHPOINT_WEBHOOK_ALLOW_PRIVATE=1`: targets may be loopback or private addresses. */
  allowPrivate?: boolean;
  /** The collector's URL as browsers reach it, for links into the inbox. */
  publicUrl?: string;
  now?: () => number;
  log?: (message: string) => void;
  /** Requests in flight per target, and in all. */
  perTarget?: number;
  total?: number;
  /** How often to look for due deliveries (other processes' events, retries). */
  pollMs?: number;
  /**
   * How long a claimed delivery is this process's; after that another (or this one, restarted
   * after a crash) sends it. A delivery that cannot start early enough to finish within its lease
   * is left for then, so two processes never send it at once in the normal case.
   */
  leaseMs?: number;
  random?: () => number;
  /**
   * True while answers wait to be committed (the collector's writer): ingest goes first, and a
   * claim waits until the writer is idle, or `YIELD_MAX_MS` at most. A burst of answers then
   * costs no sending on the same event loop and database, and its webhooks follow the burst.
   */
  yieldTo?: () => boolean;
}

/** When to try again after a failed attempt (`attempts` made so far, this one included), or null to give up. */
export function nextAttempt(createdMs: number, attempts: number, nowMs: number, retryAfterS: number | null, random = Math.random): number | null {
  if (nowMs - createdMs >= GIVE_UP_MS) return null;
  const base = BACKOFF_S[Math.min(attempts, BACKOFF_S.length) - 1] * (0.8 + 0.4 * random());
  const wait = Math.max(base, Math.min(retryAfterS ?? 0, RETRY_AFTER_MAX_S));
  return nowMs + Math.round(wait * 1000);
}

/**
 * Sends what the outbox holds: claims due deliveries (leased, so two collectors do not send the
 * same one), at most `perTarget` at a time to one target and `total` in all, and settles each:
 * delivered on a 2xx, else tried again later (`nextAttempt`). It runs beside the ingest path and
 * never in it: a slow receiver holds only its own requests.
 */
export function dispatcher(options: DispatcherOptions) {
  const { outbox, allowPrivate = false, publicUrl, log = () => {}, perTarget = 4, total = 16, pollMs = 1000, leaseMs = 3 * SEND_TIMEOUT_MS, random = Math.random, yieldTo = () => false } = options;
  const now = options.now ?? Date.now;
  const inbox = (id: string) => (publicUrl ? `${publicUrl.replace(/\/$/, '')}/admin#answer=${encodeURIComponent(id)}` : null);
  const queued = new Map<string, (ClaimedDelivery & { leaseUntilMs: number })[]>();
  const busy = new Map<string, number>();
  let held = 0;
  let stopped = false;
  let claiming = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  /** Real time of the last claim, and the retry set while yielding to ingest. */
  let claimedAt = Date.now();
  let yielding: NodeJS.Timeout | undefined;
  /** A claim for a small room waiting for a bigger one, and whether it has waited long enough. */
  let grouping: NodeJS.Timeout | undefined;
  let groupDue = false;
  const waiting = new Map<string, ((result: Outcome) => void)[]>();
  const flights = new Set<Promise<void>>();

  /** The request for one delivery: the signed event, or a Slack message built now (so a comment withheld since is left out). */
  async function request(d: ClaimedDelivery): Promise<{ text: string; headers: Record<string, string> }> {
    // Links into the inbox, from the collector's public URL: the answer's, and each of a digest's comments.
    const worst = d.event.data.worst as { id: string }[] | undefined;
    const data = {
      ...d.event.data,
      ...(d.event.answerId && inbox(d.event.answerId) && { inboxUrl: inbox(d.event.answerId) }),
      ...(worst && publicUrl && { worst: worst.map((w) => ({ ...w, inboxUrl: inbox(w.id) })) }),
    };
    const e: WebhookEvent = { ...d.event, data };
    if (d.target.format === 'slack') {
      const ids = [d.event.answerId, ...(worst ?? []).map((w) => w.id)].filter((x): x is string => !!x);
      return { text: JSON.stringify(slackMessage(e, await outbox.withheldAmong(ids), inbox)), headers: {} };
    }
    const text = body(e);
    // The real time, whatever clock schedules attempts: receivers check it against theirs.
    return { text, headers: signatureHeaders(d.target.secret, e.id, text, Date.now()) };
  }

  async function attempt(d: ClaimedDelivery): Promise<void> {
    let result: SendResult;
    try {
      const { text, headers } = await request(d);
      result = await send(d.target.url, text, headers, { allowPrivate });
    } catch (error) {
      result = { status: null, ok: false, retryAfterS: null, error: (error as Error).message };
    }
    const at = now();
    const outcome: Outcome = result.ok
      ? { delivered: true, status: result.status!, atMs: at }
      : { delivered: false, status: result.status, error: result.error ?? 'failed', atMs: at, retryAtMs: nextAttempt(d.createdMs, d.attempts + 1, at, result.retryAfterS, random) };
    // Recorded with others a moment later; the slot is free now (the lease keeps the delivery from
    // being claimed again until then).
    void settle(d.id, outcome).then(() => {
      for (const done of waiting.get(d.event.id) ?? []) done(outcome);
      waiting.delete(d.event.id);
    });
  }

  // Outcomes are recorded together, up to SETTLE_MS after the attempt (at once when `total` wait):
  // a busy dispatcher makes one commit per group rather than one per request. On SQLite each
  // commit holds the write lock, and the event loop, for an fsync that ingest needs too.
  let unsettled: { id: string; outcome: Outcome; done: () => void }[] = [];
  let flushing: Promise<void> | null = null;
  let flushTimer: NodeJS.Timeout | undefined;
  function settle(id: string, outcome: Outcome): Promise<void> {
    return new Promise((done) => {
      unsettled.push({ id, outcome, done });
      flushSoon();
    });
  }
  function flushSoon(): void {
    if (flushing || !unsettled.length) return;
    const ms = unsettled.length >= total ? 0 : SETTLE_MS;
    if (flushTimer && ms > 0) return;
    clearTimeout(flushTimer);
    flushTimer = setTimeout(() => {
      flushTimer = undefined;
      flushing = flush().finally(() => {
        flushing = null;
        flushSoon();
      });
    }, ms);
  }
  async function flush(): Promise<void> {
    const group = unsettled;
    unsettled = [];
    if (!group.length) return;
    try {
      await outbox.settleAll(group);
    } catch (error) {
      // Not settled: the leases run out and these deliveries are sent again (at least once, never lost).
      log(`touchpoint webhooks: could not record deliveries ${group.map((g) => g.id).join(', ')}: ${(error as Error).message}`);
    }
    for (const g of group) g.done();
  }
  /** Records every outcome still waiting, now. */
  async function drain(): Promise<void> {
    for (;;) {
      clearTimeout(flushTimer);
      flushTimer = undefined;
      if (flushing) await flushing;
      else if (unsettled.length) await flush();
      else return;
    }
  }

  /** Starts what the per-target limits allow. */
  function pump(): void {
    for (const [target, list] of queued) {
      while (list.length && (busy.get(target) ?? 0) < perTarget) {
        const d = list.shift()!;
        // Too late to finish before the lease ends: another claim will send it.
        if (now() + SEND_TIMEOUT_MS + 5000 > d.leaseUntilMs) {
          held--;
          continue;
        }
        busy.set(target, (busy.get(target) ?? 0) + 1);
        const flight = attempt(d).finally(() => {
          flights.delete(flight);
          busy.set(target, busy.get(target)! - 1);
          held--;
          pump();
          if (!stopped) wake();
        });
        flights.add(flight);
      }
      if (!list.length) queued.delete(target);
    }
  }

  async function claim(): Promise<void> {
    if (claiming) return void (again = true);
    claiming = true;
    try {
      do {
        again = false;
        const room = total - held;
        if (room <= 0 || stopped) break;
        // While some are on their way, a small room waits GROUP_MS for more to finish: one claim
        // (one transaction, on SQLite one fsync) per group rather than per finished request.
        if (held > 0 && room < total / 2 && !groupDue) {
          grouping ??= setTimeout(() => {
            grouping = undefined;
            groupDue = true;
            void claim();
          }, GROUP_MS);
          break;
        }
        if (yieldTo() && Date.now() - claimedAt < YIELD_MAX_MS) {
          yielding ??= setTimeout(() => {
            yielding = undefined;
            void claim();
          }, 25);
          break;
        }
        claimedAt = Date.now();
        clearTimeout(grouping);
        grouping = undefined;
        groupDue = false;
        const at = now();
        const claimed = await outbox.claim(at, room, at + leaseMs);
        held += claimed.length;
        for (const d of claimed) queued.set(d.target.id, [...(queued.get(d.target.id) ?? []), { ...d, leaseUntilMs: at + leaseMs }]);
        pump();
        if (claimed.length === room) again = true;
      } while (again && !stopped);
    } catch (error) {
      log(`touchpoint webhooks: ${(error as Error).message}`);
    } finally {
      claiming = false;
    }
  }

  function wake(): void {
    if (!stopped) setImmediate(() => void claim());
  }

  // Pruned on the poll, by the collector's clock: a poll after start, then every PRUNE_EVERY_MS
  // (or at the next poll while batches come back full), never while ingest needs the process.
  let prunedAt = -Infinity;
  async function prune(): Promise<void> {
    const at = now();
    if (at - prunedAt < PRUNE_EVERY_MS || yieldTo()) return;
    prunedAt = at;
    try {
      if ((await outbox.prune(at - KEEP_SETTLED_MS, PRUNE_BATCH)) === PRUNE_BATCH) prunedAt = -Infinity;
    } catch (error) {
      log(`touchpoint webhooks: could not delete old deliveries: ${(error as Error).message}`);
    }
  }

  function schedule(): void {
    timer = setTimeout(() => {
      void claim()
        .then(prune)
        .finally(() => !stopped && schedule());
    }, pollMs);
    timer.unref();
  }

  return {
    start(): void {
      schedule();
      wake();
    },
    /** New deliveries were committed: look now rather than at the next poll. */
    wake,
    /** Resolves with the first attempt of this event made by this process, or null after `ms`. */
    outcomeOf(eventId: string, ms: number): Promise<Outcome | null> {
      return new Promise((done) => {
        const timeout = setTimeout(() => done(null), ms);
        waiting.set(eventId, [...(waiting.get(eventId) ?? []), (o) => (clearTimeout(timeout), done(o))]);
      });
    },
    /** Stops claiming; requests in flight finish (each is bounded by the 10 s timeout) and their outcomes are recorded. */
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      clearTimeout(yielding);
      clearTimeout(grouping);
      await Promise.all(flights);
      await drain();
    },
  };
}
