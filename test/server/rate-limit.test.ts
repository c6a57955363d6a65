import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAnswer } from '../fixtures/answers.js';
import { join } from 'node:path';
import { rawRequest, ROOT, startCollector, type Running } from './lib.js';

const SHOP = 'https://shop.example';

describe('rate limit per client address', () => {
  let c: Running;
  beforeAll(async () => (c = await startCollector({ rateLimit: 5, origins: [SHOP], pages: join(ROOT, 'demo') })));
  afterAll(() => c.close());

  it('answers 429 with Retry-After in seconds once an address has used its requests', async () => {
    for (let i = 0; i < 5; i++) expect((await c.get('/api/feedback')).status).toBe(200);
    const late = makeAnswer();
    const reply = await c.post('/api/feedback', late, { Origin: SHOP });
    expect(reply.status).toBe(429);
    const wait = reply.headers.get('retry-after')!;
    expect(wait).toMatch(/^\d+$/);
    expect(Number(wait)).toBeGreaterThanOrEqual(1);
    expect(Number(wait)).toBeLessThanOrEqual(60);
    expect(reply.json.error).toMatch(/too many requests/);
    // The widget, on another origin, must be able to read Retry-After.
    expect(reply.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(reply.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
    // The refused answer was not stored (checked from another address, which has its own allowance).
    const feed = await rawRequest(c.url, '/api/feedback', { localAddress: '127.0.0.2' });
    expect(feed.status).toBe(200);
    expect(JSON.parse(feed.text).items).toEqual([]);
  });

  it('counts each address separately', async () => {
    expect((await c.get('/api/feedback')).status).toBe(429);
    expect((await rawRequest(c.url, '/api/summary', { localAddress: '127.0.0.3' })).status).toBe(200);
  });

  it('still answers preflights and serves pages to a limited address', async () => {
    const preflight = await fetch(`${c.url}/api/feedback`, { method: 'OPTIONS', headers: { Origin: SHOP, 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.status).toBe(204);
    expect((await c.get('/cart')).status).toBe(200);
  });
});

describe('behind a reverse proxy', () => {
  it('counts by the last X-Forwarded-For address only when told to trust it', async () => {
    const trusting = await startCollector({ rateLimit: 1, trustProxy: true });
    const plain = await startCollector({ rateLimit: 1 });
    try {
      const from = (address: string) => ({ 'X-Forwarded-For': `198.51.100.7, ${address}` });
      expect((await trusting.get('/api/summary', from('203.0.113.1'))).status).toBe(200);
      expect((await trusting.get('/api/summary', from('203.0.113.1'))).status).toBe(429);
      expect((await trusting.get('/api/summary', from('203.0.113.2'))).status).toBe(200);
      // Not trusted: anyone could claim any address, so the connection's address counts.
      expect((await plain.get('/api/summary', from('203.0.113.1'))).status).toBe(200);
      expect((await plain.get('/api/summary', from('203.0.113.2'))).status).toBe(429);
    } finally {
      await trusting.close();
      await plain.close();
    }
  });
});

describe('client addresses', () => {
  it('counts an IPv6 /64 as one client and an address however written as one', async () => {
    const c = await startCollector({ rateLimit: 1, trustProxy: true });
    try {
      const from = (address: string) => c.get('/api/summary', { 'X-Forwarded-For': address });
      expect((await from('2001:db8:0:1::1')).status).toBe(200);
      // Another address in the same /64, and the same one written out in full.
      expect((await from('2001:db8:0:1:ffff::2')).status).toBe(429);
      expect((await from('2001:0DB8:0000:0001:0000:0000:0000:0001')).status).toBe(429);
      expect((await from('2001:db8:0:2::1')).status).toBe(200);
      expect((await from('203.0.113.5')).status).toBe(200);
      expect((await from('::ffff:203.0.113.5')).status).toBe(429);
      expect((await from('::FFFF:203.0.113.5')).status).toBe(429);
    } finally {
      await c.close();
    }
  });
});
