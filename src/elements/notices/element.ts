import { define } from '../define.js';
import { CxNotices as NoticesElement } from './notices.component.js';

/** The class registered as <cx-notices>: this copy's, or the one an earlier copy of the script defined. */
export const CxNotices = define('cx-notices', NoticesElement);
export type CxNotices = NoticesElement;

declare global {
  interface HTMLElementTagNameMap {
    'cx-notices': NoticesElement;
  }
}
