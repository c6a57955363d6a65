import { measure } from './timing.js';

export type LoadErrorReason = 'source' | 'network' | 'http' | 'json' | 'shape';

/** Why the journey could not be loaded, in words the element shows. */
export class LoadError extends Error {
  constructor(
    readonly reason: LoadErrorReason,
    readonly status = 0,
  ) {
    super(status ? `${reason} ${status}` : reason);
  }
}

/** GETs `url` and parses its JSON; an aborted request rejects with the abort, anything else with a LoadError. */
export async function fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
  const start = performance.now();
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (error) {
    throw signal.aborted ? error : new LoadError('network');
  }
  if (!response.ok) throw new LoadError('http', response.status);
  try {
    const json: unknown = await response.json();
    measure('fetch', start);
    return json;
  } catch (error) {
    throw signal.aborted ? error : new LoadError('json');
  }
}

/** The source URL with this period's `since`/`until` set, keeping any query it already has. */
export function withRange(url: string, range: { since: string | null; until: string | null }): string {
  const u = new URL(url);
  if (range.since) u.searchParams.set('since', range.since);
  if (range.until) u.searchParams.set('until', range.until);
  return u.href;
}
