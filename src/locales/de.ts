/** German for <cx-feedback>, <cx-wall>, <cx-journey> and <cx-status>: the script tag dist/locales/de.js, or import 'touchpoint-cx/locales/de'. */
import { registerLocale } from '../core/i18n/locales.js';
import feedback from '../elements/feedback/translations/de.js';
import wall from '../elements/wall/translations/de.js';
import journey from '../journey/translations/de.js';
import status from '../elements/status/translations/de.js';

registerLocale('de', { feedback, wall, journey, status });
