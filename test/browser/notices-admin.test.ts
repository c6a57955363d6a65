// <cx-notices> on the collector's own /admin page, in real Chromium against the real collector
// (SQLite in a temporary directory, a new one per test), the owner signed in through <cx-inbox>'s
// form: a notice published with its severity, title and text in English and Spanish, link,
// touchpoints, starting now and ending later; an update; resolved with a final update; reopened;
// refusals in the status line (an end before the start, a link that is not http(s), an update to
// a notice resolved meanwhile); the comparison of the answers given during it with the same
// touchpoint outside it. Each step is checked against the collector's API with the bearer token,
// and against the public GET /api/status?touchpoint=. axe-core on /admin with the editor open, in
// both colour schemes.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import type { Notice, NoticeWithImpact } from '../../src/core/notice.js';
import { createCollector, type Collector } from '../../src/server/collector.js';
import { makeAnswer } from '../fixtures/answers.js';
import { submitTokenSignIn } from './lib/admin.js';
import { axeViolations } from './lib/axe.js';
import { launchChromium } from './lib/chromium.js';
import { ROOT } from './lib/server.js';

const TOKEN = 'notices-admin-test-token-0123456789';
const owner = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
/** The browser's clock reads Mexico City (UTC−6, no summer time): the form's local times must become the right instants. */
const ZONE = 'America/Mexico_City';

let browser: Browser;
let dir: string;
let collector: Collector;
let url: string;
let context: BrowserContext | undefined;
let problems: string[];

beforeAll(async () => {
  for (const file of ['dist/inbox.js', 'dist/admin.html'])
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run "BUNDLES=inbox npx rollup -c" first.`);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'touchpoint-notices-admin-'));
  collector = createCollector({ dbPath: join(dir, 'touchpoint.db'), dist: join(ROOT, 'dist'), adminToken: TOKEN, rateLimit: 100_000, log: () => {} });
  url = await collector.listen();
  problems = [];
});
afterEach(async () => {
  await context?.close();
  context = undefined;
  await collector.close();
  rmSync(dir, { recursive: true, force: true });
  expect(problems, 'uncaught errors and CSP violations on /admin').toEqual([]);
});

// The collector's side, asked with the bearer token (never through the page).
async function get<T>(path: string): Promise<T> {
  const res = await fetch(url + path, { headers: owner });
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  return res.json();
}
const listed = async () => (await get<{ notices: NoticeWithImpact[] }>('/api/notices')).notices;
/** What `<cx-status>` would read at a touchpoint: public, no token. */
async function statusAt(touchpoint: string): Promise<Notice[]> {
  const res = await fetch(`${url}/api/status?touchpoint=${touchpoint}`);
  expect(res.status).toBe(200);
  return (await res.json()).notices;
}
async function publish(notice: Record<string, unknown>): Promise<Notice> {
  const res = await fetch(`${url}/api/notices`, { method: 'POST', headers: owner, body: JSON.stringify(notice) });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}
async function answer(list: Answer[]): Promise<void> {
  const res = await fetch(`${url}/api/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ events: list }) });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
}

async function open({ dark = false, bypassCSP = false } = {}): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: dark ? 'dark' : 'light', bypassCSP, locale: 'en-US', timezoneId: ZONE });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => /Content.Security.Policy|\[touchpoint\]/i.test(m.text()) && problems.push(`console: ${m.text()}`));
  const response = await page.goto(`${url}/admin`);
  expect(response?.status()).toBe(200);
  return page;
}

const editor = (page: Page) => page.locator('cx-notices');
const form = (page: Page) => editor(page).locator('form[part="form"]');
const status = (page: Page) => editor(page).locator('[part="status"]');
const notices = (page: Page) => editor(page).locator('li.notice');
const noticeTitled = (page: Page, title: string) => notices(page).filter({ has: page.locator('h4', { hasText: title }) });
const stateOf = (notice: Locator) => notice.locator('.state').textContent();

