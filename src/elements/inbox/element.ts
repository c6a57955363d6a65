import { define } from '../define.js';
import { CxInbox as InboxElement } from './inbox.component.js';

/** The class registered as <cx-inbox>: this copy's, or the one an earlier copy of the script defined. */
export const CxInbox = define('cx-inbox', InboxElement);
export type CxInbox = InboxElement;

declare global {
  interface HTMLElementTagNameMap {
    'cx-inbox': InboxElement;
  }
}
