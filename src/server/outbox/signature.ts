import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com, "Verifying webhook authenticity"):
 * HMAC-SHA256 over `${id}.${timestamp}.${body}` with the secret's bytes (the base64 after
 * `whsec_`), sent as `webhook-signature: v1,<base64>`, with `webhook-id` and `webhook-timestamp`
 * (seconds since the epoch).
 */
export function signatureHeaders(secret: string, id: string, body: string, nowMs: number): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}
