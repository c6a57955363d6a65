/** Catalan for <cx-feedback>, <cx-wall>, <cx-journey> and <cx-status>: the script tag dist/locales/ca.js, or import 'touchpoint-cx/locales/ca'. */
import { registerLocale } from '../core/i18n/locales.js';
import feedback from '../elements/feedback/translations/ca.js';
import wall from '../elements/wall/translations/ca.js';
import journey from '../journey/translations/ca.js';
import status from '../elements/status/translations/ca.js';

registerLocale('ca', { feedback, wall, journey, status });
