/** Italian for <cx-feedback>, <cx-wall>, <cx-journey> and <cx-status>: the script tag dist/locales/it.js, or import 'touchpoint-cx/locales/it'. */
import { registerLocale } from '../core/i18n/locales.js';
import feedback from '../elements/feedback/translations/it.js';
import wall from '../elements/wall/translations/it.js';
import journey from '../journey/translations/it.js';
import status from '../elements/status/translations/it.js';

registerLocale('it', { feedback, wall, journey, status });
