// <cx-inbox> on the collector's own /admin page, in real Chromium against the real collector
// (SQLite in a temporary directory, a new one per test: sign-in attempts are rate limited per
// collector): signing in with the token and with a password, triage by keyboard, bulk changes,
// replies and their history, a stale edit refused with 409 across two tabs, withholding by
// content and unhiding, notes, the export links, #answer= deep links, a session ended in another
// tab, and axe-core on /admin in both colour schemes.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import type { InboxItem } from '../../src/core/inbox.js';
import { createCollector, type Collector } from '../../src/server/collector.js';
import { hashPassword } from '../../src/server/password.js';
import { makeAnswer } from '../fixtures/answers.js';
import { axeViolations } from './lib/axe.js';
import { launchChromium } from './lib/chromium.js';
import { until } from './lib/page.js';
import { ROOT } from './lib/server.js';

const TOKEN = 'inbox-test-token-0123456789';
const PASSWORD = 'correct horse battery staple';

let browser: Browser;
let passwordHash: string;
let dir: string;
let collector: Collector;
let url: string;
let context: BrowserContext | undefined;
let problems: string[];
/** The seeded answers, newest first. */
let answers: Answer[];

beforeAll(async () => {
  for (const file of ['dist/inbox.js', 'dist/admin.html'])
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run "BUNDLES=inbox npx rollup -c" first.`);
  browser = await launchChromium();
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'touchpoint-inbox-'));
  collector = createCollector({
    dbPath: join(dir, 'touchpoint.db'),
    dist: join(ROOT, 'dist'),
    adminToken: TOKEN,
    adminPasswordHash: passwordHash,
    rateLimit: 100_000,
    log: () => {},
  });
  url = await collector.listen();
  problems = [];
  answers = await seed();
});
afterEach(async () => {
  await context?.close();
  context = undefined;
  await collector.close();
  rmSync(dir, { recursive: true, force: true });
  expect(problems, 'uncaught errors and CSP violations on /admin').toEqual([]);
});

/** 12 answers, one a minute, newest first: comments, no comments, both scales, two touchpoints. */
async function seed(count = 12, extra: (i: number) => Partial<Answer> = () => ({})): Promise<Answer[]> {
  const now = Date.now();
  const list = Array.from({ length: count }, (_, i) =>
    makeAnswer({
      touchpoint: i % 3 ? 'checkout' : 'cart',
      effort: (i % 7) + 1,
      emotion: (['frustrated', 'disappointed', 'indifferent', 'satisfied', 'delighted'] as const)[i % 5],
      comment: i % 4 === 3 ? null : `Answer number ${i}: the coupon field ${i % 2 ? 'worked' : 'ate my code'}`,
      createdAt: new Date(now - (i + 1) * 60_000).toISOString(),
      ...extra(i),
    }),
  );
  for (let i = 0; i < list.length; i += 100) {
    const res = await fetch(`${url}/api/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ events: list.slice(i, i + 100) }) });
    expect(res.status, await res.clone().text()).toBeLessThan(300);
  }
  return list;
}

