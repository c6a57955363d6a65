import type { Answer } from '../../core/answer.js';
import type { DeliveryState, WebhookDelivery } from '../../core/webhooks.js';
import { answerCreated, type WebhookEvent, type WebhookEventType, type WebhookFilter, type WebhookFormat, type WebhookTarget } from '../outbox/events.js';

/**
 * The webhook outbox, as both engines keep it: targets, events written in the same transaction as
 * the change that caused them, and one delivery per event and target, claimed by one dispatcher
 * at a time and settled only by a 2xx (or given up after `GIVE_UP_MS`).
 *
 * `answer.created` costs ingest almost nothing: an answer a target wants is marked (a row
 * appended to `webhook_marks` in the insert's transaction: the mark is the event's record), and
 * the dispatcher's claim turns marks into deliveries and removes them in one transaction, a
 * claim's worth at a time. Such a delivery names its answer (`answer_id`); its body is built from
 * the stored answer when it is sent, and forgetting the answer forgets it (a trigger on both
 * engines). Other events keep their body in `webhook_events`.
 */

export interface WebhookRecord extends WebhookTarget {
  secret: string;
}

export interface WebhookPatch {
  url?: string;
  events?: WebhookTarget['events'];
  format?: WebhookFormat;
  filter?: WebhookFilter;
}

/** A delivery a dispatcher holds until `leaseMs`: what to send, where, with which secret. */
export interface ClaimedDelivery {
  id: string;
  attempts: number;
  createdMs: number;
  event: WebhookEvent;
  target: WebhookRecord;
}

/** How an attempt ended: delivered, to be tried again at `retryAtMs`, or given up. */
export type Outcome =
  | { delivered: true; status: number; atMs: number }
  | { delivered: false; status: number | null; error: string; atMs: number; retryAtMs: number | null };

/** Deliveries are retried for at least this long after the event, then marked failed (the owner can redeliver). */
export const GIVE_UP_MS = 24 * 3_600_000;

export interface Outbox {
  createWebhook(target: WebhookRecord): Promise<void>;
  webhooks(): Promise<WebhookRecord[]>;
  updateWebhook(id: string, patch: WebhookPatch): Promise<WebhookRecord | null>;
  /** Deletes a target and its deliveries; false when there was none. */
  deleteWebhook(id: string): Promise<boolean>;
  /** Writes an event for the targets that want it (or for `only`), in one transaction; how many deliveries. */
  enqueue(event: WebhookEvent, nowMs: number, only?: string): Promise<number>;
  /** Writes the daily digest event once per `day`, however many collectors try; false when it was written already. */
  enqueueDigest(day: string, event: WebhookEvent, nowMs: number): Promise<boolean>;
  /**
   * Up to `limit` deliveries due at `nowMs`, leased to the caller until `leaseUntilMs` (another
   * dispatcher skips them), after turning up to `limit` marked answers into deliveries.
   */
  claim(nowMs: number, limit: number, leaseUntilMs: number): Promise<ClaimedDelivery[]>;
  settle(id: string, outcome: Outcome): Promise<void>;
  /** Settles several attempts in one transaction (one commit, where `settle` would make one each). */
  settleAll(settled: readonly { id: string; outcome: Outcome }[]): Promise<void>;
  deliveries(webhookId: string, limit: number): Promise<WebhookDelivery[]>;
  /** Sends a delivery again (from now, with a fresh 24 h); false when the target has no such delivery. */
  redeliver(webhookId: string, deliveryId: string, nowMs: number): Promise<boolean>;
  /** Of these answer ids, the ones whose comment is withheld now (a Slack message must not show it). */
  withheldAmong(answerIds: readonly string[]): Promise<Set<string>>;
  /** Deletes up to `limit` settled deliveries created before `beforeMs`, then events left without deliveries; how many deliveries. */
  prune(beforeMs: number, limit: number): Promise<number>;
}

/** A target as stored: events as JSON. */
export interface WebhookRow {
  id: string;
  url: string;
  events: string;
  format: WebhookFormat;
  filter: WebhookFilter;
  secret: string;
  created_at: string;
}

export const webhookOf = (r: WebhookRow): WebhookRecord => ({
  id: r.id,
  url: r.url,
  events: JSON.parse(r.events),
  format: r.format,
  filter: r.filter,
  createdAt: r.created_at,
  secret: r.secret,
});

export interface DeliveryRow {
  id: number | string;
  event_id: string;
  type: WebhookEventType;
  state: DeliveryState;
  attempts: number;
  created_ms: number | string;
  next_ms: number | string;
  last_at: string | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: string | null;
}

export const DELIVERY_COLUMNS = 'd.id, d.event_id, d.type, d.state, d.attempts, d.created_ms, d.next_ms, d.last_at, d.last_status, d.last_error, d.delivered_at';

export const deliveryOf = (r: DeliveryRow): WebhookDelivery => ({
  id: String(r.id),
  eventId: r.event_id,
  type: r.type,
  state: r.state,
  attempts: Number(r.attempts),
  createdAt: new Date(Number(r.created_ms)).toISOString(),
  lastAttemptAt: r.last_at,
  lastStatus: r.last_status === null ? null : Number(r.last_status),
  lastError: r.last_error,
  nextAttemptAt: r.state === 'pending' ? new Date(Number(r.next_ms)).toISOString() : null,
  deliveredAt: r.delivered_at,
});

/**
 * A claimed row joined with its target and what its body is made of: the stored answer
 * (`answer.created`) or the stored event (`payload`).
 */
export interface ClaimedRow extends WebhookRow {
  delivery_id: number | string;
  attempts: number;
  created_ms: number | string;
  event_id: string;
  type: WebhookEventType;
  answer_id: string | null;
  body: string | null;
  received_ms: number | string | null;
  payload: string | null;
}

/** What both engines' claims select besides the target (`w.*`), from `d` (deliveries), `e` (events) and `a` (answers). */
export const CLAIMED_COLUMNS = 'd.attempts, d.created_ms, d.event_id, d.type, d.answer_id, a.body, a.received_ms, e.payload';

export function claimedOf(r: ClaimedRow): ClaimedDelivery {
  let event: WebhookEvent;
  if (r.answer_id !== null) event = answerCreated(JSON.parse(r.body!) as Answer, Number(r.received_ms), r.event_id);
  else {
    const { timestamp, data } = JSON.parse(r.payload!) as { timestamp: string; data: Record<string, unknown> };
    event = { id: r.event_id, type: r.type, timestamp, data, answerId: null };
  }
  return { id: String(r.delivery_id), attempts: Number(r.attempts), createdMs: Number(r.created_ms), event, target: webhookOf(r) };
}

/** What an event stores: its type, timestamp and data, as the body will carry them. */
export const payloadOf = (e: WebhookEvent): string => JSON.stringify({ timestamp: e.timestamp, data: e.data });
