/**
 * The script-tag bundle (`dist/touchpoint.js`, which also sets `window.Touchpoint`) and the ESM
 * entry `touchpoint-cx`. Importing it defines `<cx-feedback>` and, once the page has loaded,
 * sends any answers a previous page left queued (and does nothing at all when there are none).
 */
import { resume } from '../core/delivery/runtime.js';

export * from '../api.js';
export { CxFeedback } from '../elements/feedback/element.js';
export type { Answer, Emotion, EffortScale, Lang } from '../core/answer.js';

if (typeof window !== 'undefined') {
  if (document.readyState === 'complete') resume();
  else addEventListener('load', resume, { once: true });
}
