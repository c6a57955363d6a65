import type { Answer } from '../answer.js';
import { retryAfter } from './backoff.js';

export interface TransportOptions {
  /** Extra request headers, e.g. authorization for your endpoint. */
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
  /** Reshapes each answer for an endpoint that expects another body. */
  transform?: (answer: Answer) => unknown;
}

/** How one request goes: while the page hides with `keepalive`; `simple` for endpoints that answer no preflight. */
export type Sending = TransportOptions & { keepalive?: boolean; simple?: boolean };

export type Outcome =
  /** 2xx: delivered, except the ids the collector listed as rejected. Status 0: received, with an answer the browser keeps from us (`simple` only). */
  | { kind: 'sent'; status: number; rejected: Map<string, string> }
  /** Worth trying again later: network error, timeout, 408, 425, 429, 5xx. */
  | { kind: 'retry'; status: number; wait?: number }
  /** Refused for good: any other status. */
  | { kind: 'failed'; status: number; reason: string };

export const TIMEOUT = 10_000;

const json = (text: string) => {
  try {
    return JSON.parse(text);
  } catch {}
};

/**
 * One POST: of one answer (the answer itself, with `Idempotency-Key`), or of several (`{"events":[…]}`).
 * The timeout is this module's own timer, not only the request's signal: hosts wrap `fetch`
 * (analytics, ad blockers, service workers), and a wrapper that ignores the signal would
 * otherwise hold the request, and with it the tabs' send lock, for ever.
 */
export function post(endpoint: string, answers: Answer[], batched: boolean, options: Sending = {}): Promise<Outcome> {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<Outcome>((resolve) => (timer = setTimeout(() => (abort.abort(), resolve({ kind: 'retry', status: 0 })), TIMEOUT)));
  return Promise.race([request(endpoint, answers, batched, options, abort.signal), timeout]).finally(() => clearTimeout(timer));
}

async function request(endpoint: string, answers: Answer[], batched: boolean, { headers, credentials, transform = (a) => a, keepalive, simple }: Sending, signal: AbortSignal): Promise<Outcome> {
  const init: RequestInit = {
    method: 'POST',
    // A CORS simple request (Fetch, "CORS-safelisted request-header"): text/plain and nothing
    // else, so no preflight; the id stays in the body for the endpoint to dedupe on.
    headers: simple ? { 'Content-Type': 'text/plain;charset=UTF-8' } : { ...headers, 'Content-Type': 'application/json', ...(!batched && { 'Idempotency-Key': answers[0].id }) },
    body: JSON.stringify(batched ? { events: answers.map(transform) } : transform(answers[0])),
    credentials,
    keepalive,
    signal,
  };
  let response: Response;
  try {
    response = await fetch(endpoint, init);
  } catch {
    // Offline, DNS, CORS, a reset connection, the timeout: all look alike from here, and all may pass.
    if (simple && !signal.aborted)
      try {
        // An endpoint that answers without CORS headers has the answer, but the browser keeps its
        // reply from us. A no-cors request can only tell that it was received: that is "sent" here.
        await fetch(endpoint, { ...init, mode: 'no-cors' });
        return { kind: 'sent', status: 0, rejected: new Map() };
      } catch {}
    return { kind: 'retry', status: 0 };
  }
  try {
    const { status } = response;
    const body = json(await response.text());
    if (status > 199 && status < 300) {
      // {"rejected":[{"id","error"}]}: the answers a collector refused inside an accepted request.
      const rejected = new Map<string, string>();
      for (const r of Array.isArray(body?.rejected) ? body.rejected : []) if (typeof r?.id == 'string') rejected.set(r.id, String(r.error ?? 'rejected').slice(0, 200));
      return { kind: 'sent', status, rejected };
    }
    if (status > 499 || status == 408 || status == 425 || status == 429) return { kind: 'retry', status, wait: retryAfter(response.headers.get('Retry-After')) };
    return { kind: 'failed', status, reason: (typeof body?.error == 'string' ? body.error.slice(0, 200) : '') || response.statusText || `HTTP ${status}` };
  } catch {
    // The body could not be read (the connection dropped): try again later.
    return { kind: 'retry', status: 0 };
  }
}
