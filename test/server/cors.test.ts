import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAnswer } from '../fixtures/answers.js';
import { startCollector, type Running } from './lib.js';

const SHOP = 'https://shop.example';
const preflight = (c: Running, origin: string, path = '/api/feedback') =>
  fetch(c.url + path, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' },
  });

describe('CORS with TOUCHPOINT_ORIGINS', () => {
  let c: Running;
  beforeAll(async () => (c = await startCollector({ origins: [SHOP, 'https://other.example'] })));
  afterAll(() => c.close());

  it('answers a preflight from an allowed origin, allowing the widget headers, cached', async () => {
    const reply = await preflight(c, SHOP);
    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(reply.headers.get('access-control-allow-methods')).toMatch(/\bPOST\b/);
    const allowed = reply.headers.get('access-control-allow-headers')!.toLowerCase().split(/\s*,\s*/);
    expect(allowed).toEqual(expect.arrayContaining(['content-type', 'idempotency-key', 'authorization']));
    expect(Number(reply.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(reply.headers.get('vary')).toMatch(/Origin/);
  });

  it('refuses a preflight from any other origin', async () => {
    const reply = await preflight(c, 'https://evil.example');
    expect(reply.status).toBe(403);
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets an allowed origin read the answer and Retry-After', async () => {
    const reply = await fetch(`${c.url}/api/feedback`, {
      method: 'POST',
      headers: { Origin: SHOP, 'Content-Type': 'application/json' },
      body: JSON.stringify(makeAnswer()),
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(reply.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
  });

  it('gives no CORS headers to other origins', async () => {
    const reply = await fetch(`${c.url}/api/feedback`, { headers: { Origin: 'https://evil.example' } });
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('always allows the collector own origin (the demo pages)', async () => {
    const reply = await preflight(c, c.url);
    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-origin')).toBe(c.url);
  });
});

describe('CORS with TOUCHPOINT_ORIGINS=*', () => {
  let c: Running;
  beforeAll(async () => (c = await startCollector({ origins: ['*'] })));
  afterAll(() => c.close());

  it('allows any origin', async () => {
    const reply = await preflight(c, 'https://anyone.example');
    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
  });
});
