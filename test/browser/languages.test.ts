// Languages beyond the built-in English and Spanish, in real Chromium: a locale script before or
// after the elements, one that is missing (English, and one warning naming the file), the
// answer's lang, Arabic right to left in all three elements (with screenshots to look at), and
// <cx-status>'s own words in French, German and Arabic from the same locale scripts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import { makeAnswer } from '../fixtures/answers.js';
import { launchChromium } from './lib/chromium.js';
import { faultyEndpoint } from './lib/collect.js';
import { pageErrors, until } from './lib/page.js';
import { ROOT, serve, type TestServer } from './lib/server.js';

const SHOTS = join(ROOT, 'screenshots');
/** A major notice begun an hour ago, updated 12 minutes ago, ending tomorrow: its title and text in French and English only. */
const notices = () => {
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  return [
    {
      id: 'n-froid',
      severity: 'major',
      title: { fr: 'Livraisons retardées par le froid', en: 'Deliveries delayed by the cold' },
      body: { fr: 'Les routes sont fermées dans le nord.', en: 'Roads are closed in the north.' },
      link: 'https://status.example.com/froid',
      touchpoints: ['livraison'],
      startsAt: ago(60),
      endsAt: ago(-24 * 60),
      updates: [{ at: ago(12), body: { fr: 'Reprise partielle.', en: 'Partly running again.' } }],
      resolvedAt: null,
    },
  ];
};
const ANSWERS = [
  makeAnswer({ touchpoint: 'delivery', effort: 2, emotion: 'frustrated', comment: 'تأخر الطلب يومين.', lang: 'ar', createdAt: '2026-11-22T10:00:00.000Z' }),
  makeAnswer({ touchpoint: 'checkout', effort: 6, emotion: 'satisfied', comment: null, lang: 'ar', createdAt: '2026-11-21T10:00:00.000Z' }),
];

let browser: Browser;
let server: TestServer;
let endpoint: ReturnType<typeof faultyEndpoint>;
let errors: Error[];
let warnings: string[];
const pages = new Map<string, string>();

const host = (path: string, { lang, head = '', body }: { lang: string; head?: string; body: string }) => {
  pages.set(path, `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${head}</head><body>${body}</body></html>`);
  return path;
};
const script = (src: string, attrs = '') => `<script src="/dist/${src}"${attrs}></script>`;

beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  endpoint = faultyEndpoint();
  errors = [];
  warnings = [];
  server = await serve((req, res, body) => {
    const path = new URL(req.url!, 'http://x').pathname;
    const html = pages.get(path);
    if (html) return void res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html), true;
    if (path == '/answers.json') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(ANSWERS)), true;
    if (path == '/notices.json') return void res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ notices: notices() })), true;
    if (path == '/favicon.ico') return void res.writeHead(204).end(), true;
    return endpoint.handle(req, res, body);
  });
});
afterEach(async () => {
  await server.close();
  expect(errors, 'uncaught errors in the page').toEqual([]);
});

async function open(path: string, width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  pageErrors(page, errors);
  page.on('console', (m) => m.type() == 'warning' && warnings.push(m.text()));
  await page.goto(server.url + path);
  return page;
}
const question = (page: Page) => page.locator('cx-feedback [part~="question"]').first();
const answerGiven = async (page: Page): Promise<Answer> => {
  await page.locator('cx-feedback [part~="effort-option"]').nth(4).click();
  await page.locator('cx-feedback [part~="submit"]').first().click();
  await until('the answer arrived', () => endpoint.state.bodies.length > 0);
  return endpoint.state.bodies[0];
};

describe('a language from its locale script', () => {
  it('speaks French with fr.js loaded before the element, and the answer says fr', async () => {
    const page = await open(host('/fr', { lang: 'fr', head: script('touchpoint.js') + script('locales/fr.js'), body: '<cx-feedback endpoint="/collect" touchpoint="commande" cooldown-days="0"></cx-feedback>' }));
    await expect.poll(() => question(page).textContent()).toBe('Était-ce facile\u202f?'); // a narrow no-break space before "?", as French sets it
    expect((await answerGiven(page)).lang).toBe('fr');
    expect(warnings).toEqual([]);
    await page.close();
  });

  it('switches to German when de.js arrives after the element has rendered in English', async () => {
    const page = await open(host('/de-late', { lang: 'de', head: script('touchpoint.js') + script('locales/de.js', ' defer'), body: '<cx-feedback endpoint="/collect" touchpoint="kasse" cooldown-days="0"></cx-feedback>' }));
    await expect.poll(() => question(page).textContent()).toBe('Wie einfach war es?');
    expect(await page.locator('cx-feedback [part~="submit"]').textContent()).not.toBe('Send');
    expect(warnings).toEqual([]);
    await page.close();
  });

  it('speaks English where the locale script is missing, says once which file to add, and the answer says en', async () => {
    const page = await open(host('/it-missing', { lang: 'it', head: script('touchpoint.js'), body: '<cx-feedback endpoint="/collect" touchpoint="cassa" cooldown-days="0"></cx-feedback><cx-feedback endpoint="/collect" touchpoint="spedizione" cooldown-days="0"></cx-feedback>' }));
    expect(await question(page).textContent()).toBe('How easy was it?');
    await until('the page has loaded', () => page.evaluate(() => document.readyState == 'complete'));
    await expect.poll(() => warnings.filter((w) => w.includes('locales/it.js'))).toHaveLength(1);
    expect((await answerGiven(page)).lang).toBe('en');
    await page.close();
  });
});

