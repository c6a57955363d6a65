// The public side of moderation, for real: the reference collector (SQLite) with TOUCHPOINT_NAMES,
// answers posted to it, comments withheld through its owner API, and dist/wall.js and
// dist/journey.js on pages it serves under its own strict Content-Security-Policy.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { createCollector, type Collector } from '../../src/server/collector.js';
import { makeAnswer } from '../fixtures/answers.js';
import { axeViolations } from './lib/axe.js';
import { launchChromium } from './lib/chromium.js';
import { pageErrors } from './lib/page.js';
import { ROOT } from './lib/server.js';

const TOKEN = 'moderation-test-token-0123456789abcdef';
const NAMES = { cart: { en: 'Cart', es: 'Carrito' }, checkout: { en: 'Checkout', es: 'Pago' } };
const PRIVATE = 'Call me on my mobile, Jane Doe, 12 Calle Mayor';
const SLUR = 'You are all idiots';

let browser: Browser;
let collector: Collector;
let base: string;
let dir: string;
const answers: Answer[] = [];

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light dark"><title>${title}</title>${body.includes('cx-wall') ? '<script src="/dist/wall.js" defer></script>' : '<script src="/dist/journey.js" defer></script>'}</head><body><main>${body}</main></body></html>`;

async function owner(method: string, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${base}${path}`, { method, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

beforeAll(async () => {
  for (const bundle of ['wall.js', 'journey.js'])
    if (!existsSync(join(ROOT, 'dist', bundle))) throw new Error(`dist/${bundle} is missing: run "BUNDLES=wall,journey npx rollup -c" first.`);
  dir = mkdtempSync(join(tmpdir(), 'touchpoint-moderation-'));
  const pages = join(dir, 'pages');
  mkdirSync(pages);
  writeFileSync(join(pages, 'wall.html'), page('Wall', '<cx-wall source="/api/feedback"></cx-wall>'));
  writeFileSync(join(pages, 'wall-es.html'), page('Muro', '<cx-wall source="/api/feedback" lang="es"></cx-wall>'));
  writeFileSync(join(pages, 'wall-cart.html'), page('Wall', '<cx-wall source="/api/feedback" touchpoint="cart"></cx-wall>'));
  writeFileSync(join(pages, 'journey.html'), page('Journey', '<cx-journey source="/api/summary" since="all" touchpoints="cart checkout" inbox="/admin" lang="es"></cx-journey>'));
  writeFileSync(join(pages, 'journey-plain.html'), page('Journey', '<cx-journey source="/api/summary" since="all" touchpoints="cart checkout"></cx-journey>'));
  collector = createCollector({ dbPath: join(dir, 'touchpoint.db'), dist: join(ROOT, 'dist'), pages, names: NAMES, adminToken: TOKEN, log: () => {} });
  base = await collector.listen(0);
  browser = await launchChromium();

  const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  // cart: six hard and unhappy answers (a moment of truth), two of them withheld; checkout: one withheld comment with no rating.
  answers.push(
    makeAnswer({ touchpoint: 'cart', effort: 1, emotion: 'frustrated', comment: 'The coupon field ate my code', createdAt: at(1) }),
    makeAnswer({ touchpoint: 'cart', effort: 2, emotion: 'frustrated', comment: PRIVATE, createdAt: at(2) }),
    makeAnswer({ touchpoint: 'cart', effort: 1, emotion: 'disappointed', comment: SLUR, createdAt: at(3) }),
    makeAnswer({ touchpoint: 'cart', effort: 2, emotion: 'frustrated', comment: 'Total jumped at the last step', createdAt: at(4) }),
    makeAnswer({ touchpoint: 'cart', effort: 1, emotion: 'frustrated', comment: null, createdAt: at(5) }),
    makeAnswer({ touchpoint: 'cart', effort: 2, emotion: 'disappointed', comment: null, createdAt: at(6) }),
    makeAnswer({ touchpoint: 'checkout', effort: null, emotion: null, comment: `${PRIVATE}, again`, createdAt: at(7) }),
  );
  const res = await fetch(`${base}/api/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ events: answers }) });
  expect(res.status).toBe(200);
  await owner('PATCH', `/api/feedback/${answers[1].id}`, { withheld: { reason: 'personal-data' } });
  await owner('PATCH', `/api/feedback/${answers[2].id}`, { withheld: { reason: 'abusive' } });
  await owner('PATCH', `/api/feedback/${answers[6].id}`, { withheld: { reason: 'personal-data' } });
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function open(path: string, { width = 1280, dark = false, bypassCSP = false } = {}): Promise<{ page: Page; errors: Error[]; csp: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: dark ? 'dark' : 'light', bypassCSP });
  const p = await context.newPage();
  const errors = pageErrors(p);
  const csp: string[] = [];
  p.on('console', (m) => /Content.Security.Policy/i.test(m.text()) && csp.push(m.text()));
  await p.goto(`${base}${path}`);
  return { page: p, errors, csp };
}


