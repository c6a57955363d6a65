#!/usr/bin/env node
// Screenshots of /admin (<cx-inbox>) for looking at, not for asserting: 320, 390 and 1280 px wide,
// light and dark, English and Spanish, signed in on a real collector (SQLite in a temporary
// directory) with answers in every state, a reply with its history, notes and a withheld comment;
// plus the sign-in form. Writes PNGs to the folder given (default screenshots/). Needs the built
// dist/inbox.js, dist/admin.html and collector: `npm run screenshots:inbox` builds them.
//   node scripts/screenshots-inbox.mjs [out-dir] [--only=<substring>]
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium, VIEWS } from './lib/screenshots.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'screenshots');
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const TOKEN = 'screenshots-token-0123456789';
const NAMES = { checkout: { en: 'Checkout', es: 'Pago' }, cart: { en: 'Cart', es: 'Carrito' }, delivery: { en: 'Delivery', es: 'Entrega' } };

const { createCollector } = await import(join(ROOT, 'dist/node/server/collector.js'));
const dir = mkdtempSync(join(tmpdir(), 'touchpoint-inbox-shots-'));
const collector = createCollector({ dbPath: join(dir, 'touchpoint.db'), dist: join(ROOT, 'dist'), adminToken: TOKEN, rateLimit: 100_000, log: () => {} });
const base = await collector.listen();

const COMMENTS = [
  'The coupon field ate my code and I had to start again.',
  null,
  'Delivery was a day late, but support told me why.',
  'Quick and clear, thank you!',
  'My name is Jane Doe and I live at 12 Long Street, call me.',
  null,
  'Too many fields, and the page timed out twice.',
  'Todo bien, gracias.',
];
const now = Date.now();
const answers = Array.from({ length: 24 }, (_, i) => ({
  id: randomUUID(),
  v: 1,
  touchpoint: ['checkout', 'cart', 'delivery'][i % 3],
  journey: randomUUID(),
  effort: Math.min([2, 6, 3, 7, 1, 5, 2, 6][i % 8], i % 5 ? 7 : 5),
  effortScale: i % 5 ? 7 : 5,
  emotion: ['frustrated', 'satisfied', 'disappointed', 'delighted', 'frustrated', 'indifferent', 'disappointed', 'satisfied'][i % 8],
  comment: COMMENTS[i % 8],
  page: 'https://shop.example/checkout',
  lang: i % 8 === 7 ? 'es' : 'en',
  createdAt: new Date(now - (i + 1) * 47 * 60_000).toISOString(),
  context: {},
}));
const owner = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
const api = async (method, path, body) => {
  const res = await fetch(`${base}/api${path}`, { method, headers: owner, body: body && JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
};
const ingest = await fetch(`${base}/api/feedback`, { method: 'POST', headers: owner, body: JSON.stringify({ events: answers }) }).then((r) => r.json());
if (ingest.rejected?.length) throw new Error(`answers refused: ${JSON.stringify(ingest.rejected)}`);
await api('POST', `/feedback/${answers[0].id}/reply`, { text: 'Sorry! The coupon field is fixed now.', version: 0 });
await api('POST', `/feedback/${answers[0].id}/reply`, { text: 'Sorry! The coupon field is fixed now; your discount is refunded.', version: 1 });
await api('POST', `/feedback/${answers[0].id}/notes`, { text: 'Refunded the 10 % by hand.' });
await api('PATCH', `/feedback/${answers[0].id}`, { state: 'acknowledged' });
await api('PATCH', `/feedback/${answers[4].id}`, { withheld: { reason: 'personal-data', note: 'Full name and street' } });
await api('PATCH', '/feedback', { ids: answers.slice(8, 14).map((a) => a.id), state: 'resolved' });

// One session for every screenshot (sign-in attempts are rate limited): no Origin, as a script.
const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: TOKEN, name: 'Ana' }) });
const [cookie] = (signIn.headers.get('set-cookie') ?? '').split(';');
if (!signIn.ok || !cookie) throw new Error(`signing in failed: ${signIn.status}`);
const [cookieName, cookieValue] = [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)];

const browser = await launchChromium();
mkdirSync(OUT, { recursive: true });

async function shoot(name, { width, os, lang, signedIn }) {
  if (ONLY && !name.includes(ONLY)) return;
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: os });
  if (signedIn) await context.addCookies([{ name: cookieName, value: cookieValue, url: base }]);
  const tab = await context.newPage();
  tab.on('pageerror', (e) => console.error(`${name}: ${e.message}`));
  await tab.goto(`${base}/admin`);
  await tab.locator('cx-inbox').evaluate((el, [lang, names]) => {
    el.setAttribute('lang', lang);
    el.setAttribute('touchpoint-names', names);
  }, [lang, JSON.stringify(NAMES)]);
  if (signedIn) {
    await tab.locator('cx-inbox li.item').first().waitFor();
    // The second answer current, with the reply box of the third open and two answers selected.
    await tab.keyboard.press('j');
    await tab.keyboard.press('j');
    await tab.locator('cx-inbox li.item').nth(2).locator('[data-action="reply"]').click();
    for (const i of [5, 6]) await tab.locator('cx-inbox li.item').nth(i).getByRole('checkbox').check();
    await tab.locator('cx-inbox li.item').first().locator('details.history summary').click();
    await tab.evaluate(() => scrollTo(0, 0));
  } else await tab.locator('cx-inbox form.signin').waitFor();
  await tab.screenshot({ path: join(OUT, name), fullPage: signedIn });
  await context.close();
  console.log(name);
}

try {
  for (const { width, os, lang } of VIEWS) await shoot(`inbox-${lang}-${os}-${width}.png`, { width, os, lang, signedIn: true });
  for (const os of ['light', 'dark']) await shoot(`inbox-signin-en-${os}-390.png`, { width: 390, os, lang: 'en', signedIn: false });
} finally {
  await browser.close();
  await collector.close();
  rmSync(dir, { recursive: true, force: true });
}
