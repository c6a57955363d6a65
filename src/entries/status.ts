/**
 * The script-tag bundle (`dist/status.js`, which adds `CxStatus` to `window.Touchpoint`) and the
 * ESM entry `touchpoint-cx/status`. Importing it defines `<cx-status>`, the notices customers see
 * at a touchpoint; none of it is in `dist/touchpoint.js`, and `<cx-feedback>` learns which notice
 * is shown through an event on `window`, so neither bundle imports the other.
 */
export { CxStatus } from '../elements/status/element.js';
export type { Notice, NoticeText, NoticeUpdate, Severity, StatusPage } from '../core/notice.js';
