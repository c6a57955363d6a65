import type { Format } from '../format.js';
import type { JourneyStrings } from '../translations/strings.js';

/** What every view needs to speak the element's language. */
export interface Words {
  t: JourneyStrings;
  f: Format;
}

/** A touchpoint's display name in the element's language (its id without one). */
export type NameOf = (touchpoint: string) => string;
