import type { Words } from '../../../core/i18n/words.js';

/** Everything `<cx-feedback>` says. One file per language implements it, so a missing key fails the build. */
export interface FeedbackStrings extends Words {
  effortQuestion: string;
  emotionQuestion: string;
  commentQuestion: string;
  optional: string;
  send: string;
  close: string;
  launcher: string;
  dialog: string;
  needAnswer: string;
  /** Stored in IndexedDB on this device, not yet acknowledged. */
  saved: string;
  /** Storage unusable: only in memory, sending now. */
  sending: string;
  /** The endpoint answered 2xx. */
  sent: string;
  /** The endpoint refused it for good. */
  failed: string;
  /** The queue is full: nothing was stored, the form stays. */
  full: string;
  /** The heading of the done state, above the delivery line. */
  thanks: string;
  already: string;
}
