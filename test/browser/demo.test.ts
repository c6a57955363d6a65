// The demo shop as a visitor meets it: served by the reference collector, in both languages,
// on a phone. (The widget itself is tested elsewhere; this is the shop around it.)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector, type Collector } from '../../src/server/collector.js';
import { launchChromium } from './lib/chromium.js';
import { pageErrors } from './lib/page.js';
import { ROOT } from './lib/server.js';

let browser: Browser;
let collector: Collector;
let base: string;
let dir: string;

beforeAll(async () => {
  browser = await launchChromium();
  dir = mkdtempSync(join(tmpdir(), 'touchpoint-demo-'));
  collector = createCollector({ dbPath: join(dir, 'demo.db'), dist: join(ROOT, 'dist'), pages: join(ROOT, 'demo'), log: () => {} });
  base = await collector.listen(0);
});
afterAll(async () => {
  await browser?.close();
  await collector?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the support page', () => {
  for (const lang of ['en', 'es'])
    it(`offers its topics in ${lang} alone, and fits a 390 px phone`, async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
      await context.addInitScript((l) => localStorage.setItem('touchpoint-demo:lang', JSON.stringify(l)), lang);
      const page = await context.newPage();
      const errors = pageErrors(page);
      await page.goto(`${base}/support`);
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
      const topics = await page.locator('select[name="topic"] option').allTextContents();
      expect(topics).toEqual(lang == 'es' ? ['Un pedido', 'Entrega', 'Devoluciones y reembolsos', 'Otra cosa'] : ['An order', 'Delivery', 'Returns and refunds', 'Something else']);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(errors).toEqual([]);
      await context.close();
    });
});
