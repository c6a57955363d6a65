/** Dutch for <cx-feedback>, <cx-wall>, <cx-journey> and <cx-status>: the script tag dist/locales/nl.js, or import 'touchpoint-cx/locales/nl'. */
import { registerLocale } from '../core/i18n/locales.js';
import feedback from '../elements/feedback/translations/nl.js';
import wall from '../elements/wall/translations/nl.js';
import journey from '../journey/translations/nl.js';
import status from '../elements/status/translations/nl.js';

registerLocale('nl', { feedback, wall, journey, status });
