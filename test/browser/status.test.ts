// <cx-status> in real Chromium against the real collector (SQLite in a temporary directory), its
// requests passing through a counting proxy: a banner at the touchpoint a notice affects and not
// at another, announced (assertively when critical), dismissed and shown again by a new update;
// checks every 60 s with If-None-Match and none while the page is hidden (the page's clock
// driven, its visibility emulated, the requests counted at the server); a Statuspage summary.json;
// an answer given meanwhile carrying the notice's id, and the journey map's comparison; axe-core
// in both colour schemes.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Notice, NoticeWithImpact } from '../../src/core/notice.js';
import { createCollector, type Collector } from '../../src/server/collector.js';
import { makeAnswer } from '../fixtures/answers.js';
import { launchChromium } from './lib/chromium.js';
import { until } from './lib/page.js';
import { ROOT, serve, STRICT_CSP, type TestServer } from './lib/server.js';

const TOKEN = 'status-test-token-0123456789';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const owner = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };

let browser: Browser;
let dir: string;
let collector: Collector;
let api: string;
let server: TestServer;
let context: BrowserContext | undefined;
let problems: string[];
/** What the proxy saw of /api/status: each request's If-None-Match and the collector's status. */
let statusRequests: { ifNoneMatch: string | null; status: number; query: string }[];
let statuspage: unknown;
/** The collector's /api/status is unreachable behind the proxy: 503. */
let failing: boolean;

const page = (title: string, body: string, scripts: string[]) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>${title}</title>
${scripts.map((s) => `<script src="/dist/${s}.js" defer></script>`).join('')}</head>
<body><main><h1>${title}</h1>${body}</main></body></html>`;

const PAGES: Record<string, string> = {
  '/delivery.html': page(
    'Delivery',
    '<cx-status source="/api/status" touchpoint="delivery"></cx-status><p>Where is my parcel?</p><cx-feedback endpoint="/api/feedback" touchpoint="delivery" cooldown-days="0"></cx-feedback>',
    ['status', 'touchpoint'],
  ),
  '/checkout.html': page('Checkout', '<cx-status source="/api/status" touchpoint="checkout"></cx-status><p>Pay here.</p>', ['status']),
  '/statuspage.html': page('Status page', '<cx-status source="/summary.json" touchpoint="anything"></cx-status>', ['status']),
  '/journey.html': page('Journey', '<cx-journey source="/api/summary" touchpoints="checkout delivery"></cx-journey>', ['journey']),
};

beforeAll(async () => {
  for (const file of ['dist/status.js', 'dist/touchpoint.js', 'dist/journey.js'])
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run "BUNDLES=status,touchpoint,journey npx rollup -c" first.`);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'touchpoint-status-'));
  collector = createCollector({ dbPath: join(dir, 'touchpoint.db'), adminToken: TOKEN, rateLimit: 100_000, log: () => {} });
  api = await collector.listen();
  statusRequests = [];
  problems = [];
  statuspage = null;
  failing = false;
  // The page's own origin: its pages, the bundles, and /api/* passed on to the collector and counted.
  server = await serve(async (req, res, body) => {
    const url = new URL(req.url!, 'http://x');
    if (PAGES[url.pathname]) return (res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': STRICT_CSP }).end(PAGES[url.pathname]), true);
    if (url.pathname === '/summary.json') return (res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' }).end(JSON.stringify(statuspage)), true);
    if (url.pathname === '/axe.min.js') return (res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(readFileSync(AXE)), true);
    if (!url.pathname.startsWith('/api/')) return false;
    if (failing && url.pathname === '/api/status') {
      statusRequests.push({ ifNoneMatch: req.headers['if-none-match'] ?? null, status: 503, query: url.search });
      return (res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '5' }).end('{"error":"storage unavailable"}'), true);
    }
    const headers: Record<string, string> = {};
    for (const name of ['content-type', 'if-none-match', 'accept', 'idempotency-key']) if (req.headers[name]) headers[name] = String(req.headers[name]);
    const reply = await fetch(api + req.url, { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body });
    if (url.pathname === '/api/status') statusRequests.push({ ifNoneMatch: req.headers['if-none-match'] ?? null, status: reply.status, query: url.search });
    const out: Record<string, string> = {};
    for (const name of ['content-type', 'etag', 'cache-control', 'retry-after']) if (reply.headers.get(name)) out[name] = reply.headers.get(name)!;
    res.writeHead(reply.status, out).end(Buffer.from(await reply.arrayBuffer()));
    return true;
  });
});
afterEach(async () => {
  await context?.close();
  context = undefined;
  await server.close();
  await collector.close();
  rmSync(dir, { recursive: true, force: true });
  expect(problems, 'uncaught errors, CSP violations and Touchpoint warnings').toEqual([]);
});

