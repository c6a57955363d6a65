import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN, feedItem, minutesAgo, XSS } from '../fixtures/wall/feed.js';
import { startWallHarness, type WallHarness } from '../fixtures/wall/harness.js';

// Comments are untrusted input shown to other people. A hostile feed must run nothing, break
// nothing and freeze nothing.

let h: WallHarness;
beforeAll(async () => {
  h = await startWallHarness();
});
afterEach(async () => {
  await h.closeContexts();
  h.routes.clear();
});
afterAll(async () => {
  await h?.close();
});

type Flags = { __pwned?: unknown; __control?: unknown; __canary: number; __violations: string[] };

const hostileFeed = () => [
  ...XSS.map((comment, i) => feedItem({ comment, createdAt: minutesAgo(i + 1), reply: { text: comment, at: minutesAgo(0) } })),
  ...BROKEN,
  // Valid but for its length: a megabyte of markup in one comment.
  feedItem({ comment: '<img src=x onerror="window.__pwned=1">'.repeat(27_000) }),
  // Fields the wall does not show, which must not be used either.
  { ...feedItem({ comment: 'Fine', createdAt: minutesAgo(30) }), reply: null, link: 'javascript:window.__pwned=1', html: '<script>window.__pwned=1</script>' },
];

describe('<cx-wall> against a hostile feed', () => {
  it('runs nothing from the feed, skips and counts what it cannot read, and the page stays responsive', async () => {
    h.routes.set('/hostile.json', () => ({ body: hostileFeed() }));
    // No CSP on this page: if the wall rendered any of it as HTML, the script would run.
    const page = await h.open({ source: '/hostile.json' }, { csp: false });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await h.loads(page);

    // Control: the same payloads, inserted unsafely, do run on this page; wait until they have.
    await page.evaluate((payloads) => {
      const div = document.createElement('div');
      div.hidden = true;
      div.innerHTML = payloads.map((p) => p.replaceAll('__pwned', '__control')).join('');
      document.body.append(div);
    }, XSS);
    await page.waitForFunction(() => (window as unknown as Flags).__control === 1);

    expect(await page.evaluate(() => (window as unknown as Flags).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    const inShadow = await page.evaluate(() => document.querySelector('cx-wall')!.shadowRoot!.querySelectorAll('img, script, svg, iframe, a, [onerror], [onload], [href]').length);
    expect(inShadow).toBe(0);

    // Every script-looking comment is there, as text.
    expect(await page.locator('cx-wall li [part="comment"]').allTextContents()).toEqual([...XSS, 'Fine']);
    expect(await page.locator('cx-wall li [part="reply"] .comment').allTextContents()).toEqual(XSS);
    // The broken items and the megabyte comment are skipped and counted.
    expect(await page.locator('cx-wall [part="skipped"]').textContent()).toBe(`${BROKEN.length + 1} items in the feed could not be read and are not shown.`);
    expect(await page.locator('cx-wall li').count()).toBe(XSS.length + 1);

    // Still responsive: the page's own button works, and so does the wall.
    await page.locator('#canary').click();
    expect(await page.evaluate(() => (window as unknown as Flags).__canary)).toBe(1);
    await page.locator('cx-wall li time').first().focus();
    expect(await page.locator('cx-wall li [part="exact-date"]').first().isVisible()).toBe(true);
  });

  it('renders under a strict CSP without a single violation', async () => {
    h.routes.set('/feed.json', () => ({ body: [feedItem({ effort: 1, emotion: 'frustrated' }), feedItem({ effort: 7, emotion: 'delighted', createdAt: minutesAgo(5) })] }));
    const page = await h.open({ source: '/feed.json' });
    await h.loads(page);
    expect(await page.evaluate(() => (window as unknown as Flags).__violations)).toEqual([]);
    // The bars get their length through CSSOM, which the policy allows: a 50% row is drawn half-way.
    const widths = await page.locator('cx-wall [part="effort-chart"] [part="bar"]').evaluateAll((bars) =>
      bars.map((bar) => Math.round((bar.getBoundingClientRect().width / bar.parentElement!.getBoundingClientRect().width) * 100)),
    );
    expect(widths).toEqual([50, 0, 0, 0, 0, 0, 50].map((w) => expect.closeTo(w, -1)));
  });
});
