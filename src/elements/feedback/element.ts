import { define } from '../define.js';
import { CxFeedback as FeedbackElement } from './feedback.component.js';

/** The class registered as <cx-feedback>: this copy's, or the one an earlier copy of the script defined. */
export const CxFeedback = define('cx-feedback', FeedbackElement);
export type CxFeedback = FeedbackElement;

declare global {
  interface HTMLElementTagNameMap {
    'cx-feedback': FeedbackElement;
  }
}
