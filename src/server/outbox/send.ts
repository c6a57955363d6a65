import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isPrivateAddress } from './private-address.js';

export const SEND_TIMEOUT_MS = 10_000;
const RESPONSE_MAX_BYTES = 64 * 1024;

export interface SendResult {
  /** The response status, or null when there was none (refused, reset, timed out). */
  status: number | null;
  ok: boolean;
  /** Seconds the receiver asked to wait (`Retry-After`), if it did. */
  retryAfterS: number | null;
  error: string | null;
}

/** DNS lookup that refuses private addresses, checked on the addresses actually connected to (no rebinding). */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0);
    const list = addresses as unknown as LookupAddress[];
    const refused = list.find((a) => isPrivateAddress(a.address));
    if (refused) return callback(Object.assign(new Error(`${hostname} resolves to a private address (${refused.address}); set TOUCHPOINT_WEBHOOK_ALLOW_PRIVATE=1 to allow it`), { code: 'EPRIVATE' }), '', 0);
    if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0].address, list[0].family);
  });
};

/**
 * POSTs a JSON body: at most 10 s in all, no redirects followed (a 3xx is a failure), the
 * response read up to 64 KB and dropped. Never throws.
 */
export function send(url: string, body: string, headers: Record<string, string>, { allowPrivate = false } = {}): Promise<SendResult> {
  return new Promise((done) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done(result);
    };
    const target = new URL(url);
    const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(
      target,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'User-Agent': 'touchpoint-cx-webhooks', ...headers },
        ...(!allowPrivate && { lookup: guardedLookup }),
        agent: false,
      },
      (res: IncomingMessage) => {
        let read = 0;
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > RESPONSE_MAX_BYTES) res.destroy();
        });
        const status = res.statusCode ?? 0;
        const settle = () => finish({ status, ok: status >= 200 && status < 300, retryAfterS: retryAfter(res.headers['retry-after']), error: status >= 200 && status < 300 ? null : `HTTP ${status}` });
        res.on('end', settle);
        res.on('close', settle);
        res.on('error', settle);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      finish({ status: null, ok: false, retryAfterS: null, error: `no answer within ${SEND_TIMEOUT_MS / 1000} s` });
    }, SEND_TIMEOUT_MS);
    req.on('error', (error: NodeJS.ErrnoException) => finish({ status: null, ok: false, retryAfterS: null, error: error.message.split('\n')[0] || String(error.code) }));
    req.end(body);
  });
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date), or null. */
export function retryAfter(value: string | undefined, nowMs = Date.now()): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - nowMs) / 1000));
}
