import type { StatusStrings } from './strings.js';

const nl: StatusStrings = {
  severity: { info: 'Informatie', minor: 'Kleine storing', major: 'Grote storing', critical: 'Dienst niet beschikbaar', maintenance: 'Gepland onderhoud' },
  updated: (when) => `Bijgewerkt ${when}`,
  posted: (when) => `Geplaatst ${when}`,
  until: (when) => `Tot ${when}`,
  more: 'Meer informatie',
  dismiss: (title) => `Sluiten: ${title}`,
  asOf: (when) => `Situatie om ${when}.`,
};
export default nl;
