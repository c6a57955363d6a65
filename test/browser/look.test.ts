// How <cx-feedback> looks on hosts we did not build: whole words at every width and language,
// faces drawn the same everywhere, the host page's colour scheme rather than the OS's alone,
// readable text and tappable targets whatever the host's root font size, its own direction on a
// right-to-left page, the chosen option marked in forced colours, an aligned floating header.
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from './lib/chromium.js';
import { pageErrors } from './lib/page.js';
import { serve, type TestServer } from './lib/server.js';

let browser: Browser;
let server: TestServer;
let errors: Error[];
const pages = new Map<string, string>();

/** A host page around one widget; `css` is the host's own stylesheet, `htmlAttrs` its <html> attributes. */
function host(path: string, { widget = '', lang = 'en', css = '', head = '', htmlAttrs = '', charset = 'utf-8' } = {}): string {
  pages.set(
    path,
    `<!doctype html><html lang="${lang}" ${htmlAttrs}><head><meta charset="${charset}"><meta name="viewport" content="width=device-width, initial-scale=1">${head}<style>${css}</style><script src="/dist/touchpoint.js"></script></head>
<body><h1>Host</h1><p>Some text of the host page.</p>${widget}<p>More text.</p></body></html>`,
  );
  return path;
}
const WIDGET = (attrs = '') => `<cx-feedback endpoint="/collect" touchpoint="t" cooldown-days="0" ${attrs}></cx-feedback>`;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  errors = [];
  server = await serve((req, res) => {
    const html = pages.get(new URL(req.url!, 'http://x').pathname);
    // No charset in the header: each page's <meta charset> decides, as on many hosts.
    if (html) return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(html), true;
    if (req.url!.startsWith('/collect')) return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}'), true;
    if (req.url == '/favicon.ico') return void res.writeHead(204).end(), true;
  });
});
afterEach(async () => {
  await server.close();
  expect(errors, 'uncaught errors in the page').toEqual([]);
});

async function open(path: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  pageErrors(page, errors);
  await page.goto(server.url + path);
  await page.waitForFunction(() => document.querySelector('cx-feedback')?.shadowRoot?.childElementCount);
  return page;
}
const close = (page: Page) => page.context().close();
const part = (page: Page, name: string) => page.locator(`cx-feedback [part~="${name}"]`);

/** Every word of text the widget shows that the browser broke across lines, and every box its text overflows. */
const brokenWords = (page: Page) =>
  page.evaluate(() => {
    const found: string[] = [];
    const root = document.querySelector('cx-feedback')!.shadowRoot!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const parent = node.parentElement!;
      if (!parent.getClientRects().length || getComputedStyle(parent).visibility == 'hidden') continue;
      for (const word of node.data.matchAll(/\S+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index!);
        range.setEnd(node, word.index! + word[0].length);
        if (new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1) found.push(`broken: ${word[0]}`);
      }
      if (parent.scrollWidth > parent.clientWidth + 1 && getComputedStyle(parent).display != 'inline') found.push(`overflows: ${parent.textContent}`);
    }
    return found;
  });

describe('whole words', () => {
  // 640 px is a 1280 px screen at 200% zoom.
  for (const width of [320, 390, 640, 1280])
    for (const lang of ['en', 'es'])
      it(`breaks no label inside a word at ${width} px in ${lang}, inline and in the floating panel`, async () => {
        const page = await open(host(`/words-${lang}`, { lang, widget: WIDGET() + WIDGET('mode="floating"').replace('touchpoint="t"', 'touchpoint="f"') }), { viewport: { width, height: 900 } });
        await part(page, 'effort-option').nth(2).click();
        expect(await brokenWords(page)).toEqual([]);
        await page.evaluate(() => document.querySelector('cx-feedback')!.remove());
        await page.waitForFunction(() => document.querySelector('cx-feedback')?.shadowRoot?.querySelector('[part~="launcher"]'));
        await part(page, 'launcher').click();
        expect(await brokenWords(page)).toEqual([]);
        await close(page);
      });
});

