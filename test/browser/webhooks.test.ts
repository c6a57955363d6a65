// <cx-webhooks> on the collector's own /admin page, in real Chromium against the real collector
// (SQLite in a temporary directory) and a real receiver on 127.0.0.1 (node:http): a target added
// with its secret shown once and copied, a test event that arrives signed (checked with the
// Standard Webhooks reference library), editing and deleting by keyboard, a delivery that fails
// for 24 hours (the collector's clock moved, which also ends the session) and is sent again after
// the receiver recovers, 320 px, and axe-core in both colour schemes.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCollector, type Collector } from '../../src/server/collector.js';
import { submitTokenSignIn } from './lib/admin.js';
import { axeViolations } from './lib/axe.js';
import { launchChromium } from './lib/chromium.js';
import { until } from './lib/page.js';
import { ROOT } from './lib/server.js';

const TOKEN = 'webhooks-test-token-0123456789';
const owner = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };

let browser: Browser;
let dir: string;
let collector: Collector;
let url: string;
let context: BrowserContext | undefined;
let problems: string[];
/** How far the collector's clock is ahead of the real one. */
let offset: number;

/** The receiver: what it got, and the status it answers with. */
let receiver: Server;
let hook: string;
let answer: number;
let got: { headers: IncomingHttpHeaders; body: string }[];

beforeAll(async () => {
  for (const file of ['dist/inbox.js', 'dist/admin.html'])
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run "BUNDLES=inbox npx rollup -c" first.`);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  got = [];
  answer = 200;
  receiver = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(answer, { 'Content-Type': 'text/plain' }).end(answer < 300 ? 'ok' : 'down for now');
  });
  await new Promise<void>((ready) => receiver.listen(0, '127.0.0.1', ready));
  hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/touchpoint`;

  dir = mkdtempSync(join(tmpdir(), 'touchpoint-webhooks-'));
  offset = 0;
  collector = createCollector({
    dbPath: join(dir, 'touchpoint.db'),
    dist: join(ROOT, 'dist'),
    adminToken: TOKEN,
    rateLimit: 100_000,
    log: () => {},
    webhookAllowPrivate: true,
    webhookPollMs: 50,
    now: () => Date.now() + offset,
  });
  url = await collector.listen();
  problems = [];
});
afterEach(async () => {
  await context?.close();
  context = undefined;
  await collector.close();
  receiver.closeAllConnections();
  await new Promise((done) => receiver.close(done));
  rmSync(dir, { recursive: true, force: true });
  expect(problems, 'uncaught errors and CSP violations on /admin').toEqual([]);
});

async function open(options: { dark?: boolean; width?: number; bypassCSP?: boolean } = {}): Promise<Page> {
  context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    colorScheme: options.dark ? 'dark' : 'light',
    bypassCSP: !!options.bypassCSP,
    locale: 'en-US',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => /Content.Security.Policy|\[touchpoint\]/i.test(m.text()) && problems.push(`console: ${m.text()}`));
  expect((await page.goto(`${url}/admin`))?.status()).toBe(200);
  return page;
}

const hooks = (page: Page) => page.locator('cx-webhooks');
const target = (page: Page, id: string) => page.locator(`cx-webhooks li.target[data-id="${id}"]`);
const status = (page: Page) => hooks(page).locator('.messages [role="status"]');

async function signIn(page: Page): Promise<void> {
  await submitTokenSignIn(page, TOKEN);
  await hooks(page).locator('#targets-title').waitFor();
}

