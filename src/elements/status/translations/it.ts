import type { StatusStrings } from './strings.js';

// "Fine prevista" rather than "Fino al", which would need "all’" before 1, 8 and 11.
const it: StatusStrings = {
  severity: { info: 'Informazione', minor: 'Disservizio lieve', major: 'Disservizio grave', critical: 'Servizio non disponibile', maintenance: 'Manutenzione programmata' },
  updated: (when) => `Aggiornato ${when}`,
  posted: (when) => `Pubblicato ${when}`,
  until: (when) => `Fine prevista: ${when}`,
  more: 'Maggiori informazioni',
  dismiss: (title) => `Chiudi: ${title}`,
  asOf: (when) => `Ultime informazioni ricevute: ${when}.`,
};
export default it;
