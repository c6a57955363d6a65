import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './lib/chromium.js';
import { ROOT, serve, type TestServer } from './lib/server.js';
import { collectorSummary, FORMULA_COMMENT, HOSTILE_COMMENT, rankedAnswers, shopAnswers } from '../fixtures/journey/shop.js';

const BUNDLE = join(ROOT, 'dist/journey.js');
const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');

let browser: Browser;
let server: TestServer;
let context: BrowserContext;
const answers = shopAnswers();
const ranked = rankedAnswers();

beforeAll(async () => {
  if (!existsSync(BUNDLE)) throw new Error('dist/journey.js is missing: run "BUNDLES=journey npx rollup -c" first.');
  browser = await launchChromium();
  server = await serve((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const send = (type: string, body: string) => (res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' }).end(body), true);
    if (url.pathname === '/api/summary') return send('application/json', JSON.stringify(collectorSummary(answers, url)));
    if (url.pathname === '/api/ranked') return send('application/json', JSON.stringify(collectorSummary(ranked, url)));
    if (url.pathname === '/answers.json') return send('application/json', JSON.stringify(answers));
    // Same origin, so the page's strict policy (script-src 'self') lets axe in.
    if (url.pathname === '/axe.min.js') return send('text/javascript', readFileSync(AXE, 'utf8'));
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});
afterEach(async () => {
  await context?.close();
});

interface Opened {
  page: Page;
  /** Content-Security-Policy violations and uncaught errors seen on the page. */
  problems: string[];
}

async function open(fixture: string, options: { width?: number; dark?: boolean } = {}): Promise<Opened> {
  context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => /Content.Security.Policy|\[touchpoint\]/i.test(m.text()) && problems.push(`console: ${m.text()}`));
  if (options.dark) await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(`${server.url}/test/fixtures/journey/${fixture}`);
  await page.locator('cx-journey .station').first().waitFor();
  return { page, problems };
}

/** Runs axe-core over the page, shadow DOM included; returns serious and critical violations, and what it checked for contrast. */
async function axe(page: Page) {
  await page.addScriptTag({ url: '/axe.min.js' });
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(context: Document, options: object): Promise<any> } };
    const results = await w.axe.run(document, { resultTypes: ['violations', 'passes'] });
    return {
      serious: results.violations
        .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
        .map((v: any) => `${v.id}: ${v.nodes.map((n: any) => JSON.stringify(n.target)).join(' ')}`),
      contrastChecked: (results.passes.find((p: any) => p.id === 'color-contrast')?.nodes ?? []).filter((n: any) =>
        JSON.stringify(n.target).includes('cx-journey'),
      ).length,
    };
  });
}

