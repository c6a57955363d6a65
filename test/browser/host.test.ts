// dist/touchpoint.js on hosts no fixture of ours would build: the back/forward cache kept,
// Trusted Types enforced, element names taken, storage, locks and channels refused, a fetch
// wrapper that never settles, frameworks unmounting, browsers closed mid-answer. The host
// pays nothing and no chosen rating is lost.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { makeAnswer } from '../fixtures/answers.js';
import { launchChromium, launchProfile } from './lib/chromium.js';
import { faultyEndpoint } from './lib/collect.js';
import { pageErrors, until } from './lib/page.js';
import { serve, STRICT_CSP, type Handler, type TestServer } from './lib/server.js';

let browser: Browser;
let server: TestServer;
let endpoint: ReturnType<typeof faultyEndpoint>;
let contexts: BrowserContext[];
let errors: Error[];
let consoleErrors: string[];

/** A host page: `head` and `body` as given, served with `csp` (default: the strict policy). */
const pages = new Map<string, { html: string; csp: string | null }>();
const host = (path: string, body: string, { head = '', csp = STRICT_CSP as string | null, lang = 'en', htmlAttrs = '' } = {}) => {
  pages.set(path, {
    csp,
    html: `<!doctype html><html lang="${lang}" ${htmlAttrs}><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Host</title>${head}</head><body>${body}</body></html>`,
  });
  return path;
};
const TOUCHPOINT = '<script src="/dist/touchpoint.js"></script>';
const WIDGET = '<cx-feedback endpoint="/collect" touchpoint="checkout" cooldown-days="0"></cx-feedback>';
const ANSWERS = [makeAnswer({ touchpoint: 'checkout', comment: 'Quick.' }), makeAnswer({ touchpoint: 'delivery', effort: 2, emotion: 'frustrated', comment: 'Late.' })];

const handle: Handler = (req, res, body) => {
  const path = new URL(req.url!, 'http://x').pathname;
  const page = pages.get(path);
  if (page) return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ...(page.csp && { 'Content-Security-Policy': page.csp }) }).end(page.html), true;
  if (path == '/favicon.ico') return void res.writeHead(204).end(), true;
  if (path == '/answers.json') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(ANSWERS)), true;
  if (path == '/taken.js')
    return void res
      .writeHead(200, { 'Content-Type': 'text/javascript' })
      .end("for (const name of ['cx-feedback', 'cx-wall', 'cx-journey']) customElements.define(name, class extends HTMLElement {});"), true;
  // A frame without allow-same-origin has an opaque origin: its requests are cross-origin.
  if (path.startsWith('/collect') && req.headers.origin == 'null') {
    res.setHeader('Access-Control-Allow-Origin', '*');
    if (req.method == 'OPTIONS')
      return void res.writeHead(204, { 'Access-Control-Allow-Headers': 'content-type, idempotency-key', 'Access-Control-Allow-Methods': 'POST' }).end(), true;
  }
  return endpoint.handle(req, res, body);
};

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  endpoint = faultyEndpoint();
  server = await serve(handle);
  contexts = [];
  errors = [];
  consoleErrors = [];
});
afterEach(async () => {
  endpoint.state.held.forEach((release) => release());
  await Promise.all(contexts.map((c) => c.close().catch(() => {})));
  await server.close();
  expect(errors, 'uncaught errors in the page').toEqual([]);
});

/** Watches a page (and its frames) for uncaught errors and console errors. */
function watch(page: Page): Page {
  pageErrors(page, errors);
  page.on('console', (m) => m.type() == 'error' && consoleErrors.push(m.text()));
  return page;
}

async function open(path: string, { init, on = browser }: { init?: () => void; on?: Browser } = {}): Promise<Page> {
  const context = await on.newContext();
  contexts.push(context);
  if (init) await context.addInitScript(init);
  const page = watch(await context.newPage());
  await page.goto(server.url + path);
  return page;
}

/** Chooses the n-th effort point in the page's first widget, as a customer does. */
const choose = (page: Page, point = 3) => page.locator('cx-feedback [part~="effort-option"]').nth(point - 1).click();
const send = (page: Page) => page.locator('cx-feedback [part~="submit"]').first().click();
/** Whether the page's IndexedDB holds a draft with this effort, as the widget stores it. */
const draftStored = (page: Page, effort: number) =>
  page.evaluate(
    (effort) =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('touchpoint-queue');
        open.onsuccess = () => {
          const all = open.result.transaction('records').objectStore('records').getAll();
          all.onsuccess = () => resolve(all.result.some((r: { draft?: string; answer: Answer }) => r.draft && r.answer.effort == effort));
          all.onerror = () => resolve(false);
        };
        open.onerror = () => resolve(false);
      }),
    effort,
  );
