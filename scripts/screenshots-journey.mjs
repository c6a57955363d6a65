#!/usr/bin/env node
// Screenshots of <cx-journey> for looking at, not for asserting: 320, 390 and 1280 px wide, light
// and dark, English and Spanish, with touchpoint names, the first moment of truth's comments open
// (links to the owner's inbox) and the table sorted by answers. Writes PNGs to the folder given
// (default screenshots/), from the built dist/journey.js: run `BUNDLES=journey npx rollup -c` first.
//   node scripts/screenshots-journey.mjs [out-dir] [--only=<substring>]
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { launchChromium, VIEWS } from './lib/screenshots.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'screenshots');
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const JOURNEY = 'home product cart checkout confirmation delivery support';
const NAMES = {
  home: { en: 'Home', es: 'Inicio' },
  product: { en: 'Product page', es: 'Ficha de producto' },
  cart: { en: 'Cart', es: 'Carrito' },
  checkout: { en: 'Checkout', es: 'Pago' },
  confirmation: { en: 'Confirmation', es: 'Confirmación' },
  delivery: { en: 'Delivery', es: 'Entrega' },
  support: { en: 'Help', es: 'Ayuda' },
};

/** A shop's last 30 days: two decided moments of truth, one undecided touchpoint, the rest fine. */
function answers() {
  const out = [];
  let n = 0;
  const add = (touchpoint, count, effort, emotion, extra = {}) => {
    for (let i = 0; i < count; i++) {
      n++;
      out.push({
        v: 1,
        id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
        touchpoint,
        effort,
        effortScale: 7,
        emotion,
        comment: null,
        createdAt: new Date(Date.now() - (20 - n / 100) * 86_400_000).toISOString(),
        ...extra,
      });
    }
  };
  add('home', 40, 6, 'satisfied');
  add('product', 25, 5, 'delighted');
  add('cart', 24, 2, 'disappointed', { comment: 'The coupon field ate my code' });
  add('cart', 6, 6, 'satisfied');
  add('checkout', 20, 6, 'indifferent');
  add('checkout', 42, 2, 'frustrated', { comment: 'Too many fields, and the page timed out' });
  add('confirmation', 18, 7, 'satisfied');
  add('delivery', 6, 5, 'disappointed', { context: { stage: 'after' }, comment: 'Parcel left in the rain' });
  add('delivery', 4, 6, 'satisfied', { context: { stage: 'after' } });
  add('support', 3, 1, 'frustrated', { context: { stage: 'after' } });
  return out;
}

const page = ({ lang, scheme }) => `<!doctype html>
<html lang="${lang}"${scheme ? ` style="color-scheme:${scheme}"` : ''}>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Journey screenshot</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:1rem}${scheme ? '@media (prefers-color-scheme: dark){body{background:#111;color:#eee}}' : ''}</style>
<script src="/dist/journey.js" defer></script>
<cx-journey source="/answers.json" since="30d" touchpoints="${JOURNEY}" inbox="/admin" touchpoint-names='${JSON.stringify(NAMES)}'></cx-journey>
</html>`;

const data = JSON.stringify(answers());
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname == '/answers.json') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(data);
  if (url.pathname == '/dist/journey.js') return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(readFileSync(join(ROOT, 'dist/journey.js')));
  if (url.pathname == '/page') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page(Object.fromEntries(url.searchParams)));
  res.writeHead(404).end();
});
await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
mkdirSync(OUT, { recursive: true });

for (const { width, os, lang } of VIEWS) {
      const name = `journey-${lang}-${os}-${width}.png`;
      if (ONLY && !name.includes(ONLY)) continue;
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: os });
      const tab = await context.newPage();
      await tab.goto(`${base}/page?${new URLSearchParams({ lang, scheme: os == 'dark' ? 'light dark' : '' })}`);
      await tab.locator('cx-journey .station').first().waitFor();
      await tab.locator('cx-journey [part="comments-toggle"]').first().click();
      // Sorted by answers, most first, as an owner would look for the busiest touchpoints.
      const sort = tab.locator('cx-journey thead th button').nth(1);
      await sort.click();
      await sort.click();
      // Clicking scrolled the table to its button. A full-page capture lays the page out again and
      // draws the sticky name column where it was, not where it sticks: show the table from its start.
      await tab.locator('cx-journey [part="table"]').evaluate((region) => (region.scrollLeft = 0));
      await tab.screenshot({ path: join(OUT, name), fullPage: true });
      await context.close();
      console.log(name);
    }
await browser.close();
server.close();