describe('Arabic, right to left, in all three elements', () => {
  const ALL = script('touchpoint.js') + script('wall.js') + script('journey.js') + script('locales/ar.js');
  const ELEMENTS =
    '<main style="max-width:48rem;margin:auto;padding:1rem;display:grid;gap:1rem">' +
    '<cx-feedback endpoint="/collect" touchpoint="delivery" cooldown-days="0"></cx-feedback>' +
    '<cx-wall source="/answers.json"></cx-wall>' +
    '<cx-journey source="/answers.json" since="all"></cx-journey></main>';

  for (const width of [390, 1280])
    it(`lays out every element right to left at ${width} px, in Arabic, and shows it`, async () => {
      const page = await open(host(`/ar-${width}`, { lang: 'ar', head: ALL, body: ELEMENTS }), width);
      await expect.poll(() => page.locator('cx-wall [part~="item"]').count()).toBe(2);
      await expect.poll(() => page.locator('cx-journey [part~="station"]').count()).toBeGreaterThan(0);
      const directions = await page.evaluate(() =>
        ['cx-feedback', 'cx-wall', 'cx-journey'].map((tag) => {
          const base = document.querySelector(tag)!.shadowRoot!.querySelector('[part~="base"]')!;
          return [tag, base.getAttribute('lang'), base.getAttribute('dir'), getComputedStyle(base).direction];
        }),
      );
      expect(directions).toEqual(['cx-feedback', 'cx-wall', 'cx-journey'].map((tag) => [tag, 'ar', 'rtl', 'rtl']));
      // The scale reads from the right: point 1 is the rightmost.
      const [one, seven] = await page.locator('cx-feedback [part~="effort-option"]').evaluateAll((els) => [els[0].getBoundingClientRect().left, els[6].getBoundingClientRect().left]);
      expect(one).toBeGreaterThan(seven);
      expect(await page.locator('cx-wall [part~="title"]').textContent()).toBe('ما قاله لنا العملاء');
      await page.screenshot({ path: join(SHOTS, `arabic-${width}.png`), fullPage: true });
      await page.close();
    });

  it('moves through the effort scale with the arrow that points the way it reads', async () => {
    const page = await open(host('/ar-keys', { lang: 'ar', head: ALL, body: ELEMENTS }));
    await page.locator('cx-feedback [part~="effort-option"]').first().focus();
    await page.keyboard.press('ArrowLeft');
    expect(await page.locator('cx-feedback [part~="effort-option"][aria-checked="true"]').textContent()).toBe('2');
    await page.close();
  });
});

describe("<cx-status>'s own words from the locale scripts", () => {
  const banner = (page: Page) =>
    page.evaluate(() => {
      const root = document.querySelector('cx-status')!.shadowRoot!;
      const text = (part: string) => root.querySelector(`[part~="${part}"]`)?.textContent ?? null;
      const base = root.querySelector('[lang]')!;
      return {
        lang: base.getAttribute('lang'),
        dir: base.getAttribute('dir'),
        severity: text('severity'),
        title: text('title'),
        meta: text('meta'),
        link: text('link'),
        dismiss: root.querySelector('[part~="dismiss"]')!.getAttribute('aria-label'),
      };
    });
  const STATUS = '<cx-status source="/notices.json" touchpoint="livraison"></cx-status>';

  it('speaks French with fr.js: severity, "updated … ago", the planned end, the link and the dismiss button, and warns of nothing', async () => {
    const page = await open(host('/status-fr', { lang: 'fr', head: script('status.js') + script('locales/fr.js', ' defer'), body: STATUS }));
    await expect.poll(() => page.locator('cx-status [part~="severity"]').textContent()).toBe('Perturbation majeure');
    const b = await banner(page);
    expect(b).toMatchObject({ lang: 'fr', dir: 'ltr', title: 'Livraisons retardées par le froid', link: 'En savoir plus', dismiss: 'Fermer\u00a0: Livraisons retardées par le froid' });
    // Intl's French relative time inside the locale's own words.
    expect(b.meta).toMatch(/^Mis à jour il y a 12\sminutes · Fin prévue\u00a0: /);
    expect(warnings).toEqual([]);
    await page.close();
  });

  it('speaks German with de.js, the notice in the first language written (French) where the owner wrote no German', async () => {
    const page = await open(host('/status-de', { lang: 'de', head: script('status.js') + script('locales/de.js', ' defer'), body: STATUS }));
    await expect.poll(() => page.locator('cx-status [part~="severity"]').textContent()).toBe('Schwere Störung');
    const b = await banner(page);
    expect(b).toMatchObject({ lang: 'de', title: 'Livraisons retardées par le froid', link: 'Weitere Informationen', dismiss: 'Schließen: Livraisons retardées par le froid' });
    expect(b.meta).toMatch(/^Aktualisiert vor 12\sMinuten · Bis /);
    expect(warnings).toEqual([]);
    await page.close();
  });

  it('speaks Arabic right to left with ar.js', async () => {
    const page = await open(host('/status-ar', { lang: 'ar', head: script('status.js') + script('locales/ar.js', ' defer'), body: STATUS }));
    await expect.poll(() => page.locator('cx-status [part~="severity"]').textContent()).toBe('اضطراب كبير');
    const b = await banner(page);
    expect(b).toMatchObject({ lang: 'ar', dir: 'rtl', link: 'مزيد من المعلومات' });
    expect(b.meta).toMatch(/^آخر تحديث قبل /);
    expect(warnings).toEqual([]);
    await page.close();
  });

  it('speaks English where the locale script is missing, and says once which file to add', async () => {
    const page = await open(host('/status-nl-missing', { lang: 'nl', head: script('status.js'), body: STATUS }));
    await expect.poll(() => page.locator('cx-status [part~="severity"]').textContent()).toBe('Major disruption');
    await expect.poll(() => warnings.filter((w) => w.includes('locales/nl.js'))).toHaveLength(1);
    await page.close();
  });
});