/** The collector's view of an answer, asked with the bearer token (never through the page). */
async function item(id: string): Promise<InboxItem> {
  const res = await fetch(`${url}/api/inbox/${id}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return res.json();
}

interface Options {
  dark?: boolean;
  width?: number;
  /** Only for injecting axe-core: everything else runs under the page's own strict policy. */
  bypassCSP?: boolean;
  hash?: string;
}

async function open(options: Options = {}): Promise<Page> {
  context ??= await newContext(options);
  return openIn(context, options.hash);
}

function newContext(options: Options = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    colorScheme: options.dark ? 'dark' : 'light',
    bypassCSP: !!options.bypassCSP,
    locale: 'en-US',
    acceptDownloads: true,
  });
}

async function openIn(ctx: BrowserContext, hash = ''): Promise<Page> {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => /Content.Security.Policy|\[touchpoint\]/i.test(m.text()) && problems.push(`console: ${m.text()}`));
  const response = await page.goto(`${url}/admin${hash}`);
  expect(response?.status()).toBe(200);
  return page;
}

const inbox = (page: Page) => page.locator('cx-inbox');
const items = (page: Page) => page.locator('cx-inbox .answers li.item');
const itemById = (page: Page, id: string) => page.locator(`cx-inbox li.item[data-id="${id}"]`);
const alertText = (page: Page) => page.locator('cx-inbox .messages [role="alert"]');

async function signIn(page: Page, how: 'token' | 'password' = 'token', name = 'Ana'): Promise<void> {
  const form = page.locator('cx-inbox form.signin');
  await form.waitFor();
  if (how === 'token') await form.getByLabel('Admin token', { exact: true }).first().check();
  await form.locator('#secret').fill(how === 'token' ? TOKEN : PASSWORD);
  if (name) await form.getByLabel('Your name (optional)').fill(name);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await items(page).first().waitFor();
}

/** What has keyboard focus, looking into the element's shadow root: the focused answer's id, or a tag. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement?.shadowRoot?.activeElement ?? document.activeElement;
    return (active as HTMLElement | null)?.dataset?.id ?? `${active?.tagName.toLowerCase()}${active?.id ? `#${active.id}` : ''}`;
  });

const ids = (page: Page) => items(page).evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.id!));
const stateOf = (page: Page, id: string) => itemById(page, id).locator('[part="state"]').innerText();
const countButton = (page: Page, name: RegExp) => inbox(page).locator('[part="state-filter"]').filter({ hasText: name });

describe('<cx-inbox> on /admin', () => {
  it('serves /admin with no inline script or style, and signs in with the token, naming the owner', async () => {
    const res = await fetch(`${url}/admin`);
    const text = await res.text();
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    expect(text).toContain('<script src="/dist/inbox.js" defer></script>');
    expect(text).toContain('<meta name="robots" content="noindex"');
    expect(text).not.toMatch(/<style|\sstyle=|<script(?![^>]*\ssrc=)|\son\w+=/);

    const page = await open();
    await signIn(page, 'token', 'Ana');
    await expect.poll(() => inbox(page).locator('.who').innerText()).toBe('Signed in as Ana');
    // Newest first, every answer, with the counts per state.
    expect(await ids(page)).toEqual(answers.map((a) => a.id));
    expect(await countButton(page, /^New/).innerText()).toBe('New (12)');
    // Effort and emotion are shown; a comment, or that there is none.
    const first = itemById(page, answers[0].id);
    await expect.poll(() => first.innerText()).toContain('Very difficult');
    expect(await first.innerText()).toContain('Frustrated');
    expect(await itemById(page, answers[3].id).innerText()).toContain('No comment.');

    // Signed in already: a reload shows the inbox at once, with the name the session keeps.
    await page.reload();
    await items(page).first().waitFor();
    expect(await inbox(page).locator('.who').innerText()).toBe('Signed in as Ana');
    const cookie = (await context!.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    expect((await fetch(`${url}/api/inbox`, { headers: { Cookie: cookie } })).status).toBe(200);
    await inbox(page).getByRole('button', { name: 'Sign out' }).click();
    await page.locator('cx-inbox form.signin').waitFor();
    expect((await fetch(`${url}/api/inbox`, { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it('signs in with the password, and says so when it is wrong', async () => {
    const page = await open();
    const form = page.locator('cx-inbox form.signin');
    await form.locator('#secret').fill('not the password');
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => form.locator('[role="alert"]').innerText()).toBe('That did not work: check the password or token.');
    expect(await focused(page)).toBe('input#secret');
    await signIn(page, 'password', '');
    expect(await inbox(page).locator('.who').innerText()).toBe('Signed in');
  });

  it('triages by keyboard: j and k move, a acknowledges, e resolves, and keys do nothing while typing', async () => {
    const page = await open();
    await signIn(page);
    await page.keyboard.press('j');
    await until('the first answer is current and focused', async () => (await focused(page)) === answers[0].id);
    await page.keyboard.press('a');
    await expect.poll(() => stateOf(page, answers[0].id)).toContain('Acknowledged');
    await page.keyboard.press('j');
    await until('the second answer is focused', async () => (await focused(page)) === answers[1].id);
    await page.keyboard.press('e');
    await expect.poll(() => stateOf(page, answers[1].id)).toContain('Resolved');
    await page.keyboard.press('k');
    await until('back on the first', async () => (await focused(page)) === answers[0].id);
    await page.keyboard.press('e');
    await expect.poll(() => stateOf(page, answers[0].id)).toContain('Resolved');

    // The collector has it, with who did it, and the counts follow.
    expect((await item(answers[0].id)).state).toBe('resolved');
    expect((await item(answers[1].id)).log).toMatchObject([{ action: 'state', from: 'new', to: 'resolved', by: 'Ana' }]);
    expect(await countButton(page, /^Resolved/).innerText()).toBe('Resolved (2)');
    expect(await countButton(page, /^New/).innerText()).toBe('New (10)');

    // Typing in the search box is typing.
    await inbox(page).getByLabel('Search comments').fill('jae');
    expect((await item(answers[2].id)).state).toBe('new');
    expect(await focused(page)).toBe('input#f-q');

    // The state filter shows what is left.
    await countButton(page, /^New/).click();
    await expect.poll(() => ids(page)).toEqual(answers.slice(2).map((a) => a.id));
  });

  it('changes the state of several answers at once', async () => {
    const page = await open();
    await signIn(page);
    for (const a of answers.slice(0, 3)) await itemById(page, a.id).getByRole('checkbox').check();
    const bulk = inbox(page).locator('[part="bulk"]');
    expect(await bulk.locator('span').innerText()).toBe('3 answers selected');
    await bulk.getByRole('button', { name: 'Resolve' }).click();
    await expect.poll(() => inbox(page).locator('.messages [role="status"]').innerText()).toBe('3 answers now resolved.');
    for (const a of answers.slice(0, 3)) expect((await item(a.id)).state).toBe('resolved');
    expect((await item(answers[3].id)).state).toBe('new');
    expect(await countButton(page, /^Resolved/).innerText()).toBe('Resolved (3)');
    await expect.poll(() => bulk.count()).toBe(0);

    // "Select all shown", then back to new.
    await inbox(page).getByLabel('Select all shown').check();
    await bulk.getByRole('button', { name: 'Reopen' }).click();
    await expect.poll(() => countButton(page, /^New/).innerText()).toBe('New (12)');
  });

  it('writes a reply with r, edits it, keeps the earlier text in a history, and deletes it', async () => {
    const page = await open();
    await signIn(page);
    const id = answers[0].id;
    await page.keyboard.press('j');
    await until('the first answer is focused', async () => (await focused(page)) === id);
    await page.keyboard.press('r');
    await until('the reply box has focus', async () => (await focused(page)) === 'textarea#e-0');
    // Typing r, j or a in the box is typing.
    await page.keyboard.type('Sorry about that, fixed today.');
    await itemById(page, id).getByRole('button', { name: 'Save' }).click();
    const reply = itemById(page, id).locator('[part="reply"]');
    await expect.poll(() => reply.innerText()).toContain('Sorry about that, fixed today.');
    expect(await reply.innerText()).toContain('version 1');
    expect((await item(id)).state).toBe('new');

    await itemById(page, id).getByRole('button', { name: 'Edit reply' }).click();
    const box = itemById(page, id).locator('textarea');
    expect(await box.inputValue()).toBe('Sorry about that, fixed today.');
    await box.fill('Sorry! The coupon field is fixed.');
    await itemById(page, id).getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => reply.innerText()).toContain('Sorry! The coupon field is fixed.');
    expect(await reply.innerText()).toContain('version 2');
    const history = itemById(page, id).locator('details.history');
    await history.locator('summary').click();
    expect(await history.innerText()).toContain('Sorry about that, fixed today.');
    expect(await history.innerText()).toContain('by Ana');

    // The wall shows the reply.
    const feed = await (await fetch(`${url}/api/feedback`)).json();
    expect(feed.items.find((i: { id: string }) => i.id === id).reply.text).toBe('Sorry! The coupon field is fixed.');

    await itemById(page, id).getByRole('button', { name: 'Delete reply' }).click();
    await expect.poll(() => reply.count()).toBe(0);
    expect((await item(id)).reply).toBeNull();
    expect((await item(id)).replyHistory.map((r) => r.text)).toEqual(['Sorry about that, fixed today.', 'Sorry! The coupon field is fixed.']);
  });

  it('refuses a stale edit (409) from a second tab, shows the newer reply and keeps the text typed', async () => {
    const first = await open();
    await signIn(first);
    const second = await openIn(context!);
    await items(second).first().waitFor();
    const id = answers[0].id;
    // The tab acted in comes to the front, as when a person switches tabs (a background tab paints no frames).
    const save = async (page: Page) => {
      await page.bringToFront();
      await itemById(page, id).getByRole('button', { name: 'Save' }).click();
    };

    // A reply from the first tab; both tabs load it, both start editing it.
    await first.bringToFront();
    await itemById(first, id).getByRole('button', { name: 'Reply', exact: true }).click();
    await itemById(first, id).locator('textarea').fill('First text.');
    await save(first);
    await expect.poll(() => itemById(first, id).locator('[part="reply"]').innerText()).toContain('First text.');
    await second.reload();
    await items(second).first().waitFor();
    await first.bringToFront();
    await itemById(first, id).getByRole('button', { name: 'Edit reply' }).click();
    await second.bringToFront();
    await itemById(second, id).getByRole('button', { name: 'Edit reply' }).click();

    await itemById(second, id).locator('textarea').fill('The second tab wins.');
    await save(second);
    await expect.poll(() => itemById(second, id).locator('[part="reply"]').innerText()).toContain('version 2');

    await first.bringToFront();
    await itemById(first, id).locator('textarea').fill('The first tab is late.');
    await save(first);
    await expect.poll(() => alertText(first).innerText()).toContain('Someone else changed this reply while you were editing it.');
    await expect.poll(() => itemById(first, id).locator('[part="reply"]').innerText()).toContain('The second tab wins.');
    expect(await itemById(first, id).locator('textarea').inputValue()).toBe('The first tab is late.');
    expect((await item(id)).reply).toMatchObject({ text: 'The second tab wins.', version: 2 });

    // Saving again, knowingly, replaces it.
    await save(first);
    await expect.poll(() => itemById(first, id).locator('[part="reply"]').innerText()).toContain('The first tab is late.');
    expect((await item(id)).reply).toMatchObject({ text: 'The first tab is late.', version: 3 });
  });

  it('withholds a comment with h and a reason (other needs a note), shows it in the audit log, and unhides it', async () => {
    const page = await open();
    await signIn(page);
    const id = answers[0].id;
    // Triage filters only: no control filters or withholds by score.
    expect(await inbox(page).locator('form.filters select').evaluateAll((els) => els.map((el) => (el as HTMLSelectElement).name))).toEqual([
      'touchpoint',
      'emotion',
      'effort',
      'comment',
    ]);
    expect(await inbox(page).locator('text=/withhold.*(rating|score)/i').count()).toBe(0);

    await page.keyboard.press('j');
    await until('the first answer is focused', async () => (await focused(page)) === id);
    await page.keyboard.press('h');
    const editor = itemById(page, id).locator('form.editor');
    await until('the reason choice has focus', async () => (await focused(page)) === 'input');
    await editor.getByLabel('other').check();
    await editor.getByRole('button', { name: 'Withhold comment' }).click();
    await expect.poll(() => alertText(page).innerText()).toBe('Say why in the note: it is required for “other”.');
    await editor.getByLabel('personal data').check();
    await editor.getByLabel('Note').fill('Full name and street');
    await editor.getByRole('button', { name: 'Withhold comment' }).click();
    const mark = itemById(page, id).locator('[part="withheld"]');
    await expect.poll(() => mark.innerText()).toContain('Withheld from the wall: personal data');
    // The owner still reads the comment; the wall does not.
    expect(await itemById(page, id).locator('[part="comment"]').innerText()).toBe(answers[0].comment);
    let feed = await (await fetch(`${url}/api/feedback`)).json();
    expect(feed.items.find((i: { id: string }) => i.id === id)).toMatchObject({ comment: null, withheld: 'personal-data', effort: answers[0].effort });

    await inbox(page).getByRole('button', { name: 'Audit log' }).click();
    const audit = inbox(page).locator('[part="audit"]');
    await expect.poll(() => audit.innerText()).toContain('Comment withheld: personal data (“Full name and street”)');
    expect(await audit.innerText()).toContain('Ana');

    await itemById(page, id).getByRole('button', { name: 'Show on the wall again' }).click();
    await expect.poll(() => mark.count()).toBe(0);
    feed = await (await fetch(`${url}/api/feedback`)).json();
    expect(feed.items.find((i: { id: string }) => i.id === id).comment).toBe(answers[0].comment);
    expect((await item(id)).log.map((e) => e.action)).toEqual(['withhold', 'unwithhold']);
    // The panel reloads when opened again.
    await inbox(page).getByRole('button', { name: 'Audit log' }).click();
    await inbox(page).getByRole('button', { name: 'Audit log' }).click();
    await expect.poll(() => audit.innerText()).toContain('Comment shown again (was withheld: personal data)');
  });

  it('keeps private notes, which the public feed never shows', async () => {
    const page = await open();
    await signIn(page);
    const id = answers[1].id;
    await itemById(page, id).getByRole('button', { name: 'Add note' }).click();
    await itemById(page, id).getByLabel('Private note, for the team only').fill('Called them back, coupon refunded.');
    await itemById(page, id).locator('form.editor').getByRole('button', { name: 'Add note' }).click();
    const notes = itemById(page, id).locator('[part="notes"]');
    await expect.poll(() => notes.innerText()).toContain('Called them back, coupon refunded.');
    expect(await notes.innerText()).toContain('Private note (1)');
    expect((await item(id)).notes).toMatchObject([{ text: 'Called them back, coupon refunded.', by: 'Ana' }]);
    expect(await (await fetch(`${url}/api/feedback`)).text()).not.toContain('coupon refunded');
  });

  it('filters, and exports the filtered view as CSV and NDJSON', async () => {
    const page = await open();
    await signIn(page);
    await inbox(page).getByLabel('Effort').selectOption('hard');
    await inbox(page).getByLabel('Search comments').fill('coupon ate');
    await inbox(page).getByRole('button', { name: 'Apply' }).click();
    // Hard (1-3 of 7: i = 0, 1, 2, 7, 8, 9) and "ate my code" (even i): 0, 2 and 8.
    const expected = answers.filter((a) => a.effort! <= 3 && a.comment?.includes('ate my code')).map((a) => a.id);
    await expect.poll(() => ids(page)).toEqual(expected);
    const csv = inbox(page).getByRole('link', { name: 'Export CSV' });
    const ndjson = inbox(page).getByRole('link', { name: 'Export NDJSON' });
    const href = new URL((await csv.getAttribute('href'))!, url);
    expect(href.pathname).toBe('/api/inbox/export');
    expect(Object.fromEntries(href.searchParams)).toEqual({ format: 'csv', effort: 'hard', q: 'coupon ate' });
    expect(new URL((await ndjson.getAttribute('href'))!, url).searchParams.get('format')).toBe('ndjson');

    // Followed with the session, they download exactly the filtered answers.
    const [download] = await Promise.all([page.waitForEvent('download'), ndjson.click()]);
    const path = await download.path();
    const lines = (await import('node:fs')).readFileSync(path!, 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).id).sort()).toEqual([...expected].sort());
    const got = await page.evaluate(async (href) => {
      const r = await fetch(href);
      return { status: r.status, disposition: r.headers.get('content-disposition'), text: await r.text() };
    }, href.href);
    expect(got.status).toBe(200);
    expect(got.disposition).toMatch(/attachment/);
    for (const id of expected) expect(got.text).toContain(id);
    expect(got.text).not.toContain(answers[1].id);
  });

  it('opens /admin#answer=<id>: signs in, then shows and focuses that answer, even one beyond the first page', async () => {
    const older = await seed(55, (i) => ({ createdAt: new Date(Date.now() - (60 + i) * 3_600_000).toISOString(), touchpoint: 'delivery' }));
    const target = older.at(-1)!;
    const page = await open({ hash: `#answer=${target.id}` });
    await signIn(page);
    const linked = inbox(page).locator('section.linked');
    await linked.waitFor();
    expect(await linked.locator('li.item').getAttribute('data-id')).toBe(target.id);
    await until('the linked answer is focused', async () => (await focused(page)) === target.id);
    // a acts on it.
    await page.keyboard.press('a');
    await expect.poll(async () => (await item(target.id)).state).toBe('acknowledged');

    // A new hash on the open page: an answer already in the list is focused there.
    await page.evaluate((id) => (location.hash = `#answer=${id}`), answers[4].id);
    await until('that answer is focused', async () => (await focused(page)) === answers[4].id);
    // An unknown one says so.
    await page.evaluate(() => (location.hash = '#answer=00000000-0000-4000-8000-000000000000'));
    await expect.poll(() => inbox(page).locator('[role="alert"]').filter({ hasText: 'does not exist' }).count()).toBe(1);

    // Load more reaches the older ones too.
    await inbox(page).getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => items(page).count()).toBe(67);
  });

  it('shows the sign-in form again on the next action after signing out in another tab', async () => {
    const page = await open();
    await signIn(page);
    const other = await openIn(context!);
    await items(other).first().waitFor();
    await inbox(other).getByRole('button', { name: 'Sign out' }).click();
    await other.locator('cx-inbox form.signin').waitFor();

    await page.bringToFront();
    await page.keyboard.press('j');
    await page.keyboard.press('a');
    await page.locator('cx-inbox form.signin').waitFor();
    expect(await page.locator('cx-inbox form.signin [role="alert"]').innerText()).toBe('Your session has ended. Sign in again to go on.');
    expect((await item(answers[0].id)).state).toBe('new');
    // And signing in again goes on.
    await signIn(page);
    await page.keyboard.press('j');
    await page.keyboard.press('a');
    await expect.poll(async () => (await item(answers[0].id)).state).toBe('acknowledged');
  });

  it('speaks Spanish with lang="es" and shows display names for touchpoints from touchpoint-names', async () => {
    const page = await open();
    await page.evaluate(() => {
      const el = document.querySelector('cx-inbox')!;
      el.setAttribute('lang', 'es');
      el.setAttribute('touchpoint-names', JSON.stringify({ checkout: { en: 'Checkout', es: 'Pago' } }));
    });
    const form = page.locator('cx-inbox form.signin');
    await expect.poll(() => form.locator('h2').innerText()).toBe('Inicia sesión en la bandeja');
    await form.locator('#secret').fill(PASSWORD);
    await form.getByRole('button', { name: 'Iniciar sesión' }).click();
    await items(page).first().waitFor();
    expect(await itemById(page, answers[1].id).locator('[part="touchpoint"]').innerText()).toBe('Pago');
    expect(await itemById(page, answers[0].id).locator('[part="touchpoint"]').innerText()).toBe('cart');
    expect(await countButton(page, /^Nueva/).innerText()).toBe('Nueva (12)');
  });

  it('opens the keys with ? and closes them with ?; everything is reachable by Tab', async () => {
    const page = await open();
    await signIn(page);
    await page.keyboard.press('?');
    const dialog = inbox(page).locator('dialog');
    await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    expect(await dialog.innerText()).toContain('Next / previous answer');
    await page.keyboard.press('?');
    await expect.poll(() => dialog.evaluate((d: HTMLDialogElement) => d.open)).toBe(false);

    // Tab reaches the first answer's actions with a visible focus ring.
    const seen = new Set<string>();
    for (let i = 0; i < 40 && !seen.has('Acknowledge'); i++) {
      await page.keyboard.press('Tab');
      seen.add(await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.textContent?.trim() ?? ''));
    }
    expect(seen).toContain('Acknowledge');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!.shadowRoot!.activeElement!).outlineStyle);
    expect(outline).toBe('solid');
  });

  it('fits 320 px without sideways scrolling', async () => {
    context = await newContext({ width: 320 });
    const page = await openIn(context);
    await signIn(page);
    await itemById(page, answers[0].id).getByRole('button', { name: 'Reply', exact: true }).click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });

  for (const dark of [false, true])
    it(`has no serious or critical axe violations on /admin, signed out and signed in, in the ${dark ? 'dark' : 'light'} scheme`, async () => {
      const page = await open({ dark, bypassCSP: true });
      await page.locator('cx-inbox form.signin').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await signIn(page);
      // Every part on show: a reply with history, a note, a withheld comment, an open editor, the audit log, the bulk bar.
      const id = answers[0].id;
      const auth = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
      await fetch(`${url}/api/feedback/${id}/reply`, { method: 'POST', headers: auth, body: JSON.stringify({ text: 'Thanks!', version: 0 }) });
      await fetch(`${url}/api/feedback/${id}/reply`, { method: 'POST', headers: auth, body: JSON.stringify({ text: 'Thanks, fixed.', version: 1 }) });
      await fetch(`${url}/api/feedback/${id}/notes`, { method: 'POST', headers: auth, body: JSON.stringify({ text: 'Refunded.' }) });
      await fetch(`${url}/api/feedback/${answers[1].id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ withheld: { reason: 'abusive' }, state: 'resolved' }) });
      await page.reload();
      await items(page).first().waitFor();
      await itemById(page, id).locator('details.history summary').click();
      await itemById(page, id).locator('details.log summary').click();
      await itemById(page, answers[2].id).getByRole('button', { name: 'Withhold comment' }).click();
      await itemById(page, answers[3].id).getByRole('checkbox').check();
      await inbox(page).getByRole('button', { name: 'Audit log' }).click();
      await inbox(page).locator('[part="audit"] li').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.locator('body').click({ position: { x: 1, y: 1 } });
      await page.keyboard.press('?');
      await expect.poll(() => inbox(page).locator('dialog').evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
    });
});