const text = (page: Page, selector: string) => page.locator(selector).first().textContent().then((t) => t?.replace(/\s+/g, ' ').trim());

describe('the public feed and summary of a collector with withheld comments', () => {
  it('publishes why, never what: comment null and the reason, counts per reason, and the names', async () => {
    const feed = (await (await fetch(`${base}/api/feedback`)).json()) as { items: Record<string, unknown>[] };
    const byId = new Map(feed.items.map((a) => [a.id, a]));
    expect(byId.get(answers[1].id)).toMatchObject({ comment: null, withheld: 'personal-data', effort: 2, emotion: 'frustrated' });
    expect(byId.get(answers[6].id)).toMatchObject({ comment: null, withheld: 'personal-data', effort: null, emotion: null });
    expect(byId.get(answers[0].id)).not.toHaveProperty('withheld');
    expect(JSON.stringify(feed)).not.toContain('Jane Doe');
    expect(JSON.stringify(feed)).not.toContain('idiots');

    const summary = (await (await fetch(`${base}/api/summary`)).json()) as Record<string, any>;
    expect(summary.names).toEqual(NAMES);
    const reasons = { 'personal-data': 2, abusive: 1, spam: 0, 'off-topic': 0, other: 0 };
    expect(summary.withheld ?? summary.total.withheld).toEqual({ count: 3, reasons });
    expect(summary.touchpoints.find((t: any) => t.touchpoint === 'cart').withheld).toEqual({ count: 2, reasons: { ...reasons, 'personal-data': 1 } });
    expect(JSON.stringify(summary)).not.toContain('Jane Doe');
  });
});

