import { define } from '../define.js';
import { CxStatus as StatusElement } from './status.component.js';

/** The class registered as <cx-status>: this copy's, or the one an earlier copy of the script defined. */
export const CxStatus = define('cx-status', StatusElement);
export type CxStatus = StatusElement;

declare global {
  interface HTMLElementTagNameMap {
    'cx-status': StatusElement;
  }
}
