/**
 * The collector's owner API as `<cx-inbox>` calls it: JSON both ways, the session cookie sent
 * (same origin) and the page's Origin with every write, which the collector requires of a cookie.
 */

/** A request that did not succeed: `status` 0 for the network, else the HTTP status and the collector's one-line `error`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 20_000;

export async function call<T>(base: string, method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), TIMEOUT_MS);
  const abort = () => stop.abort();
  signal?.addEventListener('abort', abort);
  let response: Response;
  try {
    response = await fetch(base + path, {
      method,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(body !== undefined && { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: stop.signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, 'the collector could not be reached');
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  }
  if (response.status === 204) return undefined as T;
  let parsed: unknown = null;
  try {
    parsed = await response.json();
  } catch {}
  if (!response.ok) {
    const said = (parsed as { error?: unknown } | null)?.error;
    throw new ApiError(response.status, typeof said === 'string' ? said.slice(0, 300) : `HTTP ${response.status}`);
  }
  return parsed as T;
}
