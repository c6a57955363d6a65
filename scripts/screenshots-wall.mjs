#!/usr/bin/env node
// Screenshots of <cx-wall> for looking at, not for asserting: 320, 390 and 1280 px wide, light and
// dark, English and Spanish, over a fake collector whose feed has withheld comments (the
// placeholder in the list, the count by reason in the header) and touchpoint names. Writes PNGs to
// the folder given (default screenshots/), from the built dist/wall.js: run
// `BUNDLES=wall npx rollup -c` first.
//   node scripts/screenshots-wall.mjs [out-dir] [--only=<substring>]
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { launchChromium, VIEWS } from './lib/screenshots.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'screenshots');
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const NAMES = { cart: { en: 'Cart', es: 'Carrito' }, checkout: { en: 'Checkout', es: 'Pago' }, delivery: { en: 'Delivery', es: 'Entrega' } };
const REASONS = ['personal-data', 'abusive', 'spam', 'off-topic', 'other'];

/** Six answers, newest first; three withheld (2 personal data, 1 abusive), one of them with no rating. */
function feed() {
  const at = (hours) => new Date(Date.now() - hours * 3_600_000).toISOString();
  const item = (n, o) => ({ v: 1, id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`, effortScale: 7, lang: 'en', context: {}, reply: null, ...o });
  const withheld = (n, reason, o) => item(n, { ...o, comment: null, withheld: reason });
  return [
    item(1, { touchpoint: 'checkout', effort: 2, emotion: 'frustrated', comment: 'The card form cleared itself twice.', createdAt: at(1) }),
    withheld(2, 'personal-data', { touchpoint: 'delivery', effort: 3, emotion: 'disappointed', createdAt: at(3) }),
    item(3, { touchpoint: 'cart', effort: 6, emotion: 'satisfied', comment: 'Easy to change the size.', createdAt: at(5), reply: { text: 'Thank you!', at: at(4) } }),
    withheld(4, 'abusive', { touchpoint: 'checkout', effort: 1, emotion: 'frustrated', createdAt: at(26) }),
    withheld(5, 'personal-data', { touchpoint: 'delivery', effort: null, emotion: null, createdAt: at(50) }),
    item(6, { touchpoint: 'cart', effort: 7, emotion: 'delighted', comment: null, createdAt: at(72) }),
  ];
}

/** The collector's summary of the feed: the counts the header shows, withheld by reason, and the names. */
function summary(items) {
  const reasons = Object.fromEntries(REASONS.map((r) => [r, items.filter((a) => a.withheld === r).length]));
  const effort7 = [0, 0, 0, 0, 0, 0, 0];
  const emotions = { frustrated: 0, disappointed: 0, indifferent: 0, satisfied: 0, delighted: 0 };
  for (const a of items) {
    if (a.effort) effort7[a.effort - 1]++;
    if (a.emotion) emotions[a.emotion]++;
  }
  const withheld = { count: items.filter((a) => a.withheld).length, reasons };
  const total = { count: items.length, effortCounts: { 5: [0, 0, 0, 0, 0], 7: effort7 }, emotions, hardShare: 0.6, negativeShare: 0.6, withheld };
  return { total, touchpoints: [], withheld, names: NAMES };
}

const page = ({ lang, scheme }) => `<!doctype html>
<html lang="${lang}"${scheme ? ` style="color-scheme:${scheme}"` : ''}>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Wall screenshot</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:48rem;padding:1rem}${scheme ? '@media (prefers-color-scheme: dark){body{background:#111;color:#eee}}' : ''}</style>
<script src="/dist/wall.js" defer></script>
<cx-wall source="/api/feedback"></cx-wall>
</html>`;

const items = feed();
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const json = (body) => void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  if (url.pathname == '/api/feedback') return json({ items, next: null });
  if (url.pathname == '/api/summary') return json(summary(items));
  if (url.pathname == '/dist/wall.js') return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(readFileSync(join(ROOT, 'dist/wall.js')));
  if (url.pathname == '/page') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page(Object.fromEntries(url.searchParams)));
  res.writeHead(404).end();
});
await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
mkdirSync(OUT, { recursive: true });

for (const { width, os, lang } of VIEWS) {
      const name = `wall-${lang}-${os}-${width}.png`;
      if (ONLY && !name.includes(ONLY)) continue;
      const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: os });
      const tab = await context.newPage();
      await tab.goto(`${base}/page?${new URLSearchParams({ lang, scheme: os == 'dark' ? 'light dark' : '' })}`);
      await tab.locator('cx-wall li').first().waitFor();
      await tab.screenshot({ path: join(OUT, name), fullPage: true });
      await context.close();
      console.log(name);
    }
await browser.close();
server.close();
