/**
 * Webhook targets and deliveries as `/api/webhooks` carries them: the collector answers with
 * these, `<cx-webhooks>` reads them.
 */

/** What a target can subscribe to (`POST /api/webhooks` `events`), in the order the owner's form lists them. */
export const WEBHOOK_EVENTS = [
  'answer.created',
  'moment_of_truth.started',
  'moment_of_truth.ended',
  'notice.created',
  'notice.updated',
  'notice.resolved',
  'digest.daily',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** Every event a delivery can carry: the subscribable ones, and the test a target is sent on request. */
export type WebhookEventType = WebhookEvent | 'webhook.test';

/** `standard`: the event as JSON, signed as Standard Webhooks says. `slack`: an incoming-webhook message. */
export const WEBHOOK_FORMATS = ['standard', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** Which answers `answer.created` carries: all, or only hard ones. */
export const WEBHOOK_FILTERS = ['all', 'hard'] as const;
export type WebhookFilter = (typeof WEBHOOK_FILTERS)[number];

export interface WebhookTarget {
  id: string;
  url: string;
  events: WebhookEvent[];
  format: WebhookFormat;
  filter: WebhookFilter;
  createdAt: string;
}

export type DeliveryState = 'pending' | 'delivered' | 'failed';

/** A delivery as the owner sees it (`GET /api/webhooks/:id/deliveries`). */
export interface WebhookDelivery {
  id: string;
  eventId: string;
  type: WebhookEventType;
  state: DeliveryState;
  attempts: number;
  createdAt: string;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}