async function publish(notice: Record<string, unknown>): Promise<Notice> {
  const res = await fetch(`${api}/api/notices`, { method: 'POST', headers: owner, body: JSON.stringify(notice) });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

async function postUpdate(id: string, body: unknown, resolve = false): Promise<Notice> {
  const res = await fetch(`${api}/api/notices/${id}/updates`, { method: 'POST', headers: owner, body: JSON.stringify({ body, resolve }) });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

async function open(path: string, options: { dark?: boolean; clock?: boolean } = {}): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1024, height: 800 }, colorScheme: options.dark ? 'dark' : 'light' });
  const p = await context.newPage();
  p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  p.on('console', (m) => /Content.Security.Policy|\[touchpoint\]/i.test(m.text()) && problems.push(`console: ${m.text()}`));
  // Counts the checks that ended (cx-load), so the clock moves on only once a check is over.
  await p.addInitScript(() => {
    const w = window as unknown as { loads: number };
    w.loads = 0;
    addEventListener('cx-load', () => w.loads++);
  });
  if (options.clock) await p.clock.install();
  await p.goto(server.url + path);
  return p;
}

/** The notices the element shows: severity, title and the rest of each one's text. */
const banners = (p: Page) =>
  p.evaluate(() =>
    [...(document.querySelector('cx-status')!.shadowRoot!.querySelectorAll('[part="notice"]') as NodeListOf<HTMLElement>)].map((li) => ({
      severity: li.dataset.severity,
      text: li.innerText,
    })),
  );
const regions = (p: Page) =>
  p.evaluate(() => {
    const root = document.querySelector('cx-status')!.shadowRoot!;
    return { alert: root.querySelector('[role="alert"]')!.textContent, polite: root.querySelector('[role="status"]')!.textContent };
  });
const loads = (p: Page, n: number) => p.waitForFunction((n) => (window as unknown as { loads: number }).loads === n, n);

/** Visibility as the page sees it: hidden (another tab, a minimised window) or visible again. */
const setVisibility = (p: Page, state: 'hidden' | 'visible') =>
  p.evaluate((state) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);

