import type { StatusStrings } from './strings.js';

const en: StatusStrings = {
  severity: { info: 'Information', minor: 'Minor disruption', major: 'Major disruption', critical: 'Service down', maintenance: 'Planned maintenance' },
  updated: (when) => `Updated ${when}`,
  posted: (when) => `Posted ${when}`,
  until: (when) => `Until ${when}`,
  more: 'More information',
  dismiss: (title) => `Dismiss: ${title}`,
  asOf: (when) => `As of ${when}.`,
};
export default en;