/** Signs in with the token through <cx-inbox>'s form; the editor then lists the notices (or says there are none). */
async function signIn(page: Page): Promise<void> {
  await submitTokenSignIn(page, TOKEN);
  await page.locator('cx-inbox form.signin').waitFor({ state: 'detached' });
  await editor(page).locator('.list, p.muted:text-is("No notices yet.")').first().waitFor();
}

/** `datetime-local`'s value for an instant, in the browser's own time zone (as the owner types it). */
const local = (page: Page, ms: number) =>
  page.evaluate((ms) => {
    const d = new Date(ms);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  }, ms);
/** The whole minute `ms` falls in, as the form can say it. */
const minute = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();

/** Fills the publishing form as the owner would; fields left out stay empty. */
async function fillForm(page: Page, f: { severity?: string; title?: [string, string?]; body?: [string, string?]; link?: string; touchpoints?: string; starts?: string; ends?: string }) {
  const form_ = form(page);
  if (f.severity) await form_.getByLabel('Severity').selectOption({ label: f.severity });
  if (f.title) {
    await form_.getByLabel('Title (English)').fill(f.title[0]);
    if (f.title[1]) await form_.getByLabel('Title (Spanish)').fill(f.title[1]);
  }
  if (f.body) {
    await form_.getByLabel('Text (English)').fill(f.body[0]);
    if (f.body[1]) await form_.getByLabel('Text (Spanish)').fill(f.body[1]);
  }
  if (f.link) await form_.getByLabel('Link (http or https, optional)').fill(f.link);
  if (f.touchpoints) await form_.getByLabel('Touchpoints').fill(f.touchpoints);
  if (f.starts) await form_.getByLabel('Starts').fill(f.starts);
  if (f.ends) await form_.getByLabel('Ends (optional)').fill(f.ends);
}

const TITLE = { en: 'Deliveries delayed by the cold wave', es: 'Entregas retrasadas por la ola de frío' };
const BODY = { en: 'Roads in the north are closed; parcels leave as soon as they open.', es: 'Las carreteras del norte están cerradas; los paquetes saldrán en cuanto abran.' };

