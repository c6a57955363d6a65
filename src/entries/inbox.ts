/**
 * The script-tag bundle (`dist/inbox.js`, which adds `CxInbox` to `window.Touchpoint`) and the ESM
 * entry `touchpoint-cx/inbox`. Importing it defines `<cx-inbox>`, the owner's inbox that `/admin`
 * shows; none of it is in `dist/touchpoint.js`.
 */
export { CxInbox } from '../elements/inbox/element.js';
export { CxWebhooks } from '../elements/webhooks/element.js';
export { CxNotices } from '../elements/notices/element.js';
export type { InboxItem, InboxPage, InboxReply, LogEntry, Note, State, StateCounts, TouchpointNames, Withheld, WithheldReason } from '../core/inbox.js';
export type { NewWebhookTarget, WebhookDelivery, WebhookEvent, WebhookFilter, WebhookFormat, WebhookTarget, WebhookTestResult } from '../elements/webhooks/types.js';