/** What the endpoint received, in order. */
const received = (): Answer[] => endpoint.state.bodies;

describe('the back/forward cache', () => {
  let cached: Browser;
  beforeAll(async () => {
    cached = await launchChromium({ bfcache: true });
  });
  afterAll(async () => {
    await cached?.close();
  });

  /** Goes elsewhere and back `times` times; resolves why Chromium did not restore the page, if it did not. */
  async function backAndForth(page: Page, times = 3, beforeLeaving = async () => {}): Promise<string[]> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.enable');
    const reasons: string[] = [];
    cdp.on('Page.backForwardCacheNotUsed', (e) => reasons.push(...e.notRestoredExplanations.map((x) => x.reason)));
    for (let i = 0; i < times; i++) {
      await page.evaluate(() => {
        const w = window as unknown as { before: boolean; restored?: boolean };
        w.before = true; // gone if Back loads the page anew instead of restoring it
        addEventListener('pageshow', (e) => (w.restored = e.persisted), { once: true });
      });
      await beforeLeaving();
      await page.goto(server.url + '/elsewhere');
      await page.goBack({ waitUntil: 'commit' });
      const shown = () =>
        page.evaluate(() => {
          const w = window as unknown as { before?: boolean; restored?: boolean };
          return w.before ? (w.restored ?? null) : document.readyState == 'complete' ? false : null;
        });
      await until('the page is shown again', async () => (await shown().catch(() => null)) !== null);
      if (!(await shown())) reasons.push('loaded anew');
    }
    return reasons;
  }

  it.each([
    ['the script alone', ''],
    ['an inline widget', WIDGET],
    ['a floating widget', '<cx-feedback endpoint="/collect" touchpoint="help" mode="floating"></cx-feedback>'],
  ])('keeps a page with %s in the cache', async (_, body) => {
    host('/elsewhere', '<p>Another page.</p>');
    const page = await open(host('/page', TOUCHPOINT + body), { on: cached });
    await page.waitForFunction(() => customElements.get('cx-feedback'));
    expect(await backAndForth(page)).toEqual([]);
  });

  it('keeps it in the cache with answers queued and a rating chosen just before leaving, and sends each rating as the page hides', async () => {
    host('/elsewhere', '<p>Another page.</p>');
    endpoint.state.fault = () => 'error';
    const widgets = ['delivery', 'returns', 'support'].map((t) => WIDGET.replace('checkout', t)).join('');
    const page = await open(host('/page', TOUCHPOINT + WIDGET + widgets), { on: cached });
    await choose(page, 2);
    await send(page);
    await until('the first attempt failed', () => endpoint.state.requests >= 1);
    endpoint.state.fault = () => 'ok';
    // Each time, a rating chosen right before leaving: its draft is being stored, and the page's
    // lock asked for, as the page hides.
    let round = 0;
    const chooseInNextWidget = () => page.locator('cx-feedback').nth(++round).locator('[part~="effort-option"]').nth(5).click();
    expect(await backAndForth(page, 3, chooseInNextWidget)).toEqual([]);
    await until('the chosen ratings arrived', () => ['delivery', 'returns', 'support'].every((t) => received().some((a) => a.touchpoint == t && a.effort == 6)));
  });
});

