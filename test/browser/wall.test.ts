import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { collectorAnswer, feedItems } from '../fixtures/wall/feed.js';
import { startWallHarness, type WallHarness } from '../fixtures/wall/harness.js';

// <cx-wall> in Chromium, from dist/wall.js, on a page with a strict CSP: paging, retry, keyboard, a long feed.

let h: WallHarness;
beforeAll(async () => {
  h = await startWallHarness();
});
afterEach(async () => {
  await h.closeContexts();
  h.routes.clear();
  h.requests.length = 0;
});
afterAll(async () => {
  await h?.close();
});

const wallText = (page: Page, selector: string) => page.locator(`cx-wall ${selector}`).first().textContent().then((t) => t?.replace(/\s+/g, ' ').trim());
const itemCount = (page: Page) => page.locator('cx-wall li').count();
/** The element focused inside the wall's shadow root, as "tag:index among list items" or its part. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector('cx-wall')!.shadowRoot!.activeElement;
    if (!el) return null;
    if (el.localName === 'li') return `li:${[...el.parentElement!.children].indexOf(el)}`;
    return el.getAttribute('part') ?? el.localName;
  });

describe('<cx-wall> in Chromium', () => {
  it('follows next from a paged collector feed and counts with its summary', async () => {
    const feed = feedItems(45);
    h.routes.set('/cx/api/feedback', (url) => ({ body: collectorAnswer(feed, url) }));
    h.routes.set('/cx/api/summary', (url) => ({ body: collectorAnswer(feed, url) }));
    const page = await h.open({ source: '/cx/api/feedback' });
    await h.loads(page);
    expect(await itemCount(page)).toBe(20);
    expect(await wallText(page, '[part="total"]')).toBe('45 answers');

    await page.locator('cx-wall [part="more"]').click();
    await h.loads(page, 2);
    await page.locator('cx-wall [part="more"]').click();
    await h.loads(page, 3);
    expect(await itemCount(page)).toBe(45);
    expect(await page.locator('cx-wall [part="more"]').count()).toBe(0);
    expect(await wallText(page, '[part="count"]')).toBe('Showing 45 of 45');
    expect(await page.locator('cx-wall li [part="comment"]').allTextContents()).toEqual(feed.map((a) => a.comment));

    const pages = h.requests.filter((url) => url.pathname === '/cx/api/feedback');
    expect(pages.map((url) => url.searchParams.get('before'))).toEqual([null, '20', '40']);
  });

  it('offers a retry after a failed load, and loads on it', async () => {
    let failures = 1;
    h.routes.set('/flaky.json', () => (failures-- > 0 ? { status: 503, body: { error: 'busy' } } : { body: feedItems(3) }));
    const page = await h.open({ source: '/flaky.json' });
    const status = page.locator('cx-wall [part="status"]');
    await expect.poll(() => status.textContent()).toBe('The answers could not be loaded.');

    await page.locator('cx-wall [part="retry"]').click();
    await h.loads(page);
    expect(await itemCount(page)).toBe(3);
    expect(await page.locator('cx-wall [part="retry"]').count()).toBe(0);
  });

  it('works "Show more" from the keyboard, landing on the first new answer and announcing the count', async () => {
    h.routes.set('/feed.json', () => ({ body: feedItems(25) }));
    const page = await h.open({ source: '/feed.json', 'page-size': '10' });
    await h.loads(page);
    // Tab through the page (bounded) until "Show more" has focus.
    for (let i = 0; i < 40 && (await focused(page)) !== 'more'; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('more');

    await page.keyboard.press('Enter');
    await h.loads(page, 2);
    expect(await focused(page)).toBe('li:10');
    const count = page.locator('cx-wall [part="count"]');
    expect(await count.getAttribute('role')).toBe('status');
    expect(await wallText(page, '[part="count"]')).toBe('Showing 20 of 25');

    // Tabbing on from the new answer, through its dates, reaches the button again.
    for (let i = 0; i < 40 && (await focused(page)) !== 'more'; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await h.loads(page, 3);
    expect(await focused(page)).toBe('li:20');
    expect(await itemCount(page)).toBe(25);
  });

  it('shows the exact date on keyboard focus and hover, and hides it on Escape', async () => {
    h.routes.set('/feed.json', () => ({ body: feedItems(2) }));
    const page = await h.open({ source: '/feed.json' });
    await h.loads(page);
    const tip = page.locator('cx-wall li [part="exact-date"]').first();
    expect(await tip.isVisible()).toBe(false);

    for (let i = 0; i < 20 && (await focused(page)) !== 'date'; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('date');
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.textContent()).toMatch(/\d{4}/);
    await page.keyboard.press('Escape');
    expect(await tip.isVisible()).toBe(false);

    await page.keyboard.press('Tab');
    await page.locator('cx-wall li time').nth(1).hover();
    expect(await page.locator('cx-wall li [part="exact-date"]').nth(1).isVisible()).toBe(true);
  });

  it('with 10,000 answers, renders a page at a time and counts them all', async () => {
    h.routes.set('/big.json', () => ({ body: feedItems(10_000) }));
    const page = await h.open({ source: '/big.json' });
    await h.loads(page);
    expect(await wallText(page, '[part="total"]')).toBe('10,000 answers');
    expect(await itemCount(page)).toBe(20);
    for (let i = 2; i <= 4; i++) {
      await page.locator('cx-wall [part="more"]').click();
      await h.loads(page, i);
    }
    expect(await itemCount(page)).toBe(80);
    expect(await wallText(page, '[part="count"]')).toBe('Showing 80 of 10,000');
    // Still one request: the array is read once and paged in the browser.
    expect(h.requests).toHaveLength(1);
  });
});
