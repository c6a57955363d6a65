import type { StatusStrings } from './strings.js';

const de: StatusStrings = {
  severity: { info: 'Information', minor: 'Leichte Störung', major: 'Schwere Störung', critical: 'Dienst ausgefallen', maintenance: 'Geplante Wartung' },
  updated: (when) => `Aktualisiert ${when}`,
  posted: (when) => `Veröffentlicht ${when}`,
  until: (when) => `Bis ${when}`,
  more: 'Weitere Informationen',
  dismiss: (title) => `Schließen: ${title}`,
  asOf: (when) => `Stand: ${when}.`,
};
export default de;