describe('<cx-notices> on /admin', () => {
  it('publishes a notice in two languages, lists it, posts an update, resolves it with a final one and reopens it, each step in the API and in /api/status', async () => {
    const page = await open();
    await signIn(page);
    await expect.poll(() => editor(page).locator('p.muted:text-is("No notices yet.")').count()).toBe(1);

    // Starts now (left empty), ends in three hours, at two touchpoints.
    const endsAt = Date.now() + 3 * 3600_000;
    const before = Date.now();
    await fillForm(page, {
      severity: 'Major disruption',
      title: [TITLE.en, TITLE.es],
      body: [BODY.en, BODY.es],
      link: 'https://status.example.com/cold-wave',
      touchpoints: 'delivery checkout',
      ends: await local(page, endsAt),
    });
    await form(page).getByRole('button', { name: 'Publish the notice' }).click();
    await expect.poll(() => status(page).textContent()).toBe('Published.');
    expect(await status(page).getAttribute('class')).not.toContain('failed');

    // Listed, in the page's language (English), shown now, at its touchpoints; the form emptied for the next one.
    await expect.poll(() => notices(page).count()).toBe(1);
    const li = notices(page).first();
    expect(await li.locator('h4').textContent()).toBe(`Major disruption: ${TITLE.en}`);
    expect(await stateOf(li)).toBe('Shown now');
    expect(await li.locator('p.muted').first().textContent()).toContain('delivery, checkout');
    expect(await li.locator('p').nth(1).textContent()).toBe(BODY.en);
    expect(await form(page).getByLabel('Title (English)').inputValue()).toBe('');

    // The collector has it as written, starting when it was published, ending at the minute asked for in the owner's zone.
    let [stored] = await listed();
    expect(stored).toMatchObject({
      severity: 'major',
      title: TITLE,
      body: BODY,
      link: 'https://status.example.com/cold-wave',
      touchpoints: ['delivery', 'checkout'],
      endsAt: minute(endsAt),
      updates: [],
      resolvedAt: null,
    });
    expect(Date.parse(stored.startsAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(stored.startsAt)).toBeLessThanOrEqual(Date.now());
    const id = stored.id;
    expect((await statusAt('delivery')).map((n) => n.id)).toEqual([id]);
    expect((await statusAt('checkout')).map((n) => n.id)).toEqual([id]);
    expect(await statusAt('cart')).toEqual([]);

    // An update: on the timeline, in the API, and the latest update of /api/status.
    const first = 'Half of the routes are open again.';
    await li.getByRole('textbox', { name: 'New update', exact: true }).fill(first);
    await li.getByRole('button', { name: 'Post the update' }).click();
    await expect.poll(() => li.locator('.timeline li').count()).toBe(1);
    expect(await status(page).textContent()).toBe('Updated.');
    expect(await li.locator('.timeline li').first().textContent()).toContain(first);
    expect(await li.getByRole('textbox', { name: 'New update', exact: true }).inputValue()).toBe('');
    [stored] = await listed();
    expect(stored.updates.map((u) => u.body)).toEqual([first]);
    expect(stored.resolvedAt).toBeNull();
    expect((await statusAt('delivery'))[0].updates).toEqual(stored.updates);

    // Resolved with a final update: closed at that update's time, and no longer shown to customers.
    const last = 'All routes open; deliveries are back to normal.';
    await li.getByRole('textbox', { name: 'New update', exact: true }).fill(last);
    await li.getByLabel('This update resolves it').check();
    await li.getByRole('button', { name: 'Post the update' }).click();
    await expect.poll(() => stateOf(li)).toBe('Resolved');
    expect(await li.locator('.timeline li').count()).toBe(2);
    expect(await li.getByRole('textbox', { name: 'New update', exact: true }).count()).toBe(0);
    [stored] = await listed();
    expect(stored.updates.map((u) => u.body)).toEqual([first, last]);
    expect(stored.resolvedAt).toBe(stored.updates[1].at);
    expect(await statusAt('delivery')).toEqual([]);
    expect(await statusAt('checkout')).toEqual([]);

    // Reopened: shown again, with its timeline, and the update form back.
    await li.getByRole('button', { name: 'Reopen' }).click();
    await expect.poll(() => stateOf(li)).toBe('Shown now');
    await li.getByRole('textbox', { name: 'New update', exact: true }).waitFor();
    [stored] = await listed();
    expect(stored.resolvedAt).toBeNull();
    expect(stored.updates).toHaveLength(2);
    const shown = await statusAt('delivery');
    expect(shown.map((n) => n.id)).toEqual([id]);
    expect(shown[0].updates.map((u) => u.body)).toEqual([last]);
    await page.close();
  });

  it('publishes one for later (scheduled) and one for every touchpoint, the latest start first, only the active one in /api/status', async () => {
    const page = await open();
    await signIn(page);
    const startsAt = Date.now() + 2 * 3600_000;
    await fillForm(page, { severity: 'Planned maintenance', title: ['Payments paused for maintenance'], body: ['Card payments pause for 30 minutes.'], touchpoints: 'checkout', starts: await local(page, startsAt) });
    await form(page).getByRole('button', { name: 'Publish the notice' }).click();
    await expect.poll(() => notices(page).count()).toBe(1);
    await fillForm(page, { severity: 'Information', title: ['New opening hours'], body: ['Support answers until 22:00.'] });
    await form(page).getByRole('button', { name: 'Publish the notice' }).click();
    await expect.poll(() => notices(page).count()).toBe(2);

    // The scheduled one first (the latest start), then the one shown now.
    expect(await notices(page).locator('h4').allTextContents()).toEqual(['Planned maintenance: Payments paused for maintenance', 'Information: New opening hours']);
    expect(await stateOf(noticeTitled(page, 'Payments paused for maintenance'))).toBe('Scheduled');
    const everywhere = noticeTitled(page, 'New opening hours');
    expect(await stateOf(everywhere)).toBe('Shown now');
    expect(await everywhere.locator('p.muted').first().textContent()).toContain('Every touchpoint');

    const stored = await listed();
    const scheduled = stored.find((n) => n.severity === 'maintenance')!;
    expect(scheduled).toMatchObject({ title: { en: 'Payments paused for maintenance' }, touchpoints: ['checkout'], startsAt: minute(startsAt), endsAt: null, link: null });
    expect(stored.find((n) => n.severity === 'info')).toMatchObject({ touchpoints: null, endsAt: null });
    expect((await statusAt('checkout')).map((n) => n.severity)).toEqual(['info']);
    expect((await statusAt('anywhere')).map((n) => n.severity)).toEqual(['info']);
    await page.close();
  });

  it('says each refusal in one line and keeps what was typed: an end before the start, a link that is not http(s), an update to a notice resolved meanwhile', async () => {
    const page = await open();
    await signIn(page);
    const start = Date.now() + 3600_000;
    await fillForm(page, { title: ['Backwards'], body: ['Ends before it starts.'], starts: await local(page, start), ends: await local(page, start - 1800_000) });
    await form(page).getByRole('button', { name: 'Publish the notice' }).click();
    await expect.poll(() => status(page).textContent()).toBe('That did not work: endsAt: must be later than startsAt');
    await expectOneFailedLine(page);
    expect(await form(page).getByLabel('Title (English)').inputValue()).toBe('Backwards');
    expect(await listed()).toEqual([]);

    // A link the browser's URL field accepts, the collector does not.
    await form(page).getByLabel('Ends (optional)').fill('');
    await form(page).getByLabel('Starts').fill('');
    await form(page).getByLabel('Link (http or https, optional)').fill('ftp://files.example.com/status');
    await form(page).getByRole('button', { name: 'Publish the notice' }).click();
    await expect.poll(() => status(page).textContent()).toMatch(/^That did not work: link: must be null or an absolute http\(s\) URL/);
    await expectOneFailedLine(page);
    expect(await listed()).toEqual([]);

    // Fixed, it goes through and the status line says so.
    await form(page).getByLabel('Link (http or https, optional)').fill('https://status.example.com/');
    await form(page).getByRole('button', { name: 'Publish the notice' }).click();
    await expect.poll(() => status(page).textContent()).toBe('Published.');
    expect(await status(page).getAttribute('class')).not.toContain('failed');
    await expect.poll(() => notices(page).count()).toBe(1);

    // Another owner resolves it meanwhile (the API); this page still offers an update, and is told why it cannot.
    const [n] = await listed();
    const res = await fetch(`${url}/api/notices/${n.id}/updates`, { method: 'POST', headers: owner, body: JSON.stringify({ body: 'Fixed.', resolve: true }) });
    expect(res.status).toBe(201);
    const li = notices(page).first();
    await li.getByRole('textbox', { name: 'New update', exact: true }).fill('One more thing.');
    await li.getByRole('button', { name: 'Post the update' }).click();
    await expect.poll(() => status(page).textContent()).toMatch(/^That did not work: the notice is resolved; reopen it first/);
    await expectOneFailedLine(page);
    expect((await listed())[0].updates.map((u) => u.body)).toEqual(['Fixed.']);
    await page.close();
  });

  it('compares the answers given during a notice (context.notice) with the same touchpoint outside it, and lists their comments', async () => {
    const now = Date.now();
    // Outside: three easy, happy answers at delivery in the hours before; one at another touchpoint, which does not count.
    await answer([
      makeAnswer({ touchpoint: 'delivery', effort: 6, emotion: 'satisfied', comment: null, createdAt: new Date(now - 3 * 3600_000).toISOString() }),
      makeAnswer({ touchpoint: 'delivery', effort: 7, emotion: 'delighted', comment: null, createdAt: new Date(now - 2 * 3600_000).toISOString() }),
      makeAnswer({ touchpoint: 'delivery', effort: 6, emotion: 'satisfied', comment: 'Fast as usual.', createdAt: new Date(now - 3600_000).toISOString() }),
      makeAnswer({ touchpoint: 'cart', effort: 1, emotion: 'frustrated', comment: null, createdAt: new Date(now - 3600_000).toISOString() }),
    ]);
    const page = await open();
    await signIn(page);
    await fillForm(page, { severity: 'Major disruption', title: [TITLE.en, TITLE.es], body: [BODY.en, BODY.es], touchpoints: 'delivery' });
    await form(page).getByRole('button', { name: 'Publish the notice' }).click();
    await expect.poll(() => notices(page).count()).toBe(1);
    const [{ id }] = await listed();

    // During: two hard, unhappy answers given while <cx-status> showed it, carrying its id.
    await answer([
      makeAnswer({ touchpoint: 'delivery', effort: 2, emotion: 'frustrated', comment: 'Late, but at least you told me.', createdAt: new Date().toISOString(), context: { notice: id } }),
      makeAnswer({ touchpoint: 'delivery', effort: 3, emotion: 'disappointed', comment: null, createdAt: new Date().toISOString(), context: { notice: id } }),
    ]);
    await page.reload();
    await notices(page).first().waitFor();
    const table = notices(page).first().locator('[part="impact"]');
    const rows = () => table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent!.trim())));
    await expect.poll(rows).toEqual([
      ['While it was shown', '2', '2.5', '-1.00'],
      ['Same touchpoints, outside it', '3', '6.3', '+1.00'],
    ]);
    expect(await table.locator('thead th').allTextContents()).toEqual(['Answers', 'Effort (of 7)', 'Net emotion']);
    expect(await notices(page).first().locator('.comments li').allTextContents()).toEqual(['Late, but at least you told me.']);

    // The same numbers as the collector's.
    const { impact } = await get<NoticeWithImpact>(`/api/notices/${id}`);
    expect(impact.during).toMatchObject({ count: 2, effortMean: 2.5, netEmotion: -1 });
    expect(impact.outside).toMatchObject({ count: 3, netEmotion: 1 });
    expect(impact.outside.effortMean).toBeCloseTo(19 / 3, 5);
    expect(impact.comments.map((c) => c.comment)).toEqual(['Late, but at least you told me.']);
    await page.close();
  });

  for (const dark of [false, true])
    it(`has no serious or critical axe violations on /admin with the notice editor open, in the ${dark ? 'dark' : 'light'} scheme`, async () => {
      // Every part on show: a notice with a timeline, a comparison and a comment, a resolved one with Reopen, a refusal.
      const shown = await publish({ severity: 'critical', title: TITLE, body: BODY, link: 'https://status.example.com/', touchpoints: ['delivery'] });
      await fetch(`${url}/api/notices/${shown.id}/updates`, { method: 'POST', headers: owner, body: JSON.stringify({ body: 'Half of the routes are open again.' }) });
      const resolved = await publish({ severity: 'minor', title: 'Slow search', body: 'Search is slow.', touchpoints: null });
      await fetch(`${url}/api/notices/${resolved.id}/updates`, { method: 'POST', headers: owner, body: JSON.stringify({ body: 'Fast again.', resolve: true }) });
      await answer([makeAnswer({ touchpoint: 'delivery', effort: 2, emotion: 'frustrated', comment: 'Late.', createdAt: new Date().toISOString(), context: { notice: shown.id } })]);
      const page = await open({ dark, bypassCSP: true });
      await signIn(page);
      await expect.poll(() => notices(page).count()).toBe(2);
      await form(page).getByLabel('Title (English)').fill('Backwards');
      await form(page).getByLabel('Text (English)').fill('Ends before it starts.');
      await form(page).getByLabel('Starts').fill(await local(page, Date.now() + 3600_000));
      await form(page).getByLabel('Ends (optional)').fill(await local(page, Date.now()));
      await form(page).getByRole('button', { name: 'Publish the notice' }).click();
      await expect.poll(() => status(page).textContent()).toMatch(/^That did not work/);
      await editor(page).locator('button', { hasText: 'Reopen' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
    });
});

/** The status line says in words that it failed (styled as failed too), in one line at this width. */
async function expectOneFailedLine(page: Page): Promise<void> {
  const line = status(page);
  expect(await line.getAttribute('class')).toContain('failed');
  expect(await line.getAttribute('role')).toBe('status');
  const [height, lineHeight] = await line.evaluate((el) => [el.getBoundingClientRect().height, parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.6]);
  expect(height).toBeLessThanOrEqual(lineHeight * 1.5);
  expect(await line.textContent()).not.toContain('\n');
}

