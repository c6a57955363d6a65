import type { Storage } from '../storage/storage.js';
import { event, type WebhookEvent } from './events.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const WORST = 5;
const LATE_MS = 6 * HOUR_MS;

/** The comments a digest puts first: frustrated before disappointed, then hard effort; newest first within each. */
const rank = (a: { emotion: string | null; hard: boolean }) => (a.emotion === 'frustrated' ? 0 : a.emotion === 'disappointed' ? 1 : 2) + (a.hard ? 0 : 1);

/**
 * `digest.daily`: the 24 hours before `untilMs`: answers per touchpoint with their numbers, the
 * moments of truth, and the hardest comments that are not withheld (up to five), with their ids
 * (the dispatcher adds links into the inbox).
 */
export async function buildDigest(storage: Storage, untilMs: number): Promise<WebhookEvent> {
  const sinceMs = untilMs - DAY_MS;
  const period = { since: { iso: new Date(sinceMs).toISOString(), ms: sinceMs }, until: { iso: new Date(untilMs).toISOString(), ms: untilMs } };
  const summary = await storage.summary(period);
  const candidates = new Map<string, { id: string; touchpoint: string; comment: string; emotion: string | null; effort: number | null; effortScale: 5 | 7; createdAt: string; hard: boolean }>();
  for (const filter of [{ emotion: 'frustrated' as const }, { emotion: 'disappointed' as const }, { effort: 'hard' as const }]) {
    const { items } = await storage.inbox({ ...filter, comment: 'with', since: sinceMs, until: untilMs, limit: 20, counts: false });
    for (const i of items)
      if (!i.withheld && i.comment)
        candidates.set(i.id, { id: i.id, touchpoint: i.touchpoint, comment: i.comment, emotion: i.emotion, effort: i.effort, effortScale: i.effortScale, createdAt: i.createdAt, hard: filter.effort === 'hard' || candidates.get(i.id)?.hard === true });
  }
  const worst = [...candidates.values()].sort((a, b) => rank(a) - rank(b) || b.createdAt.localeCompare(a.createdAt)).slice(0, WORST);
  return event(
    'digest.daily',
    {
      since: period.since.iso,
      until: period.until.iso,
      total: { count: summary.total.count, easyShare: summary.total.easyShare, netEmotion: summary.total.netEmotion },
      touchpoints: summary.touchpoints.map((t) => ({ touchpoint: t.touchpoint, count: t.count, effortMean: t.effortMean, easyShare: t.easyShare, netEmotion: t.netEmotion, momentOfTruth: t.momentOfTruth })),
      momentsOfTruth: summary.ranking,
      worst: worst.map(({ hard: _, ...w }) => w),
    },
    untilMs,
  );
}

/**
 * Produces the daily digest at `hour` (UTC) once per day, however many collectors run: each
 * looks every minute, and the day's row in `digests` lets one of them write the event.
 */
export function digestScheduler({ storage, hour, now = Date.now, log = () => {}, onWritten = () => {} }: { storage: Storage; hour: number; now?: () => number; log?: (m: string) => void; onWritten?: () => void }) {
  let done = '';
  let timer: NodeJS.Timeout | undefined;
  async function check(): Promise<void> {
    const at = now();
    const due = Math.floor((at - hour * HOUR_MS) / DAY_MS) * DAY_MS + hour * HOUR_MS;
    const day = new Date(due).toISOString().slice(0, 10);
    // A day's digest is late by hours at most: a collector first started in the evening does not send yesterday's.
    if (day === done || at - due > LATE_MS) return;
    const targets = await storage.outbox.webhooks();
    if (!targets.some((t) => t.events.includes('digest.daily'))) return;
    if (await storage.outbox.enqueueDigest(day, await buildDigest(storage, due), at)) onWritten();
    done = day;
  }
  const run = () => void check().catch((error: Error) => log(`touchpoint webhooks: digest: ${error.message}`));
  return {
    start() {
      run();
      timer = setInterval(run, 60_000);
      timer.unref();
    },
    check,
    stop: () => clearInterval(timer),
  };
}
