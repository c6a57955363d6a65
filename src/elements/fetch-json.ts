export type LoadErrorReason = 'source' | 'network' | 'http' | 'json' | 'shape';

/** Why a source could not be loaded: the elements turn the reason into words. */
export class LoadError extends Error {
  constructor(
    readonly reason: LoadErrorReason,
    readonly status = 0,
  ) {
    super(status ? `${reason} ${status}` : reason);
  }
}

const TIMEOUT_MS = 20_000;

/**
 * GETs `url` and parses its JSON, giving up after 20 s. An abort through `signal` rejects with
 * the abort; anything else (the network, the timeout, a non-2xx status, bad JSON) with a LoadError.
 */
export async function fetchJson(url: string, signal: AbortSignal): Promise<unknown> {
  const timeout = new AbortController();
  const stop = () => timeout.abort();
  const timer = setTimeout(stop, TIMEOUT_MS);
  signal.addEventListener('abort', stop);
  try {
    let response: Response;
    try {
      response = await fetch(url, { signal: timeout.signal, headers: { Accept: 'application/json' } });
    } catch (error) {
      throw signal.aborted ? error : new LoadError('network');
    }
    if (!response.ok) throw new LoadError('http', response.status);
    try {
      return await response.json();
    } catch (error) {
      throw signal.aborted ? error : new LoadError('json');
    }
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
  }
}
