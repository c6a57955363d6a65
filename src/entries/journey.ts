/**
 * The script-tag bundle (`dist/journey.js`) and the ESM entry `touchpoint-cx/journey`. Importing
 * it defines `<cx-journey>`; nothing here is part of `dist/touchpoint.js`. The script-tag bundles
 * export no values (see rollup.config.mjs), so the class is reached as
 * `customElements.get('cx-journey')` and its type is exported here.
 */
import '../journey/element.js';

export type { CxJourney } from '../journey/element.js';
export type { Summary, TouchpointSummary, Stats, NegativeComment } from '../core/summary.js';
