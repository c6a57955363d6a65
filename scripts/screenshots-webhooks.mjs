#!/usr/bin/env node
// Screenshots of <cx-webhooks> on /admin for looking at, not for asserting: 320, 390 and 1280 px
// wide, light and dark, English and Spanish, signed in on a real collector (SQLite in a temporary
// directory) whose targets post to a receiver on 127.0.0.1: one that answers 200, one that
// answers 500 (its test failed for a day on the collector's moved clock, with Redeliver), both
// targets' deliveries open, and a new target's secret shown once. Writes PNGs of the element to
// the folder given (default screenshots/). Needs the built dist/inbox.js, dist/admin.html and
// collector: `npm run screenshots:webhooks` builds them.
//   node scripts/screenshots-webhooks.mjs [out-dir] [--only=<substring>]
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchChromium, VIEWS } from './lib/screenshots.mjs';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = resolve(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 'screenshots');
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const TOKEN = 'screenshots-token-0123456789';

const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => res.writeHead(req.url.startsWith('/down') ? 500 : 200).end());
});
await new Promise((ready) => receiver.listen(0, '127.0.0.1', ready));
const hook = `http://127.0.0.1:${receiver.address().port}`;

let offset = 0;
const { createCollector } = await import(join(ROOT, 'dist/node/server/collector.js'));
const dir = mkdtempSync(join(tmpdir(), 'touchpoint-webhooks-shots-'));
const collector = createCollector({ dbPath: join(dir, 'touchpoint.db'), dist: join(ROOT, 'dist'), adminToken: TOKEN, rateLimit: 100_000, log: () => {}, webhookAllowPrivate: true, webhookPollMs: 50, now: () => Date.now() + offset });
const base = await collector.listen();
const owner = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
const api = async (method, path, body) => {
  const res = await fetch(`${base}/api${path}`, { method, headers: owner, body: body && JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
};

const up = await api('POST', '/webhooks', { url: `${hook}/hooks/touchpoint`, events: ['answer.created', 'moment_of_truth.started', 'moment_of_truth.ended', 'digest.daily'] });
const down = await api('POST', '/webhooks', { url: `${hook}/down/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX`, events: ['answer.created'], format: 'slack', filter: 'hard' });
await api('POST', `/webhooks/${down.id}/test`);
// A day later the collector gives up on it; then a test of each that went as it goes.
offset = 25 * 3_600_000;
for (let i = 0; (await api('GET', `/webhooks/${down.id}/deliveries`)).items[0]?.state !== 'failed'; i++) {
  if (i > 200) throw new Error('the failing delivery never failed');
  await new Promise((r) => setTimeout(r, 50));
}
await api('POST', `/webhooks/${up.id}/test`);
await api('POST', `/webhooks/${down.id}/test`);

const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: TOKEN, name: 'Ana' }) });
const [cookie] = (signIn.headers.get('set-cookie') ?? '').split(';');
if (!signIn.ok || !cookie) throw new Error(`signing in failed: ${signIn.status}`);
const [cookieName, cookieValue] = [cookie.slice(0, cookie.indexOf('=')), cookie.slice(cookie.indexOf('=') + 1)];

const browser = await launchChromium();
mkdirSync(OUT, { recursive: true });

async function shoot(name, { width, os, lang }) {
  if (ONLY && !name.includes(ONLY)) return;
  const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: os, locale: lang === 'es' ? 'es-ES' : 'en-US' });
  await context.addCookies([{ name: cookieName, value: cookieValue, url: base }]);
  const tab = await context.newPage();
  tab.on('pageerror', (e) => console.error(`${name}: ${e.message}`));
  await tab.goto(`${base}/admin`);
  const el = tab.locator('cx-webhooks');
  await el.evaluate((e, lang) => e.setAttribute('lang', lang), lang);
  await el.locator('li.target').first().waitFor();
  for (const i of [0, 1]) {
    await el.locator('li.target').nth(i).locator('[data-action="deliveries"]').click();
    await el.locator('li.target').nth(i).locator('li.delivery').first().waitFor();
  }
  // A new target, its secret on show; removed again after the picture.
  const form = el.locator('form.editor').last();
  await form.locator('input[name="url"]').fill(`${hook}/hooks/staging`);
  await form.locator('button[type="submit"]').click();
  await el.locator('[part="secret"]').waitFor();
  await el.locator('[part="secret"] button').last().blur();
  await el.screenshot({ path: join(OUT, name) });
  for (const t of (await api('GET', '/webhooks')).items) if (t.url.endsWith('/staging')) await api('DELETE', `/webhooks/${t.id}`);
  await context.close();
  console.log(name);
}

try {
  for (const { width, os, lang } of VIEWS) await shoot(`webhooks-${lang}-${os}-${width}.png`, { width, os, lang });
} finally {
  await browser.close();
  await collector.close();
  receiver.close();
  rmSync(dir, { recursive: true, force: true });
}
