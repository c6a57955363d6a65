import type { StatusStrings } from './strings.js';

// "Final previst" rather than "Fins al", which would need "a l’" before 1 and 11.
const ca: StatusStrings = {
  severity: { info: 'Informació', minor: 'Incidència lleu', major: 'Incidència greu', critical: 'Servei interromput', maintenance: 'Manteniment programat' },
  updated: (when) => `Actualitzat ${when}`,
  posted: (when) => `Publicat ${when}`,
  until: (when) => `Final previst: ${when}`,
  more: 'Més informació',
  dismiss: (title) => `Tanca: ${title}`,
  asOf: (when) => `Darrera informació rebuda: ${when}.`,
};
export default ca;
