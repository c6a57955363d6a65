// The owner's cookie in real Chromium: a page of another origin (the same site, another port) and
// a page of another site (localhost against 127.0.0.1) try to act on an answer with it, by fetch
// and by a plain HTML form; nothing changes. And a session idle for 12 hours ends: the next action
// on /admin brings back the sign-in form and changes nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InboxItem } from '../../src/core/inbox.js';
import { createCollector, type Collector } from '../../src/server/collector.js';
import { makeAnswer } from '../fixtures/answers.js';
import { submitTokenSignIn } from './lib/admin.js';
import { launchChromium } from './lib/chromium.js';
import { ROOT } from './lib/server.js';

const TOKEN = 'owner-security-token-0123456789';
let browser: Browser;
let dir: string;
let collector: Collector;
let url: string;
let context: BrowserContext;
let offset = 0;
const answer = makeAnswer({ effort: 1, emotion: 'frustrated', comment: 'Late again.' });

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());
beforeEach(async () => {
  offset = 0;
  dir = mkdtempSync(join(tmpdir(), 'touchpoint-owner-'));
  collector = createCollector({ dbPath: join(dir, 'touchpoint.db'), dist: join(ROOT, 'dist'), adminToken: TOKEN, rateLimit: 100_000, log: () => {}, now: () => Date.now() + offset });
  url = await collector.listen();
  await fetch(`${url}/api/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(answer) });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});
afterEach(async () => {
  await context?.close();
  await collector.close();
  rmSync(dir, { recursive: true, force: true });
});

async function signedIn(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/admin`);
  await submitTokenSignIn(page, TOKEN);
  await page.locator('cx-inbox li.item').first().waitFor();
  return page;
}

const stored = async (): Promise<InboxItem> => (await fetch(`${url}/api/inbox/${answer.id}`, { headers: { Authorization: `Bearer ${TOKEN}` } })).json();

/** A page server standing for an attacker's site; `host` picks the origin the browser sees. */
async function attacker(html: string): Promise<{ server: Server; port: number }> {
  const server = createServer((_, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, port: (server.address() as AddressInfo).port };
}

describe("the owner's cookie on a hostile page", () => {
  it.each([
    ['another origin of the same site', '127.0.0.1'],
    ['another site', 'localhost'],
  ])('cannot act from %s, by fetch or by form', async (_, host) => {
    await signedIn();
    const target = `${url}/api/feedback/${answer.id}`;
    const evil = await attacker(`<!doctype html><title>Win a prize</title>
      <form id="f" method="post" action="${target}/reply" enctype="text/plain"><input name='{"text":"forged","x":"' value='"}'></form>
      <script>
        window.results = Promise.all([
          fetch(${JSON.stringify(target)}, { method: 'PATCH', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{"state":"resolved"}' }).then((r) => 'status ' + r.status, (e) => 'refused: ' + e.name),
          fetch(${JSON.stringify(`${target}/reply`)}, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'Content-Type': 'text/plain' }, body: '{"text":"forged"}' }).then((r) => 'opaque ' + r.type, (e) => 'refused: ' + e.name),
        ]);
      </script>`);
    try {
      const page = await context.newPage();
      await page.goto(`http://${host}:${evil.port}/`);
      const results = await page.evaluate(() => (window as unknown as { results: Promise<string[]> }).results);
      // The PATCH needs a preflight the collector does not grant; the simple POST goes out and is refused.
      expect(results[0]).toBe('refused: TypeError');
      expect(results[1]).toBe('opaque opaque');
      const response = page.waitForResponse((r) => r.url() === `${target}/reply`);
      await page.locator('#f').evaluate((f: HTMLFormElement) => f.submit());
      expect([401, 403]).toContain((await response).status());
      const now = await stored();
      expect(now.state).toBe('new');
      expect(now.reply).toBeNull();
      expect(now.log).toEqual([]);
    } finally {
      evil.server.close();
    }
  });
});

describe('a session idle for 12 hours', () => {
  it('ends: the next action shows the sign-in form again and changes nothing', async () => {
    const page = await signedIn();
    offset = 12 * 3_600_000 + 60_000;
    await page.locator('cx-inbox li.item').first().click();
    await page.keyboard.press('a');
    await page.locator('cx-inbox form.signin').waitFor();
    await page.locator('cx-inbox').getByText('Your session has ended').waitFor();
    expect((await stored()).state).toBe('new');
  });
});
