import type { WebhookEvent, WebhookFilter, WebhookFormat, DeliveryState } from '../types.js';

/**
 * Everything `<cx-webhooks>` says. One file per language implements it, so a missing key fails
 * the build. Functions receive dates already formatted for the language.
 */
export interface WebhooksStrings {
  title: string;
  intro: string;
  checking: string;
  signIn: string;
  sessionEnded: string;
  failed: string;
  retry: string;
  working: string;
  /** "That did not work: …" with the collector's reason. */
  actionFailed: (reason: string) => string;

  // Targets
  targets: string;
  empty: string;
  url: string;
  urlHint: string;
  events: string;
  eventNames: Readonly<Record<WebhookEvent, string>>;
  format: string;
  formats: Readonly<Record<WebhookFormat, string>>;
  filter: string;
  filterHint: string;
  filters: Readonly<Record<WebhookFilter, string>>;
  actionsFor: (url: string) => string;
  edit: string;
  save: string;
  cancel: string;
  saved: string;
  test: string;
  testing: string;
  /** The outcome of a test: delivered with the status, not delivered with the status and error, or still on its way (null). */
  tested: (delivered: boolean | null, status: number | null, error: string | null) => string;
  remove: string;
  confirmRemove: (url: string) => string;
  removeYes: string;
  removed: (url: string) => string;
  urlMissing: string;
  eventsMissing: string;

  // Adding
  add: string;
  addButton: string;
  secretTitle: (url: string) => string;
  secretOnce: string;
  secretLabel: string;
  copy: string;
  copied: string;
  copyByHand: string;
  secretDone: string;

  // Deliveries
  deliveries: string;
  /** The heading of a target's deliveries, followed (for screen readers) by its URL. */
  latest: string;
  refresh: string;
  loading: string;
  noDeliveries: string;
  states: Readonly<Record<DeliveryState, string>>;
  testEvent: string;
  attempts: string;
  lastAttempt: string;
  lastStatus: string;
  lastError: string;
  nextAttempt: string;
  deliveredAt: string;
  redeliver: string;
  /** The redeliver button's accessible name: which delivery. */
  redeliverWhat: (type: string, at: string) => string;
  redelivering: string;
}
