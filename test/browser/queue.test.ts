// The write-ahead queue in real Chromium, against an endpoint that fails on purpose:
// offline, reloads, closed tabs, requests cut off in flight, several tabs, refusals.
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from './lib/chromium.js';
import { faultyEndpoint } from './lib/collect.js';
import { give, PAGE, pageErrors, statusOf, until } from './lib/page.js';
import { serve, type TestServer } from './lib/server.js';

let browser: Browser;
let context: BrowserContext;
let server: TestServer;
let endpoint: ReturnType<typeof faultyEndpoint>;
let errors: Error[];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  endpoint = faultyEndpoint();
  server = await serve(endpoint.handle);
  context = await browser.newContext();
  errors = [];
});
afterEach(async () => {
  endpoint.state.held.forEach((release) => release());
  await context.close();
  await server.close();
  expect(errors, 'uncaught errors in the page').toEqual([]);
});

const open = async () => {
  const page = await context.newPage();
  pageErrors(page, errors);
  await page.goto(server.url + PAGE);
  return page;
};
const delivered = (ids: string[]) => ids.every((id) => endpoint.state.stored.has(id));

describe('delivery in a real browser', () => {
  it('says "saved" while the request is out, and "sent" only once the endpoint answers 2xx', async () => {
    const page = await open();
    endpoint.state.fault = () => 'hang';
    const sent = page.evaluate(() => new Promise((resolve) => addEventListener('cx-sent', (e) => resolve((e as CustomEvent).detail), { once: true })));
    const [id] = await give(page);
    await until('the request arrives', () => endpoint.state.requests == 1);
    expect(await statusOf(page, 1)).toBe('Saved. It will be sent.');
    endpoint.state.held.forEach((release) => release());
    expect(await sent).toEqual({ id, status: 200 });
    expect(await statusOf(page, 1)).toBe('Sent.');
  });

  it('keeps answers given offline and sends them when the network returns', async () => {
    const page = await open();
    await context.setOffline(true);
    const ids = await give(page, 3);
    expect(await page.evaluate(() => (window as any).Touchpoint.pending().then((p: unknown[]) => p.length))).toBe(3);
    expect(await statusOf(page, 1)).toBe('Saved. It will be sent.');
    expect(endpoint.state.distinct).toBe(0);
    await context.setOffline(false);
    await until('the answers arrive', () => delivered(ids));
    await until('the queue is empty', async () => (await page.evaluate(() => (window as any).Touchpoint.pending())).length == 0);
  });

  it('sends what a page left queued after a reload', async () => {
    const page = await open();
    endpoint.state.fault = () => 'error';
    const ids = await give(page, 2);
    await until('the first attempt fails', () => endpoint.state.requests >= 1);
    endpoint.state.fault = () => 'ok';
    await page.reload();
    await until('the answers arrive', () => delivered(ids));
  });

  it('sends what a closed tab left queued from the next page view', async () => {
    const first = await open();
    endpoint.state.fault = () => 'error';
    const ids = await give(first, 2);
    await until('the first attempt fails', () => endpoint.state.requests >= 1);
    await first.close({ runBeforeUnload: true });
    endpoint.state.fault = () => 'ok';
    await open();
    await until('the answers arrive', () => delivered(ids));
  });

  it('resends an answer whose request was cut off by a reload, and the endpoint sees a duplicate, not a loss', async () => {
    const page = await open();
    endpoint.state.fault = () => 'hang';
    const [id] = await give(page);
    await until('the request is held', () => endpoint.state.requests == 1);
    endpoint.state.fault = () => 'ok';
    await page.reload();
    await until('the answer arrives again', () => endpoint.state.stored.get(id) == 2);
    expect(endpoint.state.distinct).toBe(1);
    // The 2xx reaches the page after the endpoint stored it: wait for the queue, not for a time.
    await until('the queue is empty', async () => (await page.evaluate(() => (window as any).Touchpoint.pending())).length == 0);
  });

  it.each([2, 3])('delivers every answer from %i tabs answering at once, one tab sending at a time', async (tabs) => {
    const pages = await Promise.all(Array.from({ length: tabs }, open));
    const ids = (await Promise.all(pages.map((page) => give(page, 5)))).flat();
    await until('every answer arrives', () => delivered(ids));
    expect(endpoint.state.distinct).toBe(tabs * 5);
    expect(endpoint.state.maxInFlight).toBe(1);
  });

  it('moves an answer the endpoint refuses with a 400 to the failed list, fires cx-failed, and can retry it', async () => {
    const page = await open();
    endpoint.state.fault = () => 'reject';
    const failed = page.evaluate(() => new Promise((resolve) => addEventListener('cx-failed', (e) => resolve((e as CustomEvent).detail), { once: true })));
    const [id] = await give(page);
    expect(await failed).toEqual({ id, status: 400, reason: 'effort: not accepted by this test' });
    expect(await statusOf(page, 1)).toBe('It could not be delivered.');
    expect(await page.evaluate(() => (window as any).Touchpoint.failed())).toMatchObject([{ answer: { id }, status: 400 }]);
    endpoint.state.fault = () => 'ok';
    expect(await page.evaluate(() => (window as any).Touchpoint.retryFailed())).toBe(1);
    await until('the retried answer arrives', () => delivered([id]));
  });

  it('keeps answers in memory and sends them at once when IndexedDB is unusable, and says so once', async () => {
    await context.addInitScript(() => {
      Object.defineProperty(window, 'indexedDB', { get: () => ({ open: () => { throw new DOMException('blocked by the test', 'SecurityError'); } }) });
      // Listening before any script of the page runs: the event may fire as soon as the first answer is given.
      const heard: unknown[] = ((window as any).storageEvents = []);
      addEventListener('cx-storage', (e) => heard.push((e as CustomEvent).detail));
    });
    const page = await context.newPage();
    pageErrors(page, errors);
    const warnings: string[] = [];
    page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()));
    await page.goto(server.url + PAGE);
    const ids = await give(page, 2);
    await until('cx-storage was fired', async () => (await page.evaluate(() => (window as any).storageEvents.length)) > 0);
    expect(await page.evaluate(() => (window as any).storageEvents)).toEqual([{ persistent: false }]);
    await until('the answers arrive', () => delivered(ids));
    expect(warnings.filter((w) => w.includes('IndexedDB is unusable'))).toHaveLength(1);
  });
});