/** What has keyboard focus, looking into the element's shadow root. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement?.shadowRoot?.activeElement ?? document.activeElement;
    return `${active?.getAttribute('part') ?? active?.tagName.toLowerCase()} ${active?.textContent?.trim().slice(0, 60) ?? ''}`.trim();
  });

describe('<cx-journey> in Chromium', () => {
  it('works under a strict Content-Security-Policy, styled, with no violations', async () => {
    const { page, problems } = await open('summary.html');
    const card = page.locator('cx-journey [part="base"]');
    // Styles arrived through the adopted stylesheet: the card has its border radius and the bar its colours.
    expect(await card.evaluate((el) => getComputedStyle(el).borderRadius)).toBe('12px');
    expect(await page.locator('cx-journey .bar .frustrated').first().evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(197, 34, 31)');
    expect(await page.locator('cx-journey [part~="status"]').textContent()).toBe('19 answers · Last 30 days.');
    expect(problems).toEqual([]);
  });

  for (const dark of [false, true])
    it(`has no serious or critical axe violations, shadow DOM included, in the ${dark ? 'dark' : 'light'} scheme`, async () => {
      const { page, problems } = await open('summary.html', { dark });
      for (const toggle of await page.locator('cx-journey [part="comments-toggle"]').all()) await toggle.click();
      const { serious, contrastChecked } = await axe(page);
      expect(serious).toEqual([]);
      // axe did look inside the shadow root.
      expect(contrastChecked).toBeGreaterThan(20);
      expect(problems).toEqual([]);
    });

  it('lets a keyboard reach the period selector and the comments of every touchpoint that looks bad, and use them', async () => {
    const { page } = await open('summary.html');
    const reached: string[] = [];
    for (let i = 0; i < 30 && !reached.some((r) => r.startsWith('table')); i++) {
      await page.keyboard.press('Tab');
      reached.push(await focused(page));
    }
    expect(reached[0]).toMatch(/^period /);
    expect(reached.filter((r) => r.startsWith('comments-toggle'))).toEqual([
      'comments-toggle Latest negative comments (3) at cart',
      'comments-toggle Latest negative comments (1) at delivery',
    ]);

    // Open cart's comments with Enter: they appear, as text.
    await page.locator('cx-journey [part="comments-toggle"]').first().focus();
    await page.keyboard.press('Enter');
    const comments = page.locator('cx-journey [part="comments"]').first();
    await comments.waitFor({ state: 'visible' });
    expect(await comments.locator('li').allInnerTexts()).toEqual([expect.stringContaining(FORMULA_COMMENT), expect.stringContaining(HOSTILE_COMMENT), expect.stringContaining('coupon')]);
    expect(await page.locator('cx-journey img').count()).toBe(0);

    // Choose another period from the keyboard.
    await page.locator('cx-journey select').focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.locator('cx-journey').getAttribute('since')).toBe('7d');
    await expect.poll(() => page.locator('cx-journey [part~="status"]').textContent()).toBe('9 answers · Last 7 days.');
  });

  it('runs the journey left to right, wrapping into rows when wide, and stacks it on a narrow screen', async () => {
    const boxes = async (page: Page) =>
      page.locator('cx-journey .lane').first().locator('.station').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map(({ top, left }) => ({ top, left })));
    const wide = await open('summary.html', { width: 1280 });
    const across = await boxes(wide.page);
    expect(across.length).toBe(6);
    // Reading order: left to right within a row, rows top to bottom.
    expect(across.every((b, i) => i === 0 || b.top > across[i - 1].top || (b.top === across[i - 1].top && b.left > across[i - 1].left))).toBe(true);
    expect(across[1].top).toBe(across[0].top);
    await context.close();
    const narrow = await open('summary.html', { width: 360 });
    const down = await boxes(narrow.page);
    expect(down.every((b, i) => i === 0 || b.top > down[i - 1].top)).toBe(true);
  });

  for (const width of [320, 390, 1280, 1920])
    it(`clips no station at ${width} px: each lies inside the viewport and its lane, and nothing scrolls sideways`, async () => {
      const { page } = await open('summary.html', { width });
      const report = await page.evaluate(() => {
        const root = document.querySelector('cx-journey')!.shadowRoot!;
        const out: string[] = [];
        for (const track of root.querySelectorAll<HTMLElement>('.track')) {
          const lane = track.getBoundingClientRect();
          if (track.scrollWidth > track.clientWidth) out.push(`track scrolls ${track.scrollWidth} > ${track.clientWidth}`);
          for (const el of track.querySelectorAll<HTMLElement>('.station')) {
            const r = el.getBoundingClientRect();
            const name = el.querySelector('h4')!.textContent;
            if (r.width < 100) out.push(`${name} is ${r.width} px wide`);
            if (r.left < Math.max(0, lane.left) - 0.5 || r.right > Math.min(innerWidth, lane.right) + 0.5) out.push(`${name} clipped: ${r.left}–${r.right} of ${lane.left}–${lane.right}, viewport ${innerWidth}`);
          }
        }
        if (document.documentElement.scrollWidth > innerWidth) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${innerWidth}`);
        return { out, count: root.querySelectorAll('.station').length };
      });
      expect(report.count).toBe(7);
      expect(report.out).toEqual([]);
      // The table scrolls instead, as a labelled region a keyboard can reach.
      const table = page.locator('cx-journey [part="table"]');
      expect(await table.getAttribute('tabindex')).toBe('0');
      expect(await table.getAttribute('aria-labelledby')).toBe('table-caption');
      // Scrolled to its far end, the table keeps its caption and the touchpoints' names in view.
      const inView = await table.evaluate((region) => {
        region.scrollLeft = region.scrollWidth;
        const edge = region.getBoundingClientRect().left;
        return [region.querySelector('caption')!, region.querySelector('tbody th')!].map((el) => el.getBoundingClientRect().left - edge >= -0.5);
      });
      expect(inView).toEqual([true, true]);
    });

  it('lists where to act first by impact, most urgent first, with the reason', async () => {
    const { page, problems } = await open('ranked.html');
    expect(await page.locator('cx-journey [part="moments"] li').allInnerTexts()).toEqual([
      'cart: 12 answers, fewer than half found it easy (0%, at most 24%).',
      'delivery: 8 answers, more customers felt bad than good (net emotion -1.00, at most -0.35).',
      'checkout: 30 answers, fewer than half found it easy (30%, at most 48%).',
    ]);
    // The stations keep the journey's order.
    expect(await page.locator('cx-journey .station h4').allInnerTexts()).toEqual(['home', 'cart', 'checkout', 'delivery', 'support']);
    expect(await page.locator('cx-journey .undecided').innerText()).toBe('Too few answers to decide yet: support.');
    expect(problems).toEqual([]);
  });

  it('sorts the table from the keyboard, saying how with aria-sort', async () => {
    const { page } = await open('ranked.html');
    const names = () => page.locator('cx-journey tbody th[scope="row"]').allInnerTexts();
    const answersHead = page.locator('cx-journey thead th', { hasText: /^Answers/ });
    expect(await names()).toEqual(['home', 'cart', 'checkout', 'delivery', 'support']);
    expect(await answersHead.getAttribute('aria-sort')).toBeNull();
    // Tab to the Answers button, as a keyboard user would.
    let reached = '';
    for (let i = 0; i < 40 && reached !== 'button Answers'; i++) {
      await page.keyboard.press('Tab');
      reached = await focused(page);
    }
    expect(reached).toBe('button Answers');
    await page.keyboard.press('Enter');
    await expect.poll(() => answersHead.getAttribute('aria-sort')).toBe('ascending');
    expect(await names()).toEqual(['support', 'delivery', 'home', 'cart', 'checkout']);
    await page.keyboard.press('Space');
    await expect.poll(() => answersHead.getAttribute('aria-sort')).toBe('descending');
    expect(await names()).toEqual(['checkout', 'cart', 'home', 'delivery', 'support']);
    // Focus stays on the button.
    expect(await focused(page)).toBe('button Answers');
  });

  it('downloads the table as CSV, in journey order, formulas defused', async () => {
    const { page } = await open('summary.html');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('cx-journey [part="download"]').click()]);
    expect(download.suggestedFilename()).toMatch(/^journey-30d-\d{4}-\d\d-\d\d\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\uFEFFtouchpoint,name,stage,answers,effort_mean,easy_share,hard_share,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.slice(1, 8).map((l) => l.split(',')[0])).toEqual(['home', 'product', 'cart', 'checkout', 'confirmation', 'delivery', 'support']);
    expect(lines[3]).toMatch(/^cart,cart,during,5,3,0\.2,0\.8,2,1,1,1,0,-0\.4,-3,-1\.4,false,"'=HYPERLINK/);
  });

  it('computes the journey from a plain array of answers, in Spanish', async () => {
    const { page, problems } = await open('answers.html');
    expect(await page.locator('cx-journey h2').textContent()).toBe('Recorrido del cliente');
    expect(await page.locator('cx-journey [part~="status"]').textContent()).toBe('29 respuestas · Últimos 90 días.');
    expect(await page.locator('cx-journey .lane h3').allTextContents()).toEqual(['El recorrido', 'Después del servicio']);
    expect(problems).toEqual([]);
  });
});
