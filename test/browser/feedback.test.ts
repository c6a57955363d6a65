// <cx-feedback> as a customer and a site owner meet it in real Chromium: under a strict CSP,
// with axe-core, by keyboard alone, without moving the page, loaded twice or misconfigured,
// left mid-answer, opened by the page, themed from outside, and with reduced motion.
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { launchChromium } from './lib/chromium.js';
import { faultyEndpoint } from './lib/collect.js';
import { PAGE, pageErrors, statusOf, until } from './lib/page.js';
import { serve, STRICT_CSP, type Handler, type TestServer } from './lib/server.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const FIXTURE = (name: string) => `/test/fixtures/pages/feedback-${name}.html`;
/** The site stylesheet feedback-themed.html links to (the strict CSP allows no inline styles). */
const THEME_CSS = 'cx-feedback::part(submit) { border-radius: 0; text-transform: uppercase; }';
/** A page that does not load Touchpoint: where the customer goes next. */
const ELSEWHERE = '<!doctype html><html lang="en"><title>Elsewhere</title><p>Another page, without Touchpoint.</p></html>';
const SENT = 'Sent.';

let browser: Browser;
let server: TestServer;
let endpoint: ReturnType<typeof faultyEndpoint>;
/** Every answer the endpoint received, in order. */
let received: Answer[];
let contexts: BrowserContext[];
let errors: Error[][];
/** Console errors of this test's pages. */
let consoleErrors: string[];

/** While set, the script tag's request waits for it: a slow network or CDN. */
let holdScript: Promise<void> | undefined;

const handle: Handler = async (req, res, body) => {
  if (req.url == '/dist/touchpoint.js' && holdScript) return void (await holdScript), false;
  // Chromium asks for one now and then; its 404 would be a console error the widget did not cause.
  if (req.url == '/favicon.ico') return void res.writeHead(204).end(), true;
  if (req.url == '/feedback-theme.css') return void res.writeHead(200, { 'Content-Type': 'text/css' }).end(THEME_CSS), true;
  if (req.url == '/elsewhere')
    return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': STRICT_CSP }).end(ELSEWHERE), true;
  if (req.url!.startsWith('/collect') && body) {
    const parsed = JSON.parse(body);
    received.push(...(Array.isArray(parsed.events) ? parsed.events : [parsed]));
  }
  return endpoint.handle(req, res, body);
};

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  endpoint = faultyEndpoint();
  received = [];
  contexts = [];
  errors = [];
  consoleErrors = [];
  holdScript = undefined;
  server = await serve(handle);
});
afterEach(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await server.close();
  expect(errors.flat(), 'uncaught errors in the page').toEqual([]);
});

/** A page in a fresh context (its own storage), running `init` before any page script. */
async function newPage(options: BrowserContextOptions = {}, init?: () => void): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  errors.push(pageErrors(page));
  page.on('console', (m) => m.type() == 'error' && consoleErrors.push(m.text()));
  return page;
}

async function open(path: string, options: BrowserContextOptions = {}, init?: () => void): Promise<Page> {
  const page = await newPage(options, init);
  await page.goto(server.url + path);
  return page;
}

const effortOption = (page: Page, point: number) => page.locator('cx-feedback [part~="effort-option"]').nth(point - 1);
const emotionOption = (page: Page, name: string) => page.locator('cx-feedback [part~="emotion-option"]', { hasText: name });
const submit = (page: Page) => page.locator('cx-feedback [part="submit"]');
const launcher = (page: Page) => page.locator('cx-feedback [part="launcher"]');
const dialog = (page: Page, touchpoint = '') => page.locator(`cx-feedback${touchpoint && `[touchpoint="${touchpoint}"]`} [role="dialog"]`);
/** Whether the customer sees it: the panel and the launcher stay in the shadow root, hidden, while closed or not offered. */
const visible = (locator: ReturnType<Page['locator']>) => locator.isVisible();
const css = (locator: ReturnType<Page['locator']>, property: string) =>
  locator.evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);
const sent = (page: Page) => expect.poll(() => statusOf(page), { timeout: 10_000 }).toBe(SENT);

/** Chooses a rating and an emotion, sends, and waits until the widget says the endpoint has it. */
async function answer(page: Page) {
  await effortOption(page, 6).click();
  await emotionOption(page, 'Satisfied').click();
  await submit(page).click();
  await sent(page);
}

/** The element with focus, looking through shadow roots, and its name (aria-label, else its text). */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el == document.body) return null;
    return {
      part: el.getAttribute('part'),
      role: el.getAttribute('role') ?? el.localName,
      name: el.getAttribute('aria-label') ?? el.textContent!.trim(),
      checked: el.getAttribute('aria-checked'),
      inDialog: !!el.closest('[role="dialog"]'),
      outline: getComputedStyle(el).outlineStyle,
    };
  });

