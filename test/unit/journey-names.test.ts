import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../src/journey/element.js';
import { CSV_HEADER, journeyCsv } from '../../src/journey/csv.js';
import { stationsOf } from '../../src/journey/stations.js';
import { summarize } from '../../src/core/summary.js';
import { collectorSummary, RANKED_JOURNEY, rankedAnswers, shopAnswers } from '../fixtures/journey/shop.js';

// <cx-journey> with display names per language (the collector's summary and the touchpoint-names attribute) and links to the owner's inbox.

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const NAMES = { cart: { en: 'Cart', es: 'Carrito' }, checkout: { en: 'Checkout', es: 'Pago' }, delivery: { en: 'Delivery' } };

let shop = shopAnswers();

function server(names: unknown = NAMES) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      const url = new URL(input);
      if (url.pathname === '/api/summary') return json({ ...collectorSummary(shop, url), names });
      if (url.pathname === '/api/ranked') return json({ ...collectorSummary(rankedAnswers(), url), names });
      if (url.pathname === '/answers.json') return json(shop);
      return json({ error: 'not found' }, 404);
    }),
  );
}

async function mount(attrs: Record<string, string>) {
  const el = document.createElement('cx-journey');
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  const loaded = new Promise((resolve) => el.addEventListener('cx-load', resolve, { once: true }));
  document.body.append(el);
  await loaded;
  await Promise.resolve();
  return { el, root: el.shadowRoot! };
}

/** Waits for the microtask that renders after an attribute change. */
const rendered = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const names = (root: ShadowRoot) => [...root.querySelectorAll('.station h4')].map(text);
const rowNames = (root: ShadowRoot) => [...root.querySelectorAll('tbody th')].map(text);