describe('faces', () => {
  it('are drawn as SVG, one per emotion, with no emoji, named for screen readers', async () => {
    const page = await open(host('/faces', { widget: WIDGET() }));
    const faces = await part(page, 'emotion-option').evaluateAll((options) =>
      options.map((o) => ({ svg: !!o.querySelector('svg path'), emoji: /\p{Extended_Pictographic}/u.test(o.textContent!), name: o.getAttribute('aria-label') })),
    );
    expect(faces).toEqual(['Frustrated', 'Disappointed', 'Indifferent', 'Satisfied', 'Delighted'].map((name) => ({ svg: true, emoji: false, name })));
    // One shape, five mouths: every face differs.
    const mouths = await page.locator('cx-feedback [part~="emotion-option"] path').evaluateAll((paths) => paths.map((p) => p.getAttribute('d')));
    expect(new Set(mouths).size).toBe(5);
    await close(page);
  });

  it('mark the chosen option by more than font weight in forced-colours mode', async () => {
    const page = await open(host('/forced', { widget: WIDGET() }), { forcedColors: 'active' });
    await part(page, 'emotion-option').nth(3).click();
    const look = (i: number) => part(page, 'emotion-option').nth(i).evaluate((el) => ({ bg: getComputedStyle(el).backgroundColor, fg: getComputedStyle(el).color }));
    const [chosen, other] = [await look(3), await look(1)];
    expect(chosen.bg).not.toBe(other.bg);
    expect(chosen.fg).not.toBe(other.fg);
    await close(page);
  });
});

describe('colour scheme', () => {
  const background = (page: Page) => part(page, 'base').first().evaluate((el) => getComputedStyle(el).backgroundColor);
  const WHITE = 'rgb(255, 255, 255)';
  const DARK = 'rgb(18, 18, 18)';

  it.each([
    ['a light page (it declares no color-scheme) stays light for a visitor whose OS is dark', '', '', 'dark', WHITE],
    ['a page that supports dark (meta color-scheme) follows a dark OS', '<meta name="color-scheme" content="light dark">', '', 'dark', DARK],
    ['a page that supports dark (CSS color-scheme) stays light for a light OS', '', 'html { color-scheme: light dark }', 'light', WHITE],
    ['theme="dark" forces dark on a light page', '', '', 'light', DARK, 'theme="dark"'],
    ['theme="light" forces light on a dark page', '<meta name="color-scheme" content="dark">', '', 'dark', WHITE, 'theme="light"'],
  ] as const)('%s', async (_, head, css, colorScheme, expected, attrs = '') => {
    const page = await open(host(`/scheme-${expected.length}-${attrs.length}-${head.length}-${css.length}`, { head, css, widget: WIDGET(attrs) }), { colorScheme });
    expect(await background(page)).toBe(expected);
    await close(page);
  });

  it('lets every custom property override both schemes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await open(host('/custom', { head: '<meta name="color-scheme" content="light dark">', css: 'cx-feedback { --cx-bg: rgb(1, 2, 3); --cx-accent: rgb(200, 100, 0); --cx-muted: rgb(9, 9, 9) }', widget: WIDGET() }), { colorScheme });
      await part(page, 'effort-option').nth(1).click();
      expect(await background(page)).toBe('rgb(1, 2, 3)');
      expect(await part(page, 'effort-option').nth(1).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(200, 100, 0)');
      expect(await page.locator('cx-feedback .ends .muted').first().evaluate((el) => getComputedStyle(el).color)).toBe('rgb(9, 9, 9)');
      await close(page);
    }
  });

  it('warns once about a theme it does not know, and follows the page', async () => {
    const page = await browser.newPage();
    pageErrors(page, errors);
    const warnings: string[] = [];
    page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()));
    await page.goto(server.url + host('/bad-theme', { widget: WIDGET('theme="night"') + WIDGET('theme="night"') }));
    await page.waitForFunction(() => document.querySelector('cx-feedback')?.shadowRoot?.childElementCount);
    expect(warnings).toEqual([expect.stringContaining('theme="night"')]);
    await page.close();
  });
});

