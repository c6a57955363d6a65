// The widget against the reference collector, for real: a page on one origin posting to the
// collector on another (CORS), answers stored in SQLite, the collector stopped and restarted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCollector, type Collector } from '../../src/server/collector.js';
import { launchChromium } from './lib/chromium.js';
import { give, PAGE, pageErrors, statusOf, until } from './lib/page.js';
import { serve, STRICT_CSP, type TestServer } from './lib/server.js';
import { feedIds } from './lib/feed.js';

let browser: Browser;
let site: TestServer;
let dir: string;
let collector: Collector;
let api: string;
let context: BrowserContext;
let errors: Error[];

/** Starts the collector on `port` (0: a free one) over the test's database. */
async function startCollector(port = 0) {
  collector = createCollector({ dbPath: join(dir, 'touchpoint.db'), origins: [site.url], rateLimit: 100_000, log: () => {} });
  api = `${await collector.listen(port)}/api/feedback`;
}

/** Every answer the collector keeps, through its public feed. */
const stored = (): Promise<string[]> => feedIds(api);

beforeAll(async () => {
  browser = await launchChromium();
  // A site that posts to a collector elsewhere lists it in connect-src, as an owner would.
  site = await serve(undefined, () => STRICT_CSP.replace("connect-src 'self'", `connect-src 'self' ${new URL(api).origin}`));
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'touchpoint-loop-'));
  await startCollector();
  context = await browser.newContext();
  errors = [];
});
afterEach(async () => {
  await context.close();
  await collector.close();
  rmSync(dir, { recursive: true, force: true });
  expect(errors, 'uncaught errors in the page').toEqual([]);
});

async function open(): Promise<Page> {
  const page = await context.newPage();
  pageErrors(page, errors);
  await page.goto(site.url + PAGE);
  return page;
}

describe('against the reference collector', () => {
  it('stores an answer posted from another origin, and the widget says "sent"', async () => {
    const page = await open();
    const [id] = await give(page, 1, api);
    await until('the collector stores it', async () => (await stored()).includes(id));
    await until('the widget says sent', async () => (await statusOf(page, 1)) == 'Sent.');
  });

  it('keeps answers while the collector is down, and delivers them after a reload once it is back', async () => {
    const port = Number(new URL(api).port);
    await collector.close();
    const page = await open();
    const ids = await give(page, 3, api);
    expect(await page.evaluate(() => (window as any).Touchpoint.pending().then((p: unknown[]) => p.length))).toBe(3);
    await startCollector(port);
    await page.reload();
    await until('the collector stores all three', async () => (await stored()).length == 3);
    expect((await stored()).sort()).toEqual(ids.sort());
  });

  it('stores every answer from three tabs once, in batches as well as one by one', async () => {
    const pages = await Promise.all([open(), open(), open()]);
    const single = (await Promise.all(pages.map((page) => give(page, 4, api)))).flat();
    await pages[0].evaluate((api) => {
      // Ten answers queued while offline, then sent as {"events": [...]} with batch="10".
      for (let i = 0; i < 10; i++) {
        const el = document.createElement('cx-feedback');
        Object.entries({ endpoint: api, touchpoint: `batch-${i}`, ask: 'emotion', batch: '10', 'cooldown-days': '0' }).forEach(([k, v]) => el.setAttribute(k, v));
        document.body.append(el);
      }
    }, api);
    await context.setOffline(true);
    const batched = await pages[0].evaluate(async () => {
      const els = [...document.querySelectorAll('cx-feedback[batch]')];
      return Promise.all(
        els.map((el) => {
          const queued = new Promise<string>((resolve) => el.addEventListener('cx-queued', (e) => resolve((e as CustomEvent).detail.id), { once: true }));
          el.shadowRoot!.querySelector<HTMLElement>('[part~="emotion-option"]')!.click();
          el.shadowRoot!.querySelector<HTMLElement>('[part="submit"]')!.click();
          return queued;
        }),
      );
    });
    await context.setOffline(false);
    const all = [...single, ...batched];
    await until('the collector stores all 22', async () => (await stored()).length == 22);
    expect((await stored()).sort()).toEqual(all.sort());
  });

  it("moves an answer the collector refuses to the failed list, with the collector's reason", async () => {
    const page = await open();
    // A transform that breaks the schema: the collector answers 422 with "field: reason".
    await page.evaluate(() => (window as any).Touchpoint.configure({ transform: (a: object) => ({ ...a, effort: 99 }) }));
    const failed = page.evaluate(() => new Promise((resolve) => addEventListener('cx-failed', (e) => resolve((e as CustomEvent).detail), { once: true })));
    const [id] = await give(page, 1, api);
    expect(await failed).toEqual({ id, status: 422, reason: 'effort: must be an integer from 1 to 7, or null' });
    expect(await stored()).toEqual([]);
  });
});
