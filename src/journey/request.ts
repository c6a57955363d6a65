import { fetchJson } from '../elements/fetch-json.js';
import { measure } from './timing.js';

/** `fetchJson`, timed for the bench and DevTools (`cx-journey fetch`). */
export async function fetchTimed(url: string, signal: AbortSignal): Promise<unknown> {
  const start = performance.now();
  const json = await fetchJson(url, signal);
  measure('fetch', start);
  return json;
}

/** The source URL with this period's `since`/`until` set, keeping any query it already has. */
export function withRange(url: string, range: { since: string | null; until: string | null }): string {
  const u = new URL(url);
  if (range.since) u.searchParams.set('since', range.since);
  if (range.until) u.searchParams.set('until', range.until);
  return u.href;
}
