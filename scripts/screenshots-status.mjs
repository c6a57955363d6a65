#!/usr/bin/env node
// Screenshots of <cx-status> for looking at, not for asserting: 320, 390 and 1280 px wide, light
// and dark, English and Spanish, a shop page with three notices (critical with an update,
// major with a planned end, maintenance) above its content. The notices come from a static
// /status.json in the collector's format. Writes PNGs to the folder given (default screenshots/),
// from the built dist/status.js: run `BUNDLES=status npx rollup -c` first.
//   node scripts/screenshots-status.mjs [out-dir] [--only=<substring>]
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, resolve } from 'node:path';
import { launchChromium, VIEWS } from './lib/screenshots.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'screenshots');
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice(7);

const ago = (minutes) => new Date(Date.now() - minutes * 60_000).toISOString();
const STATUS = {
  notices: [
    {
      id: 'cold-wave',
      severity: 'critical',
      title: { en: 'Deliveries stopped by the cold wave', es: 'Entregas detenidas por la ola de frío' },
      body: { en: 'Roads in the north are closed. Parcels wait safely in our depots.', es: 'Las carreteras del norte están cortadas. Los paquetes esperan a salvo en nuestros almacenes.' },
      link: 'https://status.example/cold-wave',
      touchpoints: ['delivery'],
      startsAt: ago(180),
      endsAt: null,
      updates: [{ at: ago(12), body: { en: 'Snow ploughs are out; the first trucks leave at noon.', es: 'Las quitanieves ya trabajan; los primeros camiones salen a mediodía.' } }],
      resolvedAt: null,
    },
    {
      id: 'tracking',
      severity: 'major',
      title: { en: 'Tracking updates are late', es: 'El seguimiento se actualiza con retraso' },
      body: { en: 'Your parcel moves even when its page does not.', es: 'Tu paquete avanza aunque su página no lo muestre.' },
      link: null,
      touchpoints: ['delivery'],
      startsAt: ago(45),
      endsAt: new Date(Date.now() + 3 * 3_600_000).toISOString(),
      updates: [],
      resolvedAt: null,
    },
    {
      id: 'maintenance',
      severity: 'maintenance',
      title: { en: 'Payments pause tonight from 02:00 to 02:15', es: 'Los pagos se detienen esta noche de 02:00 a 02:15' },
      body: '',
      link: null,
      touchpoints: null,
      startsAt: ago(5),
      endsAt: null,
      updates: [],
      resolvedAt: null,
    },
  ],
};

const page = ({ lang, scheme }) => `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="${scheme}"><title>status</title>
<link rel="stylesheet" href="/page.css"><script src="/dist/status.js" defer></script></head>
<body><header>Shop</header><main><cx-status source="/status.json" touchpoint="delivery" theme="${scheme}"></cx-status>
<h1>${lang === 'es' ? 'Dónde está mi pedido' : 'Where is my order'}</h1><p>${lang === 'es' ? 'Pedido 1042: en camino.' : 'Order 1042: on its way.'}</p></main></body></html>`;
const CSS = `body{margin:0;font:16px/1.5 system-ui,sans-serif;background:Canvas;color:CanvasText}header{padding:.75rem 1rem;font-weight:700;border-bottom:1px solid GrayText}main{padding:1rem;max-width:48rem;margin:0 auto}cx-status{margin-bottom:1rem}`;

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/status.json') return res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(STATUS));
  if (url.pathname === '/page.css') return res.writeHead(200, { 'Content-Type': 'text/css' }).end(CSS);
  if (url.pathname === '/dist/status.js') return res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(readFileSync(join(ROOT, 'dist/status.js')));
  const [, lang, scheme] = /^\/(en|es)\/(light|dark)$/.exec(url.pathname) ?? [];
  if (!lang) return res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'" }).end(page({ lang, scheme }));
});
await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
const base = `http://127.0.0.1:${server.address().port}`;

mkdirSync(OUT, { recursive: true });
const browser = await launchChromium();
try {
  for (const { width, os: scheme, lang } of VIEWS) {
        const name = `status-${width}-${scheme}-${lang}.png`;
        if (ONLY && !name.includes(ONLY)) continue;
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, reducedMotion: 'reduce' });
        const p = await context.newPage();
        await p.goto(`${base}/${lang}/${scheme}`);
        await p.waitForFunction(() => document.querySelector('cx-status')?.shadowRoot?.querySelectorAll('[part="notice"]').length === 3);
        await p.screenshot({ path: join(OUT, name), fullPage: true });
        await context.close();
        console.log(join(OUT, name));
      }
} finally {
  await browser.close();
  server.close();
}