describe('Trusted Types', () => {
  const ALL = `${TOUCHPOINT}<script src="/dist/wall.js"></script><script src="/dist/journey.js"></script>`;
  const ELEMENTS = `${WIDGET}<cx-wall source="/answers.json"></cx-wall><cx-journey source="/answers.json" since="all"></cx-journey>`;
  const tt = (policies: string) => `${STRICT_CSP}; require-trusted-types-for 'script'; trusted-types ${policies}`;

  it('runs touchpoint.js, wall.js and journey.js together on one page that allows the "touchpoint" policy', async () => {
    const page = await open(host('/tt', ALL + ELEMENTS, { csp: tt('touchpoint') }));
    await choose(page, 6);
    await send(page);
    await until('the answer arrived', () => received().length == 1);
    await expect.poll(() => page.locator('cx-wall [part~="item"]').count()).toBe(2);
    await expect.poll(() => page.locator('cx-journey [part~="station"]').count()).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
  });

  it('where the page allows no policy, throws nothing, says once which directive to add, and still sends stored answers', async () => {
    // An earlier page of the site, without Trusted Types, left an answer queued.
    endpoint.state.fault = () => 'error';
    const before = await open(host('/plain', TOUCHPOINT + WIDGET, { csp: STRICT_CSP }));
    await choose(before, 4);
    await send(before);
    await until('the first attempt failed', () => endpoint.state.requests >= 1);
    await before.close({ runBeforeUnload: true });
    endpoint.state.fault = () => 'ok';
    consoleErrors.length = 0; // the 500s of that page are not this page's

    const page = watch(await contexts[0].newPage());
    await page.goto(server.url + host('/none', ALL + ELEMENTS, { csp: tt("'none'") }));
    const api = await page.evaluate(async () => {
      const t = (window as any).Touchpoint;
      return { flush: await t.flush(), pending: await t.pending(), failed: await t.failed(), retried: await t.retryFailed(), opened: t.open() };
    });
    // The queued answer left: by this flush, or by the page's own start a moment before it.
    expect(api).toMatchObject({ flush: { pending: 0, failed: 0 }, pending: [], failed: [], retried: 0, opened: false });
    // At least once: a keepalive request of the closing page may have arrived too, with the same id.
    expect(new Set(received().map((a) => `${a.id} ${a.effort}`)).size).toBe(1);
    expect(received()[0].effort).toBe(4);
    // wall.js renders with Lit, which needs the policy: one error says what to add. touchpoint.js
    // and journey.js build their DOM without parsing HTML, so they need none and work here.
    // Ours, once; and the browser's own report of the refused policy.
    expect(consoleErrors.filter((e) => e.startsWith('[touchpoint]'))).toEqual([expect.stringMatching(/add "touchpoint" to this page's trusted-types directive/)]);
    expect(consoleErrors.filter((e) => !e.startsWith('[touchpoint]')), consoleErrors.join('\n')).toEqual([expect.stringMatching(/^Creating a TrustedTypePolicy named 'touchpoint' violates/)]);
    expect(await page.locator('cx-wall [part~="item"]').count()).toBe(0);
    await expect.poll(() => page.locator('cx-journey [part~="station"]').count()).toBeGreaterThan(0);
    await choose(page, 6);
    await send(page);
    await until('an answer given on this page arrived too', () => received().some((a) => a.effort == 6));
  });
});

describe('names taken by another script', () => {
  it('says so once per element, throws nothing, and Touchpoint.open() returns false', async () => {
    const page = await open(host('/taken', `<script src="/taken.js"></script>${TOUCHPOINT}<script src="/dist/wall.js"></script><script src="/dist/journey.js"></script><cx-feedback endpoint="/collect" mode="floating"></cx-feedback>`));
    expect(await page.evaluate(() => [(window as any).Touchpoint.open(), (window as any).Touchpoint.open('checkout')])).toEqual([false, false]);
    expect(await page.evaluate(() => (window as any).Touchpoint.flush())).toEqual({ sent: 0, pending: 0, failed: 0 });
    expect(consoleErrors.sort()).toEqual(['cx-feedback', 'cx-journey', 'cx-wall'].map((name) => expect.stringContaining(`<${name}> is defined by another script`)));
  });
});

describe('a browser that refuses', () => {
  it('in a sandboxed frame (allow-scripts only): sends at once, and every Touchpoint function resolves', async () => {
    host('/framed', TOUCHPOINT + WIDGET, { csp: null });
    const page = await open(host('/sandbox', '<iframe sandbox="allow-scripts" src="/framed" title="feedback" style="width:100%;height:40rem"></iframe>', { csp: null }));
    const frame = page.frameLocator('iframe');
    await frame.locator('cx-feedback [part~="effort-option"]').nth(4).click();
    await frame.locator('cx-feedback [part~="submit"]').click();
    await until('the answer arrived', () => received().some((a) => a.effort == 5));
    const api = await page.frames()[1].evaluate(async () => {
      const t = (window as any).Touchpoint;
      return { flush: await t.flush(), pending: await t.pending(), failed: await t.failed(), retried: await t.retryFailed() };
    });
    expect(api).toEqual({ flush: { sent: 0, pending: 0, failed: 0 }, pending: [], failed: [], retried: 0 });
    expect(consoleErrors).toEqual([]);
  });

  it('with IndexedDB and localStorage throwing and no BroadcastChannel: answers are sent and every function resolves', async () => {
    const page = await open(host('/refusing', TOUCHPOINT + WIDGET), {
      init: () => {
        const refuse = () => {
          throw new DOMException('refused by the test', 'SecurityError');
        };
        Object.defineProperty(window, 'indexedDB', { get: refuse });
        Object.defineProperty(window, 'localStorage', { get: refuse });
        delete (window as { BroadcastChannel?: unknown }).BroadcastChannel;
      },
    });
    await choose(page, 2);
    await send(page);
    await until('the answer arrived', () => received().length == 1);
    const api = await page.evaluate(async () => {
      const t = (window as any).Touchpoint;
      return { flush: await t.flush(), pending: await t.pending(), failed: await t.failed(), retried: await t.retryFailed() };
    });
    expect(api).toEqual({ flush: { sent: 0, pending: 0, failed: 0 }, pending: [], failed: [], retried: 0 });
  });
});

describe('a host fetch wrapper whose request never settles', () => {
  it('gives up after 10 s, lets go of the lock, and every tab of the site sends again', async () => {
    const init = () => {
      // An analytics wrapper that swallows the first request to /collect and ignores its AbortSignal.
      const real = window.fetch;
      let swallowed = false;
      window.fetch = (input, options) => {
        if (!swallowed && String(input).includes('/collect')) {
          swallowed = true;
          return new Promise(() => {});
        }
        return real(input, options);
      };
    };
    const first = await open(host('/wrapped', TOUCHPOINT + WIDGET), { init });
    await choose(first, 3);
    await send(first);
    const second = watch(await contexts[0].newPage());
    await second.goto(server.url + '/wrapped');
    await choose(second, 6);
    await send(second);
    await until('both answers arrived', () => received().length == 2, 30_000);
    expect(received().map((a) => a.effort).sort()).toEqual([3, 6]);
  });
});

describe('drafts: no chosen rating is lost', () => {
  it('a rating chosen offline survives the browser being closed, and arrives when it is started again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'touchpoint-profile-'));
    try {
      const path = host('/restart', TOUCHPOINT + WIDGET);
      let profile = await launchProfile(dir);
      const page = watch(profile.pages()[0] ?? (await profile.newPage()));
      await page.goto(server.url + path);
      await profile.setOffline(true);
      await choose(page, 2);
      // The draft is in IndexedDB the moment it is chosen (and nothing could be sent).
      await until('the draft is stored', () => draftStored(page, 2));
      await profile.close();
      expect(received()).toEqual([]);

      profile = await launchProfile(dir);
      const again = watch(profile.pages()[0] ?? (await profile.newPage()));
      await again.goto(server.url + path);
      await until('the answer chosen before the restart arrived', () => received().some((a) => a.effort == 2));
      await profile.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a rating chosen while the endpoint fails, then the page left, is pending on the next page and delivered later', async () => {
    host('/elsewhere', '<p>Another page.</p>');
    endpoint.state.fault = () => 'error';
    const page = await open(host('/failing', TOUCHPOINT + WIDGET));
    await choose(page, 3);
    await until('the draft is stored', () => draftStored(page, 3));
    await page.goto(server.url + '/elsewhere');
    await page.goto(server.url + '/failing');
    await expect
      .poll(() => page.evaluate(() => (window as any).Touchpoint.pending().then((p: Answer[]) => p.map((a) => a.effort))))
      .toEqual([3]);
    endpoint.state.fault = () => 'ok';
    await page.evaluate(() => (window as any).Touchpoint.flush());
    expect(received().filter((a) => a.effort == 3).length).toBeGreaterThan(0);
    expect(new Set(received().map((a) => a.id)).size).toBe(1);
  });

  it('is sent when a framework takes the element out of the page on a route change', async () => {
    const page = await open(host('/routed', TOUCHPOINT + WIDGET));
    await choose(page, 5);
    await page.evaluate(() => document.querySelector('cx-feedback')!.remove());
    await until('the answer arrived', () => received().some((a) => a.effort == 5));
  });
});

