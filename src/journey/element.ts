import { define } from '../elements/define.js';
import { CxJourney as JourneyElement } from './journey.component.js';

/** The class registered as <cx-journey>: this copy's, or the one an earlier copy of the script defined. */
export const CxJourney = define('cx-journey', JourneyElement);
export type CxJourney = JourneyElement;

declare global {
  interface HTMLElementTagNameMap {
    'cx-journey': JourneyElement;
  }
}
