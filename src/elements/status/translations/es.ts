import type { StatusStrings } from './strings.js';

const es: StatusStrings = {
  severity: { info: 'Información', minor: 'Incidencia leve', major: 'Incidencia grave', critical: 'Servicio caído', maintenance: 'Mantenimiento programado' },
  updated: (when) => `Actualizado ${when}`,
  posted: (when) => `Publicado ${when}`,
  until: (when) => `Hasta ${when}`,
  more: 'Más información',
  dismiss: (title) => `Cerrar: ${title}`,
  asOf: (when) => `Según lo último que supimos, a las ${when}.`,
};
export default es;