describe('<cx-wall> on the collector', () => {
  it('shows each withheld answer’s ratings with the placeholder, and the header’s count by reason', async () => {
    const { page, errors, csp } = await open('/wall');
    await page.locator('cx-wall li').nth(6).waitFor();
    expect(await text(page, 'cx-wall [part="withheld"]')).toBe('3 comments withheld: 2 personal data, 1 abusive');
    expect(await text(page, 'cx-wall [part="total"]')).toBe('7 answers');
    const items = page.locator('cx-wall li');
    expect(await items.nth(1).locator('[part="withheld-comment"]').textContent()).toBe('Comment withheld: personal data');
    expect(await items.nth(1).locator('[part="emotion"]').textContent()).toBe('Frustrated');
    expect(await items.nth(2).locator('[part="withheld-comment"]').textContent()).toBe('Comment withheld: abusive');
    // The answer with nothing but a withheld comment is still on the wall, as its placeholder.
    expect(await items.nth(6).locator('[part="withheld-comment"]').textContent()).toBe('Comment withheld: personal data');
    expect(await items.nth(6).locator('.ratings').count()).toBe(0);
    expect(await text(page, 'cx-wall li [part="touchpoint"]')).toBe('Where: Cart');
    expect(await items.nth(6).locator('[part="touchpoint"]').textContent().then((t) => t?.trim())).toBe('Where: Checkout');
    const shown = (await page.locator('cx-wall').evaluate((el) => el.shadowRoot!.textContent)) ?? '';
    expect(shown).not.toContain('Jane Doe');
    expect(shown).not.toContain('idiots');
    expect(errors).toEqual([]);
    expect(csp).toEqual([]);
    await page.context().close();
  });

  it('says it in Spanish, with the collector’s Spanish names, on a 320 px phone without overflowing', async () => {
    const { page, errors } = await open('/wall-es', { width: 320, dark: true });
    await page.locator('cx-wall li').nth(6).waitFor();
    expect(await text(page, 'cx-wall [part="withheld"]')).toBe('3 comentarios no publicados: datos personales (2) y ofensivo (1)');
    expect(await text(page, 'cx-wall li:nth-child(2) [part="withheld-comment"]')).toBe('Comentario no publicado: datos personales');
    expect(await text(page, 'cx-wall li [part="touchpoint"]')).toBe('Dónde: Carrito');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('counts the withheld comments of its own touchpoint', async () => {
    const { page } = await open('/wall-cart');
    await page.locator('cx-wall li').nth(5).waitFor();
    expect(await text(page, 'cx-wall [part="withheld"]')).toBe('2 comments withheld: 1 personal data, 1 abusive');
    await page.context().close();
  });
});

describe('<cx-journey> on the collector', () => {
  it('names touchpoints from TOUCHPOINT_NAMES and links each negative comment to its answer in the inbox, never a withheld one', async () => {
    const { page, errors, csp } = await open('/journey');
    await page.locator('cx-journey .station').first().waitFor();
    expect(await page.locator('cx-journey .station h4').allTextContents()).toEqual(['Carrito', 'Pago']);
    expect(await text(page, 'cx-journey .ranking li')).toMatch(/^Carrito/);
    expect(await page.locator('cx-journey tbody th').allTextContents()).toEqual(['Carrito', 'Pago']);

    const cart = page.locator('cx-journey .station').first();
    await cart.locator('[part="comments-toggle"]').click();
    const links = cart.locator('.comment a');
    await links.first().waitFor();
    const hrefs = await links.evaluateAll((as) => as.map((a) => [a.firstChild!.textContent, a.getAttribute('href')]));
    expect(hrefs).toEqual([
      ['The coupon field ate my code', `${base}/admin#answer=${answers[0].id}`],
      ['Total jumped at the last step', `${base}/admin#answer=${answers[3].id}`],
    ]);
    // The link is reached by Tab, after the toggle.
    await cart.locator('[part="comments-toggle"]').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.getAttribute('href'))).toBe(hrefs[0][1]);
    expect(errors).toEqual([]);
    expect(csp).toEqual([]);
    await page.context().close();
  });

  it('links nowhere without the inbox attribute, and speaks English names in English', async () => {
    const { page } = await open('/journey-plain');
    await page.locator('cx-journey .station').first().waitFor();
    expect(await page.locator('cx-journey .station h4').allTextContents()).toEqual(['Cart', 'Checkout']);
    await page.locator('cx-journey [part="comments-toggle"]').first().click();
    await page.locator('cx-journey .comment').first().waitFor();
    expect(await page.locator('cx-journey .comment a').count()).toBe(0);
    await page.context().close();
  });
});

describe('accessibility of the placeholder, the count and the links', () => {
  for (const dark of [false, true])
    it(`axe finds nothing serious on the wall and on the journey with its comments open, ${dark ? 'dark' : 'light'}`, async () => {
      const wall = await open('/wall-es', { dark, bypassCSP: true });
      await wall.page.locator('cx-wall li').nth(6).waitFor();
      expect(await axeViolations(wall.page)).toEqual([]);
      await wall.page.context().close();

      const journey = await open('/journey', { dark, bypassCSP: true });
      await journey.page.locator('cx-journey [part="comments-toggle"]').first().click();
      await journey.page.locator('cx-journey .comment a').first().waitFor();
      expect(await axeViolations(journey.page)).toEqual([]);
      await journey.page.context().close();
    });
});

describe('unhiding', () => {
  it('restores the comment on the wall and takes it out of the count (runs last: it changes the collector’s data)', async () => {
    await owner('PATCH', `/api/feedback/${answers[2].id}`, { withheld: null });
    const { page } = await open('/wall');
    await page.locator('cx-wall li').nth(6).waitFor();
    expect(await text(page, 'cx-wall [part="withheld"]')).toBe('2 comments withheld: 2 personal data');
    expect(await page.locator('cx-wall li').nth(2).locator('[part="comment"]').textContent()).toBe(SLUR);
    await page.context().close();
    await owner('PATCH', `/api/feedback/${answers[2].id}`, { withheld: { reason: 'abusive' } });
  });
});