/** The target as the collector has it, asked with the bearer token (never through the page). */
async function targets(): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${url}/api/webhooks`, { headers: owner });
  expect(res.status).toBe(200);
  return (await res.json()).items;
}

async function create(body: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  const res = await fetch(`${url}/api/webhooks`, { method: 'POST', headers: owner, body: JSON.stringify(body) });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

async function deliveries(id: string): Promise<{ id: string; state: string; attempts: number; eventId: string }[]> {
  return (await (await fetch(`${url}/api/webhooks/${id}/deliveries`, { headers: owner })).json()).items;
}

/** What has keyboard focus inside the element: a tag, its id, and its text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement?.shadowRoot?.activeElement ?? document.activeElement;
    return `${active?.tagName.toLowerCase()}${active?.id ? `#${active.id}` : ''} ${(active as HTMLElement | null)?.innerText?.trim() ?? ''}`.trim();
  });

/** Every text in the element's shadow root, input values included. */
const shown = (page: Page) =>
  hooks(page).evaluate((el) => el.shadowRoot!.textContent + [...el.shadowRoot!.querySelectorAll('input')].map((i) => i.value).join(' '));

describe('<cx-webhooks> on /admin', () => {
  it('adds a target and shows its secret once, sends a signed test that arrives, edits and deletes it by keyboard', async () => {
    const page = await open();
    await expect.poll(() => hooks(page).locator('[role="status"]').first().innerText()).toBe('Sign in to the inbox to manage webhooks.');
    await signIn(page);
    await expect.poll(() => hooks(page).locator('[part="base"]').innerText()).toContain('No targets yet');

    // Add: the URL, two events, Standard Webhooks, only hard answers.
    const form = hooks(page).locator('form[aria-label="Add a target"]');
    await form.getByLabel('URL').fill(hook);
    expect(await form.getByRole('checkbox', { name: /A new answer/ }).isChecked()).toBe(true);
    await form.getByRole('checkbox', { name: /The daily digest/ }).check();
    await form.getByLabel('Format').selectOption('standard');
    await form.getByLabel('Answers').selectOption('hard');
    await form.getByRole('button', { name: 'Add target' }).click();

    // The secret, once, focused on its heading, with the warning; copied to the clipboard.
    const secret = hooks(page).locator('[part="secret"]');
    await secret.waitFor();
    await until('the secret heading has focus', async () => (await focused(page)).startsWith('h3#secret-title'));
    expect(await secret.innerText()).toContain('you will not see it again');
    const value = await secret.getByLabel('Signing secret').inputValue();
    expect(value).toMatch(/^whsec_[A-Za-z0-9+/=]{20,}$/);
    await secret.getByRole('button', { name: 'Copy' }).click();
    await expect.poll(() => secret.locator('[role="status"]').innerText()).toBe('Copied to the clipboard.');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(value);
    const [stored] = await targets();
    expect(stored).toMatchObject({ url: hook, events: ['answer.created', 'digest.daily'], format: 'standard', filter: 'hard' });
    expect(JSON.stringify(stored)).not.toContain('whsec_');
    const id = stored.id as string;
    await secret.getByRole('button', { name: 'I have saved it' }).click();
    await expect.poll(() => secret.count()).toBe(0);
    expect(await focused(page)).toMatch(/^h3#add-title/);
    expect(await shown(page)).not.toContain(value);
    // The form is empty again for the next one.
    expect(await form.getByLabel('URL').inputValue()).toBe('');

    // Listed with what it sends; after a reload the secret is nowhere.
    const row = target(page, id);
    expect(await row.innerText()).toContain(hook);
    expect(await row.innerText()).toMatch(/A new answer, The daily digest/);
    expect(await row.innerText()).toContain('Only hard ones');
    await page.reload();
    await row.waitFor();
    expect(await shown(page)).not.toContain('whsec_');

    // A test: it arrives at the receiver, signed with that secret, and the outcome is said.
    await row.getByRole('button', { name: 'Send a test' }).click();
    await expect.poll(() => row.locator('.outcome').innerText()).toBe('Test received (HTTP 200).');
    expect(await status(page).innerText()).toBe('Test received (HTTP 200).');
    expect(got).toHaveLength(1);
    expect(new Webhook(value).verify(got[0].body, got[0].headers as Record<string, string>)).toMatchObject({ type: 'webhook.test' });

    // Its deliveries: the test, delivered at the first attempt.
    await row.getByRole('button', { name: 'Deliveries' }).click();
    const delivery = row.locator('li.delivery').first();
    await delivery.waitFor();
    expect(await row.getByRole('button', { name: 'Deliveries' }).getAttribute('aria-expanded')).toBe('true');
    await expect.poll(() => delivery.innerText()).toMatch(/Test event\s+Delivered/);
    expect(await delivery.innerText()).toMatch(/Attempts:?\s*1/);
    expect(await delivery.innerText()).toContain('HTTP 200');
    expect(await delivery.getByRole('button', { name: /Redeliver/ }).count()).toBe(0);

    // Edit by keyboard: Escape closes the form and gives focus back to Edit; then save a change.
    await row.getByRole('button', { name: 'Edit' }).click();
    await until('the URL field has focus', async () => (await focused(page)).startsWith('input#t0-url'));
    await page.keyboard.press('Escape');
    await until('Edit has focus again', async () => (await focused(page)) === 'button Edit');
    await page.keyboard.press('Enter');
    const edit = row.locator('form.editor');
    await edit.getByRole('checkbox', { name: /The daily digest/ }).uncheck();
    await edit.getByRole('checkbox', { name: /A moment of truth starts/ }).check();
    await edit.getByLabel('Answers').selectOption('all');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => status(page).innerText()).toBe('Saved.');
    await expect.poll(() => edit.count()).toBe(0);
    expect((await targets())[0]).toMatchObject({ events: ['answer.created', 'moment_of_truth.started'], filter: 'all' });
    expect(await row.innerText()).toMatch(/A new answer, A moment of truth starts/);

    // Delete: asks first; Cancel gives focus back; yes deletes it.
    await row.getByRole('button', { name: 'Delete' }).click();
    await until('the confirmation has focus', async () => (await focused(page)) === 'button Yes, delete it');
    expect(await row.locator('.confirm').innerText()).toContain(`Delete ${hook}?`);
    await page.keyboard.press('Escape');
    await until('Delete has focus again', async () => (await focused(page)) === 'button Delete');
    expect(await targets()).toHaveLength(1);
    await page.keyboard.press('Enter');
    await row.getByRole('button', { name: 'Yes, delete it' }).click();
    await expect.poll(() => status(page).innerText()).toBe(`Deleted ${hook}.`);
    expect(await targets()).toEqual([]);
    await expect.poll(() => hooks(page).locator('[part="base"]').innerText()).toContain('No targets yet');
  });

  it('says why a URL is refused, and what is missing', async () => {
    const page = await open();
    await signIn(page);
    const form = hooks(page).locator('form[aria-label="Add a target"]');
    await form.getByRole('button', { name: 'Add target' }).click();
    await expect.poll(() => hooks(page).locator('[role="alert"]').innerText()).toBe('Enter the URL to send events to.');
    expect(await focused(page)).toMatch(/^input#n-url/);
    await form.getByLabel('URL').fill('ftp://example.com/hook');
    await form.getByRole('button', { name: 'Add target' }).click();
    await expect.poll(() => hooks(page).locator('[role="alert"]').innerText()).toContain('url: must be an http or https URL');
    await form.getByLabel('URL').fill(hook);
    await form.getByRole('checkbox', { name: /A new answer/ }).uncheck();
    await form.getByRole('button', { name: 'Add target' }).click();
    await expect.poll(() => hooks(page).locator('[role="alert"]').innerText()).toBe('Choose at least one event.');
    expect(await targets()).toEqual([]);
  });

  it('shows a delivery that failed for 24 hours, and sends it again once the receiver recovers', async () => {
    answer = 500;
    const { id } = await create({ url: hook, events: ['answer.created'] });
    const page = await open();
    await signIn(page);
    const row = target(page, id);
    await row.getByRole('button', { name: 'Send a test' }).click();
    await expect.poll(() => row.locator('.outcome').innerText()).toBe('Test not received: HTTP 500. It will be tried again.');
    await row.getByRole('button', { name: 'Deliveries' }).click();
    const delivery = row.locator('li.delivery').first();
    await expect.poll(() => delivery.innerText()).toMatch(/Test event\s+Pending/);
    expect(await delivery.innerText()).toContain('Next attempt');
    expect(await delivery.innerText()).toContain('HTTP 500');

    // A day later (on the collector's clock) the next attempt fails too, and the collector gives
    // up. The owner's session has ended meanwhile: the next action says so, and the inbox asks to sign in.
    offset = 25 * 3_600_000;
    await until('the delivery has failed', async () => (await deliveries(id))[0]?.state === 'failed');
    await row.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => hooks(page).locator('[role="status"]').first().innerText()).toBe('Your session has ended. Sign in to the inbox again to manage webhooks.');
    expect(await row.count()).toBe(0);
    // The inbox heard it too and offers its sign-in form, which signs the webhooks in again.
    await signIn(page);

    await row.getByRole('button', { name: 'Deliveries' }).click();
    await expect.poll(() => delivery.innerText()).toMatch(/Test event\s+Failed/);
    expect(await delivery.innerText()).toMatch(/Attempts:?\s*2/);
    expect(await delivery.innerText()).toContain('HTTP 500');
    const sent = got.length;
    const first = got[0].headers['webhook-id'];

    // The receiver recovers; Redeliver sends it again, with the same webhook-id, and the list shows it arrive.
    answer = 200;
    await delivery.getByRole('button', { name: /^Redeliver Test event of / }).click();
    await expect.poll(() => delivery.innerText(), { timeout: 15_000 }).toMatch(/Test event\s+Delivered/);
    expect(got.length).toBe(sent + 1);
    expect(got.at(-1)!.headers['webhook-id']).toBe(first);
    expect(await delivery.getByRole('button', { name: /Redeliver/ }).count()).toBe(0);
    expect((await deliveries(id))[0]).toMatchObject({ state: 'delivered', attempts: 3 });
  });

  it('fits 320 px without sideways scrolling, a long URL and its deliveries open', async () => {
    const { id } = await create({ url: `${hook}/a-rather-long-path/that/goes/on/and/on?with=a-query-string-too`, events: ['answer.created', 'digest.daily'] });
    const page = await open({ width: 320 });
    await signIn(page);
    const row = target(page, id);
    await row.getByRole('button', { name: 'Send a test' }).click();
    await row.locator('.outcome').waitFor();
    await row.getByRole('button', { name: 'Deliveries' }).click();
    await row.locator('li.delivery').first().waitFor();
    await row.getByRole('button', { name: 'Edit' }).click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });

  for (const dark of [false, true])
    it(`has no serious or critical axe violations, everything open, in the ${dark ? 'dark' : 'light'} scheme`, async () => {
      answer = 500;
      const { id } = await create({ url: hook, events: ['answer.created'], filter: 'hard' });
      const page = await open({ dark, bypassCSP: true });
      await page.locator('cx-inbox form.signin').waitFor();
      await expect.poll(() => hooks(page).locator('[part="base"]').innerText()).toContain('Sign in to the inbox');
      expect(await axeViolations(page)).toEqual([]);
      await signIn(page);
      const row = target(page, id);
      await row.getByRole('button', { name: 'Send a test' }).click();
      await row.locator('.outcome').waitFor();
      await row.getByRole('button', { name: 'Deliveries' }).click();
      await row.locator('li.delivery').first().waitFor();
      await row.getByRole('button', { name: 'Edit' }).click();
      const form = hooks(page).locator('form[aria-label="Add a target"]');
      await form.getByLabel('URL').fill(`${hook}/second`);
      await form.getByRole('button', { name: 'Add target' }).click();
      await hooks(page).locator('[part="secret"]').waitFor();
      await hooks(page).locator('li.target').nth(1).getByRole('button', { name: 'Delete' }).click();
      expect(await axeViolations(page)).toEqual([]);
    });
});

