#!/usr/bin/env node
// Screenshots of <cx-feedback> as customers see it, for looking at, not for asserting:
// 320, 390 and 1280 px wide, light and dark, English and Spanish, inline and floating (open),
// before and after an answer, on a plain host page. Writes PNGs to the folder given (default
// screenshots/), from the built dist/touchpoint.js: run `npm run build` first.
//   node scripts/screenshots.mjs [out-dir] [--only=<substring>]
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { launchChromium, VIEWS } from './lib/screenshots.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'screenshots');
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice(7);

/** A host page: some text, the widget, more text. `scheme` is the page's own color-scheme. */
const page = ({ lang, mode, scheme, extra = '' }) => `<!doctype html>
<html lang="${lang}"${scheme ? ` style="color-scheme:${scheme}"` : ''}>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Touchpoint screenshot</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:40rem;padding:1rem}${scheme?.includes('dark') ? '@media (prefers-color-scheme: dark){body{background:#111;color:#eee}}' : ''}</style>
<script src="/dist/touchpoint.js" defer></script>
<h1>${lang == 'es' ? 'Pedido confirmado' : 'Order confirmed'}</h1>
<p>${lang == 'es' ? 'Gracias por tu compra. Te enviaremos un correo cuando salga.' : 'Thank you for your order. We will e-mail you when it ships.'}</p>
<cx-feedback endpoint="/collect" touchpoint="confirmation" cooldown-days="0" mode="${mode}" ${extra}></cx-feedback>
<p>${lang == 'es' ? 'Texto después del widget.' : 'Text after the widget.'}</p>
</html>`;

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname == '/collect') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}');
  if (url.pathname == '/dist/touchpoint.js') return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(readFileSync(join(ROOT, 'dist/touchpoint.js')));
  if (url.pathname == '/page') return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page(Object.fromEntries(url.searchParams)));
  res.writeHead(404).end();
});
await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await launchChromium();
mkdirSync(OUT, { recursive: true });

const shots = [];
for (const { width, os, lang } of VIEWS)
      for (const mode of ['inline', 'floating'])
        for (const state of ['ask', 'done']) shots.push({ width, os, lang, mode, state, scheme: os == 'dark' ? 'light dark' : '' });

for (const s of shots) {
  const name = `${s.mode}-${s.state}-${s.lang}-${s.os}-${s.width}.png`;
  if (ONLY && !name.includes(ONLY)) continue;
  const context = await browser.newContext({ viewport: { width: s.width, height: 900 }, colorScheme: s.os });
  const tab = await context.newPage();
  await tab.goto(`${base}/page?${new URLSearchParams({ lang: s.lang, mode: s.mode, scheme: s.scheme })}`);
  await tab.waitForFunction(() => document.querySelector('cx-feedback')?.shadowRoot?.childElementCount);
  if (s.mode == 'floating') await tab.locator('cx-feedback [part~="launcher"]').click();
  await tab.locator('cx-feedback [part~="effort-option"]').nth(4).click();
  await tab.locator('cx-feedback [part~="emotion-option"]').nth(3).click();
  if (s.state == 'done') {
    await tab.locator('cx-feedback [part~="submit"]').click();
    await tab.waitForTimeout(300);
  }
  await tab.screenshot({ path: join(OUT, name), fullPage: s.mode == 'inline' });
  await context.close();
}
await browser.close();
server.close();
console.log(`screenshots in ${OUT}`);
