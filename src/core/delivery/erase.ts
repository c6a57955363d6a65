import { TIMEOUT, type TransportOptions } from './transport.js';

/** One endpoint asked to delete one journey: `status` 0 when no answer came, null when not asked. */
export interface Erased {
  url: string;
  status: number | null;
  /** The count a 2xx `{"deleted": N}` confirmed, else null. */
  deleted: number | null;
}

/** An endpoint as an absolute http(s) URL, or undefined. */
export function absolute(endpoint: unknown): string | undefined {
  try {
    const url = new URL((endpoint as string).trim(), document.baseURI);
    if (/^https?:$/.test(url.protocol)) return url.href;
  } catch {}
}

/**
 * The collector's URL for a journey: an endpoint whose path ends in `/feedback` with that
 * segment replaced (`/api/feedback` → `/api/journeys/<journey>`); undefined for other endpoints,
 * whose backends are not known to have one.
 */
export function journeysUrl(endpoint: string, journey: string): string | undefined {
  const url = new URL(endpoint);
  if (!/\/feedback$/.test(url.pathname)) return;
  url.pathname = url.pathname.slice(0, -8) + 'journeys/' + journey;
  return url.href;
}

/** `DELETE <url>` with the configured headers and credentials; resolves within the timeout, whatever a host's `fetch` does. */
export function erase(url: string, { headers, credentials }: TransportOptions): Promise<Erased> {
  const none = { url, status: 0, deleted: null };
  return Promise.race([
    fetch(url, { method: 'DELETE', headers, credentials }).then(async (response) => {
      const n = await response.json().then((body) => body?.deleted, () => null);
      return { url, status: response.status, deleted: response.ok && Number.isInteger(n) && n >= 0 ? n : null };
    }, () => none),
    new Promise<Erased>((done) => setTimeout(done, TIMEOUT, none)),
  ]);
}
