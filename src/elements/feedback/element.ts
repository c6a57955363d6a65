import { define } from '../define.js';
import { CxFeedback } from './feedback.component.js';

export { CxFeedback };

define('cx-feedback', CxFeedback);

declare global {
  interface HTMLElementTagNameMap {
    'cx-feedback': CxFeedback;
  }
}
