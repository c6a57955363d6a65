// Touchpoint.forget() in real Chromium against the reference collector on another origin: this
// browser's queue and touchpoint:* keys are gone, the collector deleted the journey, nothing
// forgotten is sent afterwards (from this tab or another), and the next answer starts a new journey.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCollector, type Collector } from '../../src/server/collector.js';
import { launchChromium } from './lib/chromium.js';
import { give, PAGE, pageErrors, until } from './lib/page.js';
import { serve, STRICT_CSP, type TestServer } from './lib/server.js';
import { feedIds } from './lib/feed.js';

let browser: Browser;
let site: TestServer;
let dir: string;
let collector: Collector;
let api: string;
let context: BrowserContext;
let errors: Error[];
/** Every request the pages made to the collector, as Chromium sent it. */
let requests: { method: string; url: string; body: { id?: string; journey?: string } | null; headers: Record<string, string> }[];

/** Every answer the collector keeps, through its public feed. */
const stored = (): Promise<string[]> => feedIds(api);

beforeAll(async () => {
  browser = await launchChromium();
  site = await serve(undefined, () => STRICT_CSP.replace("connect-src 'self'", `connect-src 'self' ${new URL(api).origin}`));
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'touchpoint-forget-'));
  collector = createCollector({ dbPath: join(dir, 'touchpoint.db'), origins: [site.url], rateLimit: 100_000, log: () => {} });
  api = `${await collector.listen()}/api/feedback`;
  context = await browser.newContext();
  errors = [];
  requests = [];
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
  page.on('request', (r) => {
    if (r.url().startsWith(new URL(api).origin) && r.method() != 'OPTIONS') requests.push({ method: r.method(), url: r.url(), body: r.postDataJSON(), headers: r.headers() });
  });
  await page.goto(site.url + PAGE);
  return page;
}

/** The collector refuses the connection for answers (it stays up for everything else), as a collector that is down. */
const answersRefused = (refused: boolean) =>
  refused ? context.route(`${api}*`, (route) => route.abort('connectionrefused')) : context.unroute(`${api}*`);

/** What Touchpoint keeps in this origin: records in its IndexedDB databases, and touchpoint:* keys. */
const kept = (page: Page) =>
  page.evaluate(async () => {
    const request = <T>(r: IDBRequest<T>) => new Promise<T>((resolve, reject) => ((r.onsuccess = () => resolve(r.result)), (r.onerror = () => reject(r.error))));
    const databases = (await indexedDB.databases()).map((d) => d.name!).filter((name) => name.startsWith('touchpoint'));
    let records = 0;
    for (const name of databases) {
      const db = await request(indexedDB.open(name));
      for (const store of db.objectStoreNames) records += await request(db.transaction(store).objectStore(store).count());
      db.close();
    }
    return { databases: databases.sort(), records, keys: Object.keys(localStorage).filter((key) => key.startsWith('touchpoint:')).sort() };
  });

const journeyOf = (page: Page) => page.evaluate(() => JSON.parse(localStorage.getItem('touchpoint:journey')!).id as string);
const sentIds = () => requests.filter((r) => r.method == 'POST').map((r) => r.body!.id);

describe('Touchpoint.forget()', () => {
  it('deletes the queue and the keys here, the journey at the collector, and the next answer starts a new journey', async () => {
    const page = await open();
    await give(page, 2, api);
    await until('the collector stores both', async () => (await stored()).length == 2);
    const journey = await journeyOf(page);
    expect(requests.filter((r) => r.method == 'POST').map((r) => r.body!.journey)).toEqual([journey, journey]);

    // A third answer while the collector refuses answers: it stays queued.
    await answersRefused(true);
    const [queued] = await give(page, 1, api);
    await until('an attempt to send it failed', () => sentIds().includes(queued));
    expect(await kept(page)).toEqual({
      databases: expect.arrayContaining(['touchpoint-queue']),
      records: 1,
      keys: ['touchpoint:asked:given-0', 'touchpoint:asked:given-1', 'touchpoint:journey', 'touchpoint:queued'],
    });

    await page.evaluate(() => (window as any).Touchpoint.configure({ headers: { Authorization: 'Bearer site-key' } }));
    const result = await page.evaluate(() => (window as any).Touchpoint.forget());
    const journeys = `${new URL(api).origin}/api/journeys/${journey}`;
    expect(result).toEqual({
      local: true,
      // The page's own <cx-feedback endpoint="/collect"> is no collector: not asked, so no total.
      deleted: null,
      endpoints: [
        { url: `${site.url}/collect`, status: null, deleted: null },
        { url: journeys, status: 200, deleted: 2 },
      ],
    });
    expect(requests.filter((r) => r.method == 'DELETE')).toMatchObject([{ url: journeys, headers: { authorization: 'Bearer site-key' } }]);
    expect(await stored()).toEqual([]);
    expect(await kept(page)).toMatchObject({ records: 0, keys: [] });
    const attempts = sentIds().length;

    // The collector takes answers again: the forgotten one is not sent, and a new one has a new journey.
    await answersRefused(false);
    expect(await page.evaluate(() => (window as any).Touchpoint.flush())).toEqual({ sent: 0, pending: 0, failed: 0 });
    const [fresh] = await give(page, 1, api);
    await until('the collector stores the new answer', async () => (await stored()).includes(fresh));
    const last = requests.findLast((r) => r.method == 'POST')!.body!;
    expect(last.id).toBe(fresh);
    expect(last.journey).toMatch(/^[\da-f-]{36}$/);
    expect(last.journey).not.toBe(journey);
    expect(await journeyOf(page)).toBe(last.journey);
    expect(await stored()).toEqual([fresh]);
    expect(sentIds().slice(attempts)).toEqual([fresh]);
  });

  it('another tab drops what it holds: neither its flush nor its leaving sends a forgotten answer', async () => {
    const [here, other] = [await open(), await open()];
    await answersRefused(true);
    const [queued] = await give(other, 1, api);
    await until('an attempt to send it failed', () => sentIds().includes(queued));
    const journey = await journeyOf(other);
    // A channel made after the runtime's hears a message after it: once this one has, the runtime has too.
    await other.evaluate(() => {
      const probe = new BroadcastChannel('touchpoint');
      (window as any).heard = new Promise((resolve) => (probe.onmessage = ({ data }) => data == 'forget' && resolve(probe.close())));
    });

    const result = await here.evaluate(() => (window as any).Touchpoint.forget());
    await other.evaluate(() => (window as any).heard);
    expect(result.endpoints).toContainEqual({ url: `${new URL(api).origin}/api/journeys/${journey}`, status: 200, deleted: 0 });
    expect(await kept(other)).toMatchObject({ records: 0, keys: [] });
    const attempts = sentIds().length;

    // The other tab flushes, then hides (it sends its own answers from memory then), and answers anew.
    await answersRefused(false);
    expect(await other.evaluate(() => (window as any).Touchpoint.flush())).toEqual({ sent: 0, pending: 0, failed: 0 });
    await other.evaluate(() => {
      dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
      dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
    });
    const [fresh] = await give(other, 1, api);
    await until('the collector stores the new answer', async () => (await stored()).includes(fresh));
    expect(sentIds().slice(attempts)).toEqual([fresh]);
    expect(requests.findLast((r) => r.method == 'POST')!.body!.journey).not.toBe(journey);
  });
});
