/** The collector's webhook targets and deliveries (`/api/webhooks`), as `<cx-webhooks>` reads them. */

import type { WebhookTarget } from '../../core/webhooks.js';

export { WEBHOOK_EVENTS, WEBHOOK_FILTERS, WEBHOOK_FORMATS, type DeliveryState, type WebhookDelivery, type WebhookEvent, type WebhookFilter, type WebhookFormat, type WebhookTarget } from '../../core/webhooks.js';

/** `POST /api/webhooks` answers the target with its signing secret, this once. */
export interface NewWebhookTarget extends WebhookTarget {
  secret: string;
}

/** `POST /api/webhooks/:id/test`: the first attempt (`delivered` null while it is still on its way). */
export interface WebhookTestResult {
  eventId: string;
  delivered: boolean | null;
  status?: number | null;
  error?: string | null;
}
