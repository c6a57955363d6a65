import type { Answer } from '../answer.js';
import { retryAfter } from './backoff.js';

export interface TransportOptions {
  /** Extra request headers, e.g. authorization for your endpoint. */
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
  /** Reshapes each answer for an endpoint that expects another body. */
  transform?: (answer: Answer) => unknown;
}

export type Outcome =
  /** 2xx: delivered, except the ids the collector listed as rejected. */
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
export function post(endpoint: string, answers: Answer[], batched: boolean, options: TransportOptions & { keepalive?: boolean } = {}): Promise<Outcome> {
  const abort = new AbortController();
  let timer: ReturnType<typeof setTimeout>;
  const timeout = new Promise<Outcome>((resolve) => (timer = setTimeout(() => (abort.abort(), resolve({ kind: 'retry', status: 0 })), TIMEOUT)));
  return Promise.race([request(endpoint, answers, batched, options, abort.signal), timeout]).finally(() => clearTimeout(timer));
}

async function request(
  endpoint: string,
  answers: Answer[],
  batched: boolean,
  { headers, credentials, transform = (a) => a, keepalive }: TransportOptions & { keepalive?: boolean },
  signal: AbortSignal,
): Promise<Outcome> {
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json', ...(!batched && { 'Idempotency-Key': answers[0].id }) },
      body: JSON.stringify(batched ? { events: answers.map(transform) } : transform(answers[0])),
      credentials,
      keepalive,
      signal,
    });
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
    // Offline, DNS, CORS, a reset connection, the timeout: all look alike from here, and all may pass.
    return { kind: 'retry', status: 0 };
  }
}