beforeEach(() => {
  shop = shopAnswers();
  server();
});
afterEach(() => {
  document.body.replaceChildren();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('<cx-journey> touchpoint names', () => {
  it('names the stations, the table rows and where to act first in the element’s language', async () => {
    const { el, root } = await mount({ source: 'http://cx.test/api/ranked', touchpoints: RANKED_JOURNEY, lang: 'es' });
    expect(names(root)).toEqual(['home', 'Carrito', 'Pago', 'Delivery', 'support']);
    expect(rowNames(root)).toEqual(['home', 'Carrito', 'Pago', 'Delivery', 'support']);
    const ranking = [...root.querySelectorAll('.ranking li')];
    expect(ranking.map((li) => li.getAttribute('data-touchpoint'))).toEqual(['cart', 'delivery', 'checkout']);
    expect(text(ranking[0])).toMatch(/^Carrito/);
    expect(text(ranking[2])).toMatch(/^Pago/);
    expect(text(root.querySelector('.undecided'))).toContain('support');

    el.setAttribute('lang', 'en');
    await rendered();
    expect(names(root)).toEqual(['home', 'Cart', 'Checkout', 'Delivery', 'support']);
  });

  it('takes the attribute’s names over the collector’s, language by language, and sorts the table by name', async () => {
    const { el, root } = await mount({
      source: 'http://cx.test/api/ranked',
      touchpoints: RANKED_JOURNEY,
      lang: 'en',
      'touchpoint-names': JSON.stringify({ home: { en: 'Zoo home' }, cart: { es: 'Cesta' } }),
    });
    expect(names(root)).toEqual(['Zoo home', 'Cart', 'Checkout', 'Delivery', 'support']);
    el.setAttribute('lang', 'es');
    await rendered();
    expect(names(root)).toEqual(['Zoo home', 'Cesta', 'Pago', 'Delivery', 'support']);
    root.querySelector<HTMLButtonElement>('thead .sort')!.click();
    await rendered();
    expect(rowNames(root)).toEqual(['Cesta', 'Delivery', 'Pago', 'support', 'Zoo home']);
  });

  it('names touchpoints of raw answers from the attribute alone, and ignores invalid JSON with one warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { el, root } = await mount({ source: 'http://cx.test/answers.json', lang: 'en', 'touchpoint-names': '{"cart": "Cart"' });
    expect(names(root)).toContain('cart');
    el.setAttribute('touchpoints', 'home cart');
    await rendered();
    expect(warn.mock.calls.filter(([m]) => String(m).includes('touchpoint-names'))).toHaveLength(1);
    el.setAttribute('touchpoint-names', '{"cart": {"en": "Cart"}}');
    await rendered();
    expect(names(root).slice(0, 2)).toEqual(['home', 'Cart']);
  });

  it('writes the CSV with ids and a name column, the names guarded like any text', () => {
    const s = summarize(shopAnswers());
    const csv = journeyCsv(stationsOf(s, null, ['cart', 'home']), (id) => (id === 'cart' ? '=Cart, "basket"' : id));
    const [head, cart, home] = csv.split('\r\n');
    expect(head.split(',').slice(0, 3)).toEqual(['touchpoint', 'name', 'stage']);
    expect(CSV_HEADER[1]).toBe('name');
    expect(cart.startsWith(`cart,"'=Cart, ""basket""",during,`)).toBe(true);
    expect(home.startsWith('home,home,during,')).toBe(true);
  });
});

describe('<cx-journey> links to the owner’s inbox', () => {
  const open = async (root: ShadowRoot, touchpoint: string) => {
    const station = [...root.querySelectorAll('.station')].find((s) => text(s.querySelector('h4')).startsWith(touchpoint))!;
    station.querySelector<HTMLButtonElement>('[part="comments-toggle"]')!.click();
    await rendered();
    return station;
  };

  it('links each negative comment to its answer, by id, with the inbox attribute', async () => {
    const answers = shop;
    const { root } = await mount({ source: 'http://cx.test/api/summary', touchpoints: 'cart', lang: 'en', inbox: '/admin' });
    const station = await open(root, 'Cart');
    const links = [...station.querySelectorAll<HTMLAnchorElement>('.comment a')];
    expect(links.length).toBe(3);
    const byComment = new Map(answers.filter((a) => a.touchpoint === 'cart').map((a) => [a.comment, a.id]));
    for (const a of links) {
      const comment = a.firstChild!.textContent!;
      expect(a.getAttribute('href')).toBe(`${location.origin}/admin#answer=${byComment.get(comment)}`);
      expect(text(a.querySelector('.vh'))).toBe('(open in the inbox)');
    }
    // The comment stays text, never markup.
    expect(station.querySelector('.comment img')).toBeNull();
  });

  it('links nowhere without the attribute, and says why when the URL is not usable', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const plain = await mount({ source: 'http://cx.test/api/summary', touchpoints: 'cart', lang: 'en' });
    expect((await open(plain.root, 'Cart')).querySelectorAll('.comment a')).toHaveLength(0);
    expect((await open(plain.root, 'Cart')).querySelectorAll('.comment').length).toBeGreaterThan(0);

    const bad = await mount({ source: 'http://cx.test/api/summary', touchpoints: 'cart', lang: 'en', inbox: 'javascript:alert(1)' });
    expect((await open(bad.root, 'Cart')).querySelectorAll('.comment a')).toHaveLength(0);
    expect(error.mock.calls.some(([m]) => String(m).includes('<cx-journey> needs its inbox attribute'))).toBe(true);
  });

  it('keeps the inbox page’s own path and query, and replaces its hash', async () => {
    const { root } = await mount({ source: 'http://cx.test/api/summary', touchpoints: 'cart', lang: 'en', inbox: 'https://cx.example/admin?view=all#old' });
    const a = (await open(root, 'Cart')).querySelector<HTMLAnchorElement>('.comment a')!;
    expect(a.getAttribute('href')).toMatch(/^https:\/\/cx\.example\/admin\?view=all#answer=[0-9a-f-]{36}$/);
  });
});
