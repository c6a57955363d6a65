/**
 * The script-tag bundle (`dist/journey.js`, which adds `CxJourney` to `window.Touchpoint`) and the
 * ESM entry `touchpoint-cx/journey`. Importing it defines `<cx-journey>`; none of it is in
 * `dist/touchpoint.js`.
 */
export { CxJourney } from '../journey/element.js';
export type { Summary, TouchpointSummary, Stats, NegativeComment } from '../core/summary.js';
