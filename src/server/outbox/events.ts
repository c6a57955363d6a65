import { randomBytes } from 'node:crypto';
import { effortOn7, type Answer } from '../../core/answer.js';
import { NEGATIVE } from '../../core/summary.js';
import type { WebhookEventType, WebhookTarget } from '../../core/webhooks.js';

export { WEBHOOK_EVENTS, WEBHOOK_FILTERS, WEBHOOK_FORMATS, type WebhookEventType, type WebhookFilter, type WebhookFormat, type WebhookTarget } from '../../core/webhooks.js';

/**
 * The body of every event, as Standard Webhooks recommends: a `type`, when it happened, and the
 * data. The `webhook-id` header (`id` here) stays the same across retries, so receivers can dedupe.
 */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  timestamp: string;
  data: Record<string, unknown>;
  /** The answer the event is about, if one: forgetting it forgets the event too. */
  answerId?: string | null;
}

/** A hard answer: effort in the bottom part of the scale (below its midpoint), or a negative emotion. */
export const isHard = (a: Pick<Answer, 'effort' | 'effortScale' | 'emotion'>): boolean =>
  (a.effort !== null && effortOn7(a.effort, a.effortScale) < 4) || (a.emotion !== null && NEGATIVE.includes(a.emotion));

/**
 * `msg_`, the time in milliseconds (12 hex digits) and 80 random bits: unique, and in the order
 * events are written, so the outbox's indexes grow at their end instead of at random pages.
 */
export const eventId = (): string => `msg_${Date.now().toString(16).padStart(12, '0')}${randomBytes(10).toString('hex')}`;

/** A new signing secret, shown to the owner once: `whsec_` and 32 random bytes in base64 (Standard Webhooks). */
export const newSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export function event(type: WebhookEventType, data: Record<string, unknown>, at: number, answerId: string | null = null, id = eventId()): WebhookEvent {
  return { id, type, timestamp: new Date(at).toISOString(), data, answerId };
}

/** `answer.created`: the answer as the collector stored it, received at `at`. */
export const answerCreated = (a: Answer, at: number, id?: string): WebhookEvent => event('answer.created', { answer: a, hard: isHard(a) }, at, a.id.toLowerCase(), id);

/** `notice.created`, `notice.updated` or `notice.resolved` (an update that closed it, or a change that set its end): the notice as it now is. */
export function noticeEvent(before: { resolvedAt: string | null } | null, notice: { id: string; resolvedAt: string | null }, at: number): WebhookEvent {
  const type = before === null ? 'notice.created' : notice.resolvedAt !== null && before.resolvedAt === null ? 'notice.resolved' : 'notice.updated';
  return event(type, { notice }, at);
}

/** Whether a target wants this event. */
export function wants(target: Pick<WebhookTarget, 'events' | 'filter'>, e: WebhookEvent): boolean {
  // A test event goes to the one target it is sent to (`POST /api/webhooks/:id/test`).
  if (e.type === 'webhook.test') return true;
  if (e.type === 'answer.created') return wantsAnswer(target, e.data.hard === true);
  return target.events.includes(e.type);
}

/** Whether a target wants `answer.created` for an answer that is hard or not (`isHard`). */
export const wantsAnswer = (target: Pick<WebhookTarget, 'events' | 'filter'>, hard: boolean): boolean =>
  target.events.includes('answer.created') && (target.filter === 'all' || hard);

/** Whether a target wants moments of truth (which ingest then has to look for). */
export const wantsMoments = (target: Pick<WebhookTarget, 'events'>): boolean => target.events.some((e) => e.startsWith('moment_of_truth.'));

/**
 * Whether an answer is marked for `answer.created` when it is stored (`webhook_marks`): some
 * target wants it. The mark is written in the insert's transaction and is the outbox's record of
 * the event; the dispatcher turns marks into deliveries, and removes them, in one transaction.
 */
export const webhooksPending = (targets: readonly Pick<WebhookTarget, 'events' | 'filter'>[], a: Answer): boolean =>
  targets.some((t) => wantsAnswer(t, isHard(a)));

/** The JSON a `standard` target receives. */
export const body = (e: WebhookEvent): string => JSON.stringify({ type: e.type, timestamp: e.timestamp, data: e.data });
