import type { Answer } from '../answer.js';
import { retryAfter } from './backoff.js';

export interface TransportOptions {
  /** Extra request headers, e.g. authorization for your endpoint. */
  headers?: Record<string, string>;
  credentials?: RequestCredentials;
  /** Reshape each answer for an endpoint that expects another body. */
  transform?: (answer: Answer) => unknown;
}

export type Outcome =
  /** 2xx: delivered, except the ids the collector listed as rejected. */
  | { kind: 'sent'; status: number; rejected: Map<string, string> }
  /** Worth trying again later: network error, timeout, 408, 425, 429, 5xx. */
  | { kind: 'retry'; status: number; wait?: number }
  /** The endpoint refused it for good: any other status. */
  | { kind: 'failed'; status: number; reason: string };

export const TIMEOUT = 10_000;
const RETRY = [408, 425, 429];

/** One POST of one answer (batch = 1: the answer itself, with `Idempotency-Key`) or of several (`{"events":[…]}`). */
export async function post(
  endpoint: string,
  answers: Answer[],
  batched: boolean,
  options: TransportOptions & { keepalive?: boolean } = {},
): Promise<Outcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT);
  try {
    const shape = options.transform ?? ((a: Answer) => a);
    const headers: Record<string, string> = { ...options.headers, 'Content-Type': 'application/json' };
    if (!batched) headers['Idempotency-Key'] = answers[0].id;
    const response = await fetch(endpoint, {
      method: 'POST',
      headers,
      body: JSON.stringify(batched ? { events: answers.map(shape) } : shape(answers[0])),
      credentials: options.credentials,
      keepalive: options.keepalive,
      signal: controller.signal,
    });
    const { status } = response;
    const body = await response.text().catch(() => '');
    if (status >= 200 && status < 300) return { kind: 'sent', status, rejected: rejectedIn(body) };
    if (status >= 500 || RETRY.includes(status)) return { kind: 'retry', status, wait: retryAfter(response.headers.get('Retry-After')) };
    return { kind: 'failed', status, reason: reasonIn(body) || response.statusText || `HTTP ${status}` };
  } catch {
    // Offline, DNS, CORS, reset connection, timeout: all look alike from here, and all may pass.
    return { kind: 'retry', status: 0 };
  } finally {
    clearTimeout(timer);
  }
}

const parse = (body: string): unknown => {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
};

/** `{"rejected":[{"id","error"}]}`: the answers a collector refused inside an accepted request. */
function rejectedIn(body: string): Map<string, string> {
  const list = (parse(body) as { rejected?: unknown })?.rejected;
  const rejected = new Map<string, string>();
  if (Array.isArray(list))
    for (const item of list)
      if (typeof item?.id === 'string') rejected.set(item.id, String(item.error ?? 'rejected').slice(0, 200));
  return rejected;
}

function reasonIn(body: string): string {
  const error = (parse(body) as { error?: unknown })?.error;
  return typeof error === 'string' ? error.trim().slice(0, 200) : '';
}