describe('the host page around it', () => {
  const measure = (page: Page) =>
    page.evaluate(() => {
      const root = document.querySelector('cx-feedback')!.shadowRoot!;
      const texts = [...root.querySelectorAll('*')].filter((el) => [...el.childNodes].some((n) => n.nodeType == 3 && n.textContent!.trim()));
      const targets = [...root.querySelectorAll('button, textarea')].map((el) => el.getBoundingClientRect());
      return {
        smallestText: Math.min(...texts.map((el) => parseFloat(getComputedStyle(el).fontSize))),
        smallestTarget: Math.min(...targets.map((r) => Math.min(r.width, r.height))),
      };
    });

  it('keeps text at 14 px or more and targets at 24 × 24 px or more when the host sets html { font-size: 8px }', async () => {
    for (const width of [320, 1280]) {
      const page = await open(host('/tiny-root', { css: 'html { font-size: 8px }', widget: WIDGET() }), { viewport: { width, height: 900 } });
      const { smallestText, smallestTarget } = await measure(page);
      expect(smallestText).toBeGreaterThanOrEqual(14);
      expect(smallestTarget).toBeGreaterThanOrEqual(24);
      await close(page);
    }
  });

  it('grows with --cx-font-size, and never goes below 14 px with it either', async () => {
    let page = await open(host('/big', { css: 'cx-feedback { --cx-font-size: 20px }', widget: WIDGET() }));
    expect(await part(page, 'question').first().evaluate((el) => getComputedStyle(el).fontSize)).toBe('20px');
    await close(page);
    page = await open(host('/small', { css: 'cx-feedback { --cx-font-size: 10px }', widget: WIDGET() }));
    expect((await measure(page)).smallestText).toBeGreaterThanOrEqual(14);
    await close(page);
  });

  it('sets its own direction from its language on a right-to-left page', async () => {
    const page = await open(host('/rtl', { htmlAttrs: 'dir="rtl"', widget: WIDGET() }));
    const question = part(page, 'question').first();
    expect(await question.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    // "How easy was it?" reads left to right: its question mark is its rightmost glyph.
    expect(await question.evaluate((el) => el.textContent)).toBe('How easy was it?');
    const [first, last] = await part(page, 'effort-option').evaluateAll((els) => [els[0].getBoundingClientRect().left, els[els.length - 1].getBoundingClientRect().left]);
    expect(first).toBeLessThan(last);
    await close(page);
  });

  it('speaks Spanish correctly on a windows-1252 page whose server sends the script without a charset', async () => {
    const page = await open(host('/legacy', { lang: 'es', charset: 'windows-1252', widget: WIDGET() }));
    expect(await page.evaluate(() => document.characterSet)).toBe('windows-1252');
    expect(await part(page, 'question').first().textContent()).toBe('¿Qué tan fácil te resultó?');
    expect(await part(page, 'emotion-option').nth(2).getAttribute('aria-label')).toBe('Indiferencia');
    await close(page);
  });

  it('aligns the floating panel title and its close button', async () => {
    const page = await open(host('/panel', { widget: WIDGET('mode="floating"') }));
    await part(page, 'launcher').click();
    const [title, closeButton] = await Promise.all([part(page, 'title').boundingBox(), part(page, 'close').boundingBox()]);
    expect(Math.abs(title!.y + title!.height / 2 - (closeButton!.y + closeButton!.height / 2))).toBeLessThan(1);
    expect(closeButton!.width).toBeGreaterThanOrEqual(24);
    await close(page);
  });
});
