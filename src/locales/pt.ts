/** Portuguese for <cx-feedback>, <cx-wall>, <cx-journey> and <cx-status>: the script tag dist/locales/pt.js, or import 'touchpoint-cx/locales/pt'. */
import { registerLocale } from '../core/i18n/locales.js';
import feedback from '../elements/feedback/translations/pt.js';
import wall from '../elements/wall/translations/pt.js';
import journey from '../journey/translations/pt.js';
import status from '../elements/status/translations/pt.js';

registerLocale('pt', { feedback, wall, journey, status });