describe('<cx-status>', () => {
  it('shows a notice at the touchpoint it affects and not at another; announces it; dismissed, a new update shows it again', async () => {
    const n = await publish({
      severity: 'critical',
      title: { en: 'Deliveries stopped by the cold wave', es: 'Entregas detenidas por la ola de frío' },
      body: { en: 'Roads are closed; parcels wait in our depots.', es: 'Carreteras cortadas.' },
      link: 'https://status.example/cold-wave',
      touchpoints: ['delivery'],
    });
    const other = await open('/checkout.html');
    await other.waitForFunction(() => document.querySelector('cx-status')?.shadowRoot?.querySelector('[part="list"]'));
    await until('the checkout page has asked', () => statusRequests.some((r) => r.query.includes('checkout')));
    expect(await banners(other)).toEqual([]);
    // Nothing at all is drawn: no height, nothing to read.
    expect(await other.evaluate(() => document.querySelector('cx-status')!.getBoundingClientRect().height)).toBe(0);
    await context!.close();

    const p = await open('/delivery.html');
    await p.waitForFunction(() => document.querySelector('cx-status')?.shadowRoot?.querySelector('[part="notice"]'));
    const [shown] = await banners(p);
    expect(shown.severity).toBe('critical');
    expect(shown.text).toContain('Service down');
    expect(shown.text).toContain('Deliveries stopped by the cold wave');
    expect(shown.text).toContain('Roads are closed');
    expect(shown.text).toMatch(/Posted (now|this minute|\d+ minutes? ago)/);
    expect(await p.evaluate(() => (document.querySelector('cx-status')!.shadowRoot!.querySelector('[part="link"]') as HTMLAnchorElement).href)).toBe('https://status.example/cold-wave');
    // Critical and new: assertive, once.
    expect((await regions(p)).alert).toContain('Service down: Deliveries stopped by the cold wave.');
    expect((await regions(p)).polite).toBe('');
    // The exact time follows the relative one on keyboard focus.
    await p.locator('cx-status [part="time"]').focus();
    expect(await p.evaluate(() => getComputedStyle(document.querySelector('cx-status')!.shadowRoot!.querySelector('time')!, '::after').content)).toMatch(/\d/);

    // Dismissed: gone, the focus not lost in a removed node, and it stays gone after a check.
    await p.locator('cx-status [part="dismiss"]').click();
    expect(await banners(p)).toEqual([]);
    const asked = statusRequests.length;
    await p.evaluate(() => dispatchEvent(new Event('online')));
    await until('a check', () => statusRequests.length > asked);
    await loads(p, 2);
    expect(await banners(p)).toEqual([]);

    // A new update shows it again, politely this time (it was announced assertively already).
    await postUpdate(n.id, { en: 'Snow ploughs are out; first trucks leave at noon.' });
    await p.evaluate(() => dispatchEvent(new Event('online')));
    await p.waitForFunction(() => document.querySelector('cx-status')?.shadowRoot?.querySelector('[part="notice"]'));
    const [again] = await banners(p);
    expect(again.text).toContain('Snow ploughs are out');
    expect(again.text).toMatch(/Updated (now|this minute|\d+ minutes? ago)/);
    expect((await regions(p)).polite).toContain('Snow ploughs are out');

    // Resolved: the banner goes.
    await postUpdate(n.id, 'Deliveries are back to normal.', true);
    await p.evaluate(() => dispatchEvent(new Event('online')));
    await p.waitForFunction(() => !document.querySelector('cx-status')!.shadowRoot!.querySelector('[part="notice"]'));
  });

  it('asks every 60 s with If-None-Match while the page is visible, never while hidden, and at once when shown again', async () => {
    await publish({ severity: 'minor', title: 'Tracking is slow', body: 'Tracking pages may take a minute to update.', touchpoints: ['delivery'] });
    const p = await open('/delivery.html', { clock: true });
    await p.waitForFunction(() => document.querySelector('cx-status')?.shadowRoot?.querySelector('[part="notice"]'));
    expect((await regions(p)).polite).toContain('Minor disruption: Tracking is slow.');
    expect((await regions(p)).alert).toBe('');
    await loads(p, 1);
    expect(statusRequests).toHaveLength(1);
    await p.clock.runFor(59_000);
    expect(statusRequests).toHaveLength(1);
    await p.clock.runFor(1_500);
    await loads(p, 2);
    expect(statusRequests).toHaveLength(2);
    // The browser revalidates what it has: If-None-Match, and a 304 without a body.
    expect(statusRequests[1].ifNoneMatch).toMatch(/^"[\w-]+"$/);
    expect(statusRequests[1].status).toBe(304);
    expect(await banners(p)).toHaveLength(1);

    await setVisibility(p, 'hidden');
    await p.clock.runFor(10 * 60_000);
    // Give a wrongly scheduled request every chance to arrive.
    await p.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    expect(statusRequests).toHaveLength(2);

    await setVisibility(p, 'visible');
    await loads(p, 3);
    expect(statusRequests).toHaveLength(3);
    await p.clock.runFor(60_500);
    await loads(p, 4);
    expect(statusRequests).toHaveLength(4);
  });

  it('backs off after failures and keeps the last notice with "as of", failing or offline', async () => {
    await publish({ severity: 'major', title: 'Payments failing', body: 'Some card payments fail.', touchpoints: ['delivery'] });
    const p = await open('/delivery.html', { clock: true });
    await loads(p, 1);
    const asOf = () => p.evaluate(() => {
      const el = document.querySelector('cx-status')!.shadowRoot!.querySelector('[part="as-of"]') as HTMLElement;
      return el.hidden ? null : el.textContent;
    });
    failing = true;
    await p.clock.runFor(60_500);
    await loads(p, 2);
    expect(statusRequests.map((r) => r.status)).toEqual([200, 503]);
    expect(await banners(p)).toHaveLength(1);
    expect(await asOf()).toMatch(/^As of \d/);
    // Failed once: the next try waits 120 s, not 60; failed twice, 240 s.
    await p.clock.runFor(61_000);
    await p.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    expect(statusRequests).toHaveLength(2);
    await p.clock.runFor(60_000);
    await loads(p, 3);
    expect(statusRequests).toHaveLength(3);
    failing = false;
    await p.clock.runFor(200_000);
    await p.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    expect(statusRequests).toHaveLength(3);
    await p.clock.runFor(41_000);
    await loads(p, 4);
    expect(statusRequests.at(-1)!.status).toBe(200);
    expect(await asOf()).toBeNull();

    // Offline: the notice stays, as of the last check that worked; back online, it asks at once.
    await context!.setOffline(true);
    await p.clock.runFor(60_500);
    await loads(p, 5);
    expect(await banners(p)).toHaveLength(1);
    expect(await asOf()).toMatch(/^As of \d/);
    await context!.setOffline(false);
    await loads(p, 6);
    expect(await asOf()).toBeNull();
    // The console said once per reason that the source could not be read, as it should.
    expect(problems.every((m) => m.includes('<cx-status> could not read'))).toBe(true);
    problems.length = 0;
  });

  it('reads a Statuspage summary.json: incidents by impact, their latest update and link', async () => {
    statuspage = {
      page: { id: 'kctbh9vrtdwd', name: 'Shop', url: 'https://status.shop.example', updated_at: new Date().toISOString() },
      status: { indicator: 'critical', description: 'Major System Outage' },
      components: [],
      incidents: [
        {
          id: 'p31zjtct2jer',
          name: 'Card payments failing',
          status: 'identified',
          impact: 'critical',
          created_at: new Date(Date.now() - 30 * 60_000).toISOString(),
          shortlink: 'https://stspg.io/p31zjtct2jer',
          incident_updates: [
            { id: 'u2', status: 'identified', body: 'The payment provider is restoring service.', created_at: new Date(Date.now() - 5 * 60_000).toISOString(), display_at: new Date(Date.now() - 5 * 60_000).toISOString() },
            { id: 'u1', status: 'investigating', body: 'We are looking into it.', created_at: new Date(Date.now() - 30 * 60_000).toISOString() },
          ],
        },
        { id: 'q2', name: 'Slow search', status: 'monitoring', impact: 'minor', created_at: new Date(Date.now() - 60 * 60_000).toISOString(), incident_updates: [] },
      ],
      scheduled_maintenances: [],
    };
    const p = await open('/statuspage.html');
    await p.waitForFunction(() => document.querySelector('cx-status')?.shadowRoot?.querySelectorAll('[part="notice"]').length === 2);
    const [first, second] = await banners(p);
    expect(first).toMatchObject({ severity: 'critical' });
    expect(first.text).toContain('Card payments failing');
    expect(first.text).toContain('The payment provider is restoring service.');
    expect(first.text).toMatch(/Updated 5 minutes ago/);
    expect(second).toMatchObject({ severity: 'minor' });
    expect(await p.evaluate(() => (document.querySelector('cx-status')!.shadowRoot!.querySelector('[part="link"]') as HTMLAnchorElement).href)).toBe('https://stspg.io/p31zjtct2jer');

    // No incident, a degraded page: the page's own words.
    statuspage = { page: { url: 'https://status.shop.example' }, status: { indicator: 'minor', description: 'Partially Degraded Service' }, incidents: [] };
    await p.evaluate(() => dispatchEvent(new Event('online')));
    await p.waitForFunction(() => document.querySelector('cx-status')?.shadowRoot?.querySelectorAll('[part="notice"]').length === 1);
    expect((await banners(p))[0]).toMatchObject({ severity: 'minor' });
    expect((await banners(p))[0].text).toContain('Partially Degraded Service');
  });

  it('an answer given while the notice is shown carries its id, and the journey map compares it with outside', async () => {
    const start = Date.now() - 60 * 60_000;
    const n = await publish({ severity: 'major', title: 'Deliveries delayed', body: 'Two days late.', touchpoints: ['delivery'], startsAt: new Date(start).toISOString() });
    // Answers at the same touchpoint before the notice: the comparison.
    const before = Array.from({ length: 4 }, (_, i) =>
      makeAnswer({ touchpoint: 'delivery', effort: 6, effortScale: 7, emotion: 'delighted', comment: null, createdAt: new Date(start - (i + 1) * 3_600_000).toISOString() }),
    );
    expect((await fetch(`${api}/api/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ events: before }) })).status).toBe(200);

    const p = await open('/delivery.html');
    await p.waitForFunction(() => document.querySelector('cx-status')?.shadowRoot?.querySelector('[part="notice"]'));
    const feedback = p.locator('cx-feedback');
    await feedback.locator('[part~="effort-option"]').nth(1).click();
    await feedback.locator('[part~="emotion-option"]').nth(0).click();
    await feedback.locator('[part="comment"]').fill('Nobody told me it would be late');
    await feedback.locator('[part="submit"]').click();
    let impact: NoticeWithImpact | undefined;
    await until('the answer stored with the notice', async () => {
      impact = await (await fetch(`${api}/api/notices/${n.id}`, { headers: owner })).json();
      return impact!.impact.during.count === 1;
    });
    expect(impact!.impact.during).toMatchObject({ count: 1, effortMean: 2, netEmotion: -1 });
    expect(impact!.impact.outside).toMatchObject({ count: 4, effortMean: 6, netEmotion: 1 });
    expect(impact!.impact.comments.map((c) => c.comment)).toEqual(['Nobody told me it would be late']);
    await context!.close();

    const j = await open('/journey.html');
    await j.waitForFunction(() => document.querySelector('cx-journey')?.shadowRoot?.querySelector('[part="notice"]'));
    const text = await j.evaluate(() => (document.querySelector('cx-journey')!.shadowRoot!.querySelector('[part="notices"]') as HTMLElement).innerText);
    expect(text).toContain('Major disruption: Deliveries delayed');
    expect(text).toMatch(/While it was shown\s+1\s+2\.0\s+[−-]1\.00/);
    expect(text).toMatch(/Same touchpoints, outside it\s+4\s+6\.0\s+\+1\.00/);
    expect(text).toContain('Nobody told me it would be late');
  });

  for (const dark of [false, true])
    it(`is axe-clean in the ${dark ? 'dark' : 'light'} scheme`, async () => {
      for (const severity of ['critical', 'minor', 'maintenance', 'info', 'major'])
        await publish({ severity, title: `A ${severity} notice`, body: 'Something to know.', touchpoints: ['delivery'], link: 'https://status.example/' });
      const p = await open('/delivery.html', { dark });
      await p.waitForFunction(() => document.querySelector('cx-status')?.shadowRoot?.querySelectorAll('[part="notice"]').length === 5);
      // Checked as they are once in, not half-faded in (their entrance is a 0.2 s transition).
      await p.evaluate(() => Promise.all(document.querySelector('cx-status')!.shadowRoot!.getAnimations().map((a) => a.finished)));
      await p.addScriptTag({ url: '/axe.min.js' });
      const result = await p.evaluate(async () => {
        const w = window as unknown as { axe: { run(context: Document, options: object): Promise<any> } };
        const r = await w.axe.run(document, { resultTypes: ['violations', 'passes'] });
        return {
          violations: r.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => JSON.stringify(n.target)).join(' ')}`),
          contrast: (r.passes.find((x: any) => x.id === 'color-contrast')?.nodes ?? []).filter((n: any) => JSON.stringify(n.target).includes('cx-status')).length,
        };
      });
      expect(result.violations).toEqual([]);
      expect(result.contrast).toBeGreaterThan(10);
    });
});
