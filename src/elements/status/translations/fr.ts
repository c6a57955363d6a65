import type { StatusStrings } from './strings.js';

// Formal French; a no-break space before the colon, as French sets it.
const fr: StatusStrings = {
  severity: { info: 'Information', minor: 'Perturbation mineure', major: 'Perturbation majeure', critical: 'Service interrompu', maintenance: 'Maintenance programmée' },
  updated: (when) => `Mis à jour ${when}`,
  posted: (when) => `Publié ${when}`,
  until: (when) => `Fin prévue : ${when}`,
  more: 'En savoir plus',
  dismiss: (title) => `Fermer : ${title}`,
  asOf: (when) => `Situation à ${when}.`,
};
export default fr;
