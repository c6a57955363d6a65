// no-preflight: endpoints that answer no CORS preflight (no-code catchers: Google Apps Script,
// Zapier, Make, n8n, Pipedream, form backends), on another origin, in real Chromium. The answer
// goes as a CORS simple request; where the endpoint's reply cannot be read, "sent" means received.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { launchChromium } from './lib/chromium.js';
import { pageErrors, until } from './lib/page.js';
import { serve, type TestServer } from './lib/server.js';

let browser: Browser;
let site: TestServer;
let catcher: Server;
let catcherUrl: string;
let errors: Error[];
/** What the catcher received: method, path, content type, whether an Idempotency-Key came, the body. */
let received: { method: string; path: string; type?: string; key: boolean; body: string }[];
let failing = false;

beforeAll(async () => {
  browser = await launchChromium();
  // The catcher, on another origin: 405 to every OPTIONS, as many no-code endpoints do.
  catcher = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ method: req.method!, path: req.url!, type: req.headers['content-type'], key: 'idempotency-key' in req.headers, body });
    if (req.method == 'OPTIONS') return void res.writeHead(405).end();
    const cors = req.url!.startsWith('/with-cors') ? { 'Access-Control-Allow-Origin': '*' } : {};
    if (failing) return void res.writeHead(500, cors).end('{"error":"down"}');
    res.writeHead(200, { 'Content-Type': 'application/json', ...cors }).end('{"ok":true}');
  });
  await new Promise<void>((ready) => catcher.listen(0, '127.0.0.1', ready));
  catcherUrl = `http://127.0.0.1:${(catcher.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((done) => catcher?.close(done));
});
beforeEach(async () => {
  received = [];
  errors = [];
  failing = false;
  site = await serve(
    (req, res) => {
      const path = new URL(req.url!, 'http://x').pathname;
      const m = /^\/page\/([\w-]+)(\/simple)?$/.exec(path);
      if (!m) return;
      const attrs = m[2] ? ' no-preflight' : '';
      res
        .writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': `default-src 'self'; connect-src ${catcherUrl}` })
        .end(`<!doctype html><html lang="en"><meta charset="utf-8"><script src="/dist/touchpoint.js"></script><cx-feedback endpoint="${catcherUrl}/${m[1]}" touchpoint="order" cooldown-days="0"${attrs}></cx-feedback></html>`);
      return true;
    },
    () => "default-src 'self'",
  );
});
afterEach(async () => {
  await site.close();
  expect(errors, 'uncaught errors in the page').toEqual([]);
});

async function answerOn(path: string): Promise<{ page: Page; id: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  pageErrors(page, errors);
  await page.goto(site.url + path);
  await page.evaluate(() => {
    const w = window as unknown as { sent: unknown[] };
    w.sent = [];
    addEventListener('cx-sent', (e) => w.sent.push((e as CustomEvent).detail));
  });
  const queued = page.evaluate(() => new Promise<string>((resolve) => addEventListener('cx-queued', (e) => resolve((e as CustomEvent).detail.id), { once: true })));
  await page.locator('cx-feedback [part~="effort-option"]').nth(5).click();
  await page.locator('cx-feedback [part~="submit"]').click();
  return { page, id: await queued };
}
const pending = (page: Page) => page.evaluate(() => (window as any).Touchpoint.pending().then((p: Answer[]) => p.length));
const sentEvents = (page: Page) => page.evaluate(() => (window as unknown as { sent: { id: string; status: number }[] }).sent);
const posts = () => received.filter((r) => r.method == 'POST');

describe('an endpoint that answers every preflight with 405', () => {
  it('never gets the answer without no-preflight (the browser asks first, and stops there)', async () => {
    const { page } = await answerOn('/page/with-cors');
    await until('the preflight was refused', () => received.some((r) => r.method == 'OPTIONS'));
    await expect.poll(() => pending(page)).toBe(1);
    expect(posts()).toEqual([]);
    await page.context().close();
  });

  it('with no-preflight, gets the same JSON as text/plain with no custom header; a readable 2xx is "sent"', async () => {
    const { page, id } = await answerOn('/page/with-cors/simple');
    await until('the answer arrived', () => posts().length > 0);
    expect(received.filter((r) => r.method == 'OPTIONS')).toEqual([]);
    expect(posts()[0]).toMatchObject({ type: 'text/plain;charset=UTF-8', key: false });
    expect(JSON.parse(posts()[0].body)).toMatchObject({ id, touchpoint: 'order', effort: 6 });
    await expect.poll(() => sentEvents(page)).toEqual([{ id, status: 200 }]);
    await expect.poll(() => pending(page)).toBe(0);
    await page.context().close();
  });

  it('with no-preflight and a readable 500, keeps the answer and tries again', async () => {
    failing = true;
    const { page } = await answerOn('/page/with-cors/simple');
    await until('the first attempt failed', () => posts().length > 0);
    await expect.poll(() => pending(page)).toBe(1);
    failing = false;
    await page.evaluate(() => (window as any).Touchpoint.flush());
    await expect.poll(() => pending(page)).toBe(0);
    await page.context().close();
  });

  it('with no-preflight and no CORS headers at all, counts "received" as sent (status 0) instead of retrying for ever', async () => {
    const { page, id } = await answerOn('/page/without-cors/simple');
    await until('the answer arrived', () => posts().length > 0);
    await expect.poll(() => sentEvents(page)).toEqual([{ id, status: 0 }]);
    await expect.poll(() => pending(page)).toBe(0);
    // The readable try reached the endpoint too: the same id, for it to dedupe.
    expect(new Set(posts().map((p) => JSON.parse(p.body).id))).toEqual(new Set([id]));
    expect(await page.locator('cx-feedback [role="status"]').textContent()).toBe('Sent.');
    await page.context().close();
  });
});
