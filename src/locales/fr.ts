/** French for <cx-feedback>, <cx-wall>, <cx-journey> and <cx-status>: the script tag dist/locales/fr.js, or import 'touchpoint-cx/locales/fr'. */
import { registerLocale } from '../core/i18n/locales.js';
import feedback from '../elements/feedback/translations/fr.js';
import wall from '../elements/wall/translations/fr.js';
import journey from '../journey/translations/fr.js';
import status from '../elements/status/translations/fr.js';

registerLocale('fr', { feedback, wall, journey, status });
