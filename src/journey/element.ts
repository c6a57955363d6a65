import { define } from '../elements/define.js';
import { CxJourney } from './journey.component.js';

export { CxJourney };

define('cx-journey', CxJourney);

declare global {
  interface HTMLElementTagNameMap {
    'cx-journey': CxJourney;
  }
}
