/** Arabic for <cx-feedback>, <cx-wall>, <cx-journey> and <cx-status>: the script tag dist/locales/ar.js, or import 'touchpoint-cx/locales/ar'. */
import { registerLocale } from '../core/i18n/locales.js';
import feedback from '../elements/feedback/translations/ar.js';
import wall from '../elements/wall/translations/ar.js';
import journey from '../journey/translations/ar.js';
import status from '../elements/status/translations/ar.js';

registerLocale('ar', { feedback, wall, journey, status });
