import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAnswer } from '../fixtures/answers.js';
import { createCollector } from '../../src/server/collector.js';
import { ownOrigins } from '../../src/server/cors.js';
import { rawRequest, startCollector, type Running } from './lib.js';

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

  it('counts localhost at the same port as its own origin (the demo is opened that way)', async () => {
    const local = c.url.replace('127.0.0.1', 'localhost');
    const reply = await preflight(c, local);
    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-origin')).toBe(local);
  });

  it('allows DELETE in a preflight', async () => {
    const reply = await fetch(`${c.url}/api/journeys/x`, { method: 'OPTIONS', headers: { Origin: SHOP, 'Access-Control-Request-Method': 'DELETE' } });
    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-methods')!.split(/\s*,\s*/)).toContain('DELETE');
  });

  it('does not take its own origin from the Host header (DNS rebinding)', async () => {
    // A page at http://rebound.example:PORT whose name now points at the collector: the browser
    // sends that name as both Host and Origin.
    const rebound = `rebound.example:${new URL(c.url).port}`;
    const headers = { Host: rebound, Origin: `http://${rebound}`, 'Access-Control-Request-Method': 'POST' };
    const reply = await rawRequest(c.url, '/api/feedback', { method: 'OPTIONS', headers });
    expect(reply.status).toBe(403);
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    const read = await rawRequest(c.url, '/api/feedback', { headers: { Host: rebound, Origin: `http://${rebound}` } });
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS with a public URL', () => {
  let c: Running;
  beforeAll(async () => (c = await startCollector({ publicUrl: 'https://Feedback.example/touchpoint/' })));
  afterAll(() => c.close());

  it('allows the origin of the public URL', async () => {
    const reply = await preflight(c, 'https://feedback.example');
    expect(reply.status).toBe(204);
    expect(reply.headers.get('access-control-allow-origin')).toBe('https://feedback.example');
  });

  it('allows no other scheme, port or name, the listening address included', async () => {
    for (const origin of ['http://feedback.example', 'https://feedback.example:8443', 'https://www.feedback.example', c.url]) {
      const reply = await preflight(c, origin);
      expect(reply.status, origin).toBe(403);
    }
    const headers = { Host: 'feedback.example', Origin: 'https://feedback.example.evil', 'Access-Control-Request-Method': 'POST' };
    expect((await rawRequest(c.url, '/api/feedback', { method: 'OPTIONS', headers })).status).toBe(403);
  });
});

describe('own origins', () => {
  const at = (address: string, family: string, port = 8080) => () => ({ address, family, port });

  it('are the listening address, with localhost when that is a loopback or any address', () => {
    expect([...ownOrigins(undefined, at('127.0.0.1', 'IPv4'))()]).toEqual(['http://127.0.0.1:8080', 'http://localhost:8080']);
    expect([...ownOrigins(undefined, at('::1', 'IPv6'))()]).toEqual(['http://[::1]:8080', 'http://localhost:8080']);
    expect([...ownOrigins(undefined, at('0.0.0.0', 'IPv4'))()].sort()).toEqual(
      ['http://0.0.0.0:8080', 'http://127.0.0.1:8080', 'http://[::1]:8080', 'http://localhost:8080'].sort(),
    );
    expect([...ownOrigins(undefined, at('192.0.2.10', 'IPv4', 80))()]).toEqual(['http://192.0.2.10']);
    expect([...ownOrigins(undefined, () => null)()]).toEqual([]);
  });

  it('are only the public URL origin when one is configured', () => {
    expect([...ownOrigins('http://shop.example:8080/collector', at('127.0.0.1', 'IPv4'))()]).toEqual(['http://shop.example:8080']);
  });

  it('refuse a public URL that is not http(s), before opening anything', () => {
    for (const publicUrl of ['feedback.example', 'ftp://feedback.example', 'javascript:alert(1)'])
      expect(() => createCollector({ dbPath: '/nonexistent/never/created.db', publicUrl })).toThrow(/publicUrl must be an http\(s\) URL/);
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
