import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROKEN, feedItem, feedItems, minutesAgo } from '../fixtures/wall/feed.js';
import { startWallHarness, type WallHarness } from '../fixtures/wall/harness.js';

// axe-core over the page and the wall's shadow DOM, in both colour schemes and every state.

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

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

/** A feed that shows every part: both effort scales, replies, comments in both languages, unreadable items. */
const richFeed = () => [
  feedItem({ effort: 1, emotion: 'frustrated', comment: 'The coupon field ate my code.', createdAt: minutesAgo(5), reply: { text: 'Sorry! Fixed today.', at: minutesAgo(1) } }),
  feedItem({ effort: 4, effortScale: 5, emotion: 'satisfied', comment: 'Todo bien, gracias.', lang: 'es', createdAt: minutesAgo(60) }),
  feedItem({ effort: null, emotion: null, comment: 'Just a comment.', createdAt: minutesAgo(600) }),
  ...feedItems(30),
  ...BROKEN.slice(0, 2),
];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  targets: unknown[];
}

/** Serious and critical axe violations on the whole page, shadow roots included. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  // Let the list's fade-in (when motion is allowed) finish, so colours are measured at rest.
  await page.evaluate(() => Promise.all(document.querySelector('cx-wall')!.shadowRoot!.getAnimations().map((a) => a.finished)));
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, options: unknown): Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n: any) => n.target) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

// The page runs under the strict CSP; axe is injected as an inline script, so the context bypasses it.
const context = (colorScheme: 'light' | 'dark') => ({ bypassCSP: true, colorScheme });

describe('<cx-wall> accessibility', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violations with answers, in the ${scheme} scheme`, async () => {
      h.routes.set('/feed.json', () => ({ body: richFeed() }));
      const page = await h.open({ source: '/feed.json', 'page-size': '10' }, { context: context(scheme) });
      await h.loads(page);
      await page.locator('cx-wall [part="more"]').click();
      await h.loads(page, 2);
      // With a tooltip showing, so its colours are checked too.
      await page.locator('cx-wall li time').first().focus();
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  it('has no serious or critical axe violations when the load failed, in the dark scheme', async () => {
    h.routes.set('/down.json', () => ({ status: 500, body: 'down' }));
    const page = await h.open({ source: '/down.json' }, { context: context('dark') });
    await page.locator('cx-wall [part="retry"]').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('has no serious or critical axe violations when there are no answers yet', async () => {
    h.routes.set('/empty.json', () => ({ body: [] }));
    const page = await h.open({ source: '/empty.json' }, { context: context('light') });
    await page.locator('cx-wall [part="status"]', { hasText: 'No answers yet' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('gives each chart a table a screen reader can read, with headers, caption and counts', async () => {
    h.routes.set('/feed.json', () => ({ body: richFeed() }));
    const page = await h.open({ source: '/feed.json' }, { context: context('light') });
    await h.loads(page);
    const snapshot = await page.locator('cx-wall').ariaSnapshot();
    expect(snapshot).toContain('heading "What customers told us" [level=2]');
    expect(snapshot).toContain('heading "How easy it was" [level=3]');
    expect(snapshot).toMatch(/table "On a 5-point scale"/);
    expect(snapshot).toMatch(/table "On a 7-point scale"/);
    expect(snapshot).toMatch(/table "How it felt"/);
    expect(snapshot).toMatch(/rowheader "Very difficult"/);
    expect(snapshot).toMatch(/list "Every answer, newest first"/);
  });

  it('moves nothing when reduced motion is asked for', async () => {
    h.routes.set('/feed.json', () => ({ body: feedItems(3) }));
    const animation = async (reducedMotion: 'reduce' | 'no-preference') => {
      const page = await h.open({ source: '/feed.json' }, { context: { reducedMotion } });
      await h.loads(page);
      return page.locator('cx-wall li').first().evaluate((li) => getComputedStyle(li).animationName);
    };
    expect(await animation('no-preference')).not.toBe('none');
    expect(await animation('reduce')).toBe('none');
  });
});
