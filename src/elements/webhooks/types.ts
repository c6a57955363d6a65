/** The collector's webhook targets and deliveries (`/api/webhooks`), as `<cx-webhooks>` reads them. */

/** What a target can subscribe to, in the order the form lists them. */
export const WEBHOOK_EVENTS = ['answer.created', 'moment_of_truth.started', 'moment_of_truth.ended', 'notice.created', 'notice.updated', 'notice.resolved', 'digest.daily'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const WEBHOOK_FORMATS = ['standard', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
export const WEBHOOK_FILTERS = ['all', 'hard'] as const;
export type WebhookFilter = (typeof WEBHOOK_FILTERS)[number];
export type DeliveryState = 'pending' | 'delivered' | 'failed';

export interface WebhookTarget {
  id: string;
  url: string;
  events: WebhookEvent[];
  format: WebhookFormat;
  filter: WebhookFilter;
  createdAt: string;
}

/** `POST /api/webhooks` answers the target with its signing secret, this once. */
export interface NewWebhookTarget extends WebhookTarget {
  secret: string;
}

export interface WebhookDelivery {
  id: string;
  eventId: string;
  /** One of the events, or `webhook.test`. */
  type: string;
  state: DeliveryState;
  attempts: number;
  createdAt: string;
  lastAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
}

/** `POST /api/webhooks/:id/test`: the first attempt (`delivered` null while it is still on its way). */
export interface WebhookTestResult {
  eventId: string;
  delivered: boolean | null;
  status?: number | null;
  error?: string | null;
}
