import { define } from '../define.js';
import { CxWebhooks as WebhooksElement } from './webhooks.component.js';

/** The class registered as <cx-webhooks>: this copy's, or the one an earlier copy of the script defined. */
export const CxWebhooks = define('cx-webhooks', WebhooksElement);
export type CxWebhooks = WebhooksElement;

declare global {
  interface HTMLElementTagNameMap {
    'cx-webhooks': WebhooksElement;
  }
}