describe('<cx-feedback> under a strict Content-Security-Policy', () => {
  const listen = () => {
    const w = window as unknown as { violations: string[] };
    w.violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  };
  const violations = (page: Page) => page.evaluate(() => (window as unknown as { violations: string[] }).violations);

  it('renders, styles and sends the inline widget without a single violation', async () => {
    const page = await open(PAGE, {}, listen);
    expect(await css(effortOption(page, 1), 'min-height')).toBe('44px');
    await answer(page);
    expect(await violations(page)).toEqual([]);
    // The listener does hear what the policy refuses.
    await page.evaluate(() => document.body.setAttribute('style', 'color: red'));
    await expect.poll(() => violations(page)).toEqual([expect.stringMatching(/^style-src-attr inline/)]);
  });

  it('opens the floating panel, styled as a fixed panel, without a single violation', async () => {
    const page = await open(FIXTURE('floating'), {}, listen);
    expect(await css(launcher(page), 'position')).toBe('fixed');
    await launcher(page).click();
    expect(await css(dialog(page), 'position')).toBe('fixed');
    expect(await css(effortOption(page, 1), 'min-height')).toBe('44px');
    expect(await violations(page)).toEqual([]);
  });
});

describe('<cx-feedback> accessibility (axe-core, shadow DOM included)', () => {
  const states: [string, string, (page: Page) => Promise<void>][] = [
    ['the inline widget', PAGE, async () => {}],
    ['the open floating panel', FIXTURE('floating'), (page) => launcher(page).click()],
    ['the Spanish widget', FIXTURE('es'), async (page) => void expect(await submit(page).textContent()).toBe('Enviar')],
    ['a rating and an emotion chosen', PAGE, async (page) => {
      await effortOption(page, 3).click();
      await emotionOption(page, 'Delighted').click();
    }],
    ['the status message after sending', PAGE, answer],
  ];

  for (const colorScheme of ['light', 'dark'] as const)
    it.each(states)(`has no serious or critical violations: %s, ${colorScheme}`, async (_, path, reach) => {
      // axe goes in as an inline script, which the strict policy would refuse.
      const page = await open(path, { bypassCSP: true });
      await page.emulateMedia({ colorScheme });
      await reach(page);
      await page.addScriptTag({ path: AXE });
      const { serious, audited } = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: unknown): Promise<Record<'violations' | 'passes', any[]>> } }).axe;
        const { violations, passes } = await axe.run(document);
        return {
          serious: violations
            .filter((v) => v.impact == 'serious' || v.impact == 'critical')
            .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n: { target: unknown }) => JSON.stringify(n.target)).join(', ')}`),
          // A node inside a shadow root has a target of [host selector, inner selector].
          audited: passes.flatMap((p) => p.nodes).filter((n: { target: unknown[] }) => Array.isArray(n.target[0])).length,
        };
      });
      expect(audited, 'axe checked nothing inside <cx-feedback>').toBeGreaterThan(0);
      // The fixture pages declare "light dark": the widget follows the visitor's scheme there.
      const bg = await page.locator('cx-feedback [part~="base"]').first().evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(bg).toBe(colorScheme == 'dark' ? 'rgb(18, 18, 18)' : 'rgb(255, 255, 255)');
      expect(serious, serious.join('\n')).toEqual([]);
    });

  // Screen readers announce changes to a live region they already know; one that enters the
  // accessibility tree together with its text is often read out by none of them.
  it('has its status live region in the accessibility tree before the thank-you, so the thank-you is announced', async () => {
    const page = await open(PAGE);
    const cdp = await page.context().newCDPSession(page);
    const liveRegions = async () =>
      (await cdp.send('Accessibility.getFullAXTree')).nodes.filter((n) => n.role?.value == 'status' && !n.ignored).length;
    expect(await liveRegions(), 'a status region, waiting before the answer').toBe(1);
    await effortOption(page, 5).click();
    await submit(page).click();
    await sent(page);
    expect(await liveRegions(), 'the status region, with the thank-you').toBe(1);
  });
});

describe('<cx-feedback> by keyboard alone', () => {
  it.each(['Enter', 'Space'])('answers with one tab stop per group, arrows that choose, and %s on Send', async (key) => {
    const page = await open(PAGE);
    await page.keyboard.press('Tab');
    const first = await focused(page);
    expect(first).toMatchObject({ part: 'effort-option', role: 'radio', name: '1, Very difficult', checked: 'false' });
    expect(first!.outline, 'a visible focus ring').not.toBe('none');

    await page.keyboard.press('ArrowRight');
    expect(await focused(page)).toMatchObject({ role: 'radio', name: '2, Difficult', checked: 'true' });

    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ part: 'emotion-option', role: 'radio', name: expect.stringContaining('Frustrated'), checked: 'false' });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ part: 'comment', role: 'textarea' });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ part: 'submit', name: 'Send' });

    await page.keyboard.press(key);
    // Focus lands on the thank-you, so a keyboard or screen-reader user knows where they are.
    await expect.poll(async () => (await focused(page))?.part).toBe('done');
    expect(await focused(page)).toMatchObject({ name: 'Thank you!' });
    await until('the answer arrives', () => received.length == 1);
    expect(received[0]).toMatchObject({ touchpoint: 'checkout', effort: 2, emotion: null });
  });

  it('opens the floating panel from the launcher, focuses inside it, and Escape closes it back to the launcher', async () => {
    const page = await open(FIXTURE('floating'));
    // The launcher is drawn in idle time after load; a keyboard user tabs to it once it is there.
    await launcher(page).waitFor({ state: 'visible' });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ part: 'launcher', name: 'How was it?' });
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');

    await page.keyboard.press('Enter');
    expect(await page.locator('cx-feedback [part="title"]').textContent()).toBe('Your feedback');
    expect(await dialog(page).getAttribute('aria-labelledby')).toBe(await page.locator('cx-feedback [part="title"]').getAttribute('id'));
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('true');
    await expect.poll(async () => (await focused(page))?.inDialog).toBe(true);

    await page.keyboard.press('Escape');
    await expect.poll(() => visible(dialog(page))).toBe(false);
    await expect.poll(async () => (await focused(page))?.part).toBe('launcher');
    expect(await launcher(page).getAttribute('aria-expanded')).toBe('false');
  });
});

describe('<cx-feedback> and the page around it', () => {
  type Shift = { value: number; hadRecentInput: boolean; from: string[] };
  /** Records every layout shift of the page, from its start. */
  const observeShifts = () => {
    const w = window as unknown as { shifts: Shift[] };
    w.shifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & Shift & { sources: { node?: Node }[] })[])
        w.shifts.push({ value: e.value, hadRecentInput: e.hadRecentInput, from: e.sources.map((s) => s.node?.nodeName ?? '?') });
    }).observe({ type: 'layout-shift', buffered: true });
  };
  /** The shifts recorded so far (once the frames that painted them are reported), forgotten after. */
  const takeShifts = async (page: Page) => {
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done)))));
    return page.evaluate(() => (window as unknown as { shifts: Shift[] }).shifts.splice(0));
  };
  const total = (shifts: Shift[]) => shifts.reduce((sum, s) => sum + s.value, 0);

  it('moves nothing on its own: it shrinks to the thank-you right after the click, and "Saved" becoming "Sent" moves nothing', async () => {
    const page = await open(PAGE, {}, observeShifts);
    expect(await page.evaluate(() => PerformanceObserver.supportedEntryTypes.includes('layout-shift'))).toBe(true);
    await takeShifts(page); // the page's own load: the next test's subject
    endpoint.state.fault = () => 'hang';
    const tall = await page.locator('cx-feedback').evaluate((el) => el.getBoundingClientRect().height);
    await effortOption(page, 5).click();
    await submit(page).click();
    const clickedAt = await page.evaluate(() => performance.now());
    await expect.poll(() => statusOf(page)).toBe('Saved. It will be sent.');
    const short = await page.locator('cx-feedback').evaluate((el) => el.getBoundingClientRect().height);
    expect(short, 'the done state takes only the room it needs').toBeLessThan(tall / 3);
    // Shifts within 500 ms of the customer's input follow it (Layout Instability API, hadRecentInput).
    expect((await takeShifts(page)).filter((s) => !s.hadRecentInput)).toEqual([]);
    await until('the input is no longer recent', () => page.evaluate((t) => performance.now() - t > 600, clickedAt));
    endpoint.state.held.forEach((release) => release());
    await sent(page);
    const later = await takeShifts(page);
    expect(total(later), JSON.stringify(later)).toBe(0);
    expect(await page.locator('cx-feedback').evaluate((el) => el.getBoundingClientRect().height)).toBe(short);
  });

  // Nothing of the widget runs before its script, so with `defer` a page that paints first shows
  // it at height 0. dist/touchpoint.css reserves the room from the first paint.
  it.each([
    [1280, 900],
    [360, 740],
  ])('with touchpoint.css, does not move the text below it when the script arrives after the first paint (%i px)', async (width, height) => {
    let release!: () => void;
    holdScript = new Promise((resolve) => (release = resolve));
    const page = await newPage({ viewport: { width, height } }, observeShifts);
    const loaded = page.goto(server.url + FIXTURE('reserved'));
    await until('the page has painted without the script', () =>
      page.evaluate(() => performance.getEntriesByType('paint').length > 0).catch(() => false),
    );
    const before = await page.evaluate(() => document.getElementById('after')!.getBoundingClientRect().top);
    release();
    await loaded;
    expect(await submit(page).count(), 'the widgets appeared').toBe(2);
    expect(await page.evaluate(() => document.getElementById('after')!.getBoundingClientRect().top)).toBe(before);
    const shifts = await takeShifts(page);
    expect(total(shifts), JSON.stringify(shifts)).toBe(0);
  });

  it('loaded twice, throws nothing, defines the element and the API once, and delivers an answer once', async () => {
    const page = await open(FIXTURE('twice'));
    expect(
      await page.evaluate(() => ({
        upgraded: document.querySelector('cx-feedback') instanceof customElements.get('cx-feedback')!,
        api: Object.entries((window as any).Touchpoint).filter(([, v]) => typeof v == 'function').map(([k]) => k).sort(),
      })),
    ).toEqual({ upgraded: true, api: ['CxFeedback', 'configure', 'failed', 'flush', 'forget', 'open', 'pending', 'retryFailed'] });
    await answer(page);
    expect(received).toHaveLength(1);
    expect(endpoint.state.duplicates).toBe(0);
  });

  it('without an endpoint, shows nothing and logs one console error naming the attribute', async () => {
    const page = await open(FIXTURE('no-endpoint'));
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll('cx-feedback')].map((el) => ({ children: el.shadowRoot?.querySelector('*') ?? null, height: el.getBoundingClientRect().height })),
    );
    expect(shown).toEqual([{ children: null, height: 0 }, { children: null, height: 0 }]);
    expect(consoleErrors).toEqual([expect.stringContaining('needs its endpoint attribute')]);
  });
});

describe('<cx-feedback> partial answers', () => {
  it('sends a rating chosen without pressing Send when the customer navigates away', async () => {
    const page = await open(PAGE);
    await effortOption(page, 3).click();
    await page.goto(server.url + '/elsewhere');
    await until('the partial answer arrives', () => received.length > 0);
    expect(received[0]).toMatchObject({ touchpoint: 'checkout', effort: 3, effortScale: 7, emotion: null, comment: null });
  });
});

describe('<cx-feedback> opened by the page', () => {
  it('opens on its open-on window event, and Touchpoint.open() opens one never offered (sample="0")', async () => {
    const page = await open(FIXTURE('open-on'));
    expect(await visible(dialog(page, 'order'))).toBe(false);
    await page.evaluate(() => dispatchEvent(new Event('order-complete')));
    await expect.poll(() => visible(dialog(page, 'order'))).toBe(true);

    const never = page.locator('cx-feedback[touchpoint="its-touchpoint"]');
    expect(await visible(never.locator('[part="launcher"]')), 'sample="0" offers no launcher').toBe(false);
    expect(await visible(dialog(page, 'its-touchpoint'))).toBe(false);
    expect(await page.evaluate(() => (window as any).Touchpoint.open('its-touchpoint'))).toBe(true);
    await expect.poll(() => visible(dialog(page, 'its-touchpoint'))).toBe(true);
  });
});

describe('<cx-feedback> theming from the page', () => {
  it('colours the chosen rating with --cx-accent set on the host', async () => {
    const page = await open(PAGE);
    await effortOption(page, 4).click();
    expect(await css(effortOption(page, 4), 'background-color')).toBe('rgb(11, 87, 208)');
    await page.evaluate(() => document.querySelector<HTMLElement>('cx-feedback')!.style.setProperty('--cx-accent', 'rgb(122, 31, 92)'));
    expect(await css(effortOption(page, 4), 'background-color')).toBe('rgb(122, 31, 92)');
    expect(await css(effortOption(page, 3), 'background-color'), 'an unchosen point keeps the background').not.toBe('rgb(122, 31, 92)');
  });

  it('applies ::part(submit) rules from the page stylesheet', async () => {
    const page = await open(FIXTURE('themed'));
    expect(await css(submit(page), 'border-radius')).toBe('0px');
    expect(await css(submit(page), 'text-transform')).toBe('uppercase');
  });
});

describe('<cx-feedback> with prefers-reduced-motion: reduce', () => {
  it('opens the floating panel without any animation or transition', async () => {
    const page = await open(FIXTURE('floating'));
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await launcher(page).click();
    const seen = await page.evaluate(async () => {
      const root = document.querySelector('cx-feedback')!.shadowRoot!;
      const names = new Set<string>();
      for (let frame = 0; frame < 3; frame++) {
        for (const a of root.getAnimations()) names.add((a as CSSAnimation).animationName ?? (a as CSSTransition).transitionProperty ?? a.id);
        await new Promise(requestAnimationFrame);
      }
      return { reduced: matchMedia('(prefers-reduced-motion: reduce)').matches, open: !!root.querySelector('[role="dialog"]'), animations: [...names] };
    });
    expect(seen).toEqual({ reduced: true, open: true, animations: [] });
  });
});
