import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../../src/core/answer.js';
import '../../src/journey/element.js';
import { collectorSummary, daysAgo, FORMULA_COMMENT, HOSTILE_COMMENT, JOURNEY, RANKED_JOURNEY, rankedAnswers, shopAnswers } from '../fixtures/journey/shop.js';
import { makeAnswer } from '../fixtures/answers.js';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
let answers: Answer[];
let fetch: ReturnType<typeof vi.fn>;

/** A collector at /api/summary, a static file of answers (two of them broken) at /answers.json. */
function server(overrides: Record<string, () => Response> = {}) {
  fetch = vi.fn(async (input: string) => {
    const url = new URL(input);
    if (overrides[url.pathname]) return overrides[url.pathname]();
    if (url.pathname === '/api/summary') return json(collectorSummary(answers, url));
    if (url.pathname === '/api/ranked') return json(collectorSummary(rankedAnswers(), url));
    if (url.pathname === '/answers.json') return json([...answers, { v: 1 }, makeAnswer({ emotion: 'smug' as never })]);
    return json({ error: 'not found' }, 404);
  });
  vi.stubGlobal('fetch', fetch);
}

/** Puts a `<cx-journey>` in the page and waits until it has loaded (or failed). */
async function mount(attrs: Record<string, string>) {
  const el = document.createElement('cx-journey');
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  const done = settled(el);
  document.body.append(el);
  const event = await done;
  return { el, root: el.shadowRoot!, event };
}

const settled = (el: Element) =>
  new Promise<CustomEvent>((resolve) => {
    const once = (e: Event) => {
      el.removeEventListener('cx-load', once);
      el.removeEventListener('cx-error', once);
      resolve(e as CustomEvent);
    };
    el.addEventListener('cx-load', once);
    el.addEventListener('cx-error', once);
  });

const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const stations = (root: ShadowRoot, lane = 0) =>
  [...root.querySelectorAll('.lane')[lane].querySelectorAll<HTMLElement>('.station')].map((s) => ({ name: text(s.querySelector('h4')), el: s }));
const station = (root: ShadowRoot, name: string) =>
  [...root.querySelectorAll('.station')].find((s) => text(s.querySelector('h4')) === name)!;

beforeEach(() => {
  answers = shopAnswers();
  server();
});
afterEach(() => {
  document.body.replaceChildren();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('<cx-journey> rendering', () => {
  it('draws the journey in the listed order, then the rest, with empty stations where nobody answered', async () => {
    const { root } = await mount({ source: 'http://cx.test/api/summary', touchpoints: JOURNEY, lang: 'en' });
    expect(text(root.querySelector('.lane h3'))).toBe('The journey');
    expect(stations(root).map((s) => s.name)).toEqual(['home', 'product', 'cart', 'checkout', 'confirmation', 'support']);
    expect(text(station(root, 'product'))).toContain('No answers yet');
    expect(text(root.querySelector('[part~="status"]'))).toBe('19 answers · Last 30 days.');
  });

  it('puts post-service touchpoints in their own lane, after the service', async () => {
    const { root } = await mount({ source: 'http://cx.test/api/summary', touchpoints: JOURNEY, lang: 'en' });
    const lanes = root.querySelectorAll('.lane');
    expect(lanes).toHaveLength(2);
    expect(text(lanes[1].querySelector('h3'))).toBe('After the service');
    expect(stations(root, 1).map((s) => s.name)).toEqual(['delivery']);
  });

  it('shows answers, the effort score with the share who found it easy, and net emotion', async () => {
    const { root } = await mount({ source: 'http://cx.test/api/summary', lang: 'en' });
    const cart = text(station(root, 'cart'));
    expect(cart).toContain('5 answers');
    expect(cart).toContain('3.0 of 7');
    expect(cart).toContain('20% found it easy');
    expect(cart).toContain('Net emotion -0.40');
    const bar = station(root, 'cart').querySelector('[part="emotion-bar"]')!;
    expect(bar.getAttribute('role')).toBe('img');
    expect(bar.getAttribute('aria-label')).toBe('Emotion mix: Frustrated 2, Disappointed 1, Indifferent 1, Satisfied 1, Delighted 0');
    expect(bar.children).toHaveLength(4);
  });

  it('marks moments of truth in words and lists them most urgent first, saying why', async () => {
    const { root } = await mount({ source: 'http://cx.test/api/ranked', touchpoints: RANKED_JOURNEY, lang: 'en' });
    const marked = [...root.querySelectorAll('.station')].filter((s) => text(s.querySelector('[part="moment-flag"]')) === '⚠ Moment of truth');
    expect(marked.map((s) => text(s.querySelector('h4')))).toEqual(['cart', 'checkout', 'delivery']);
    // By impact (see rankedAnswers): cart 3.09, delivery 1.40, checkout 0.64; not journey order.
    expect([...root.querySelectorAll('[part="moments"] li')].map(text)).toEqual([
      'cart: 12 answers, fewer than half found it easy (0%, at most 24%).',
      'delivery: 8 answers, more customers felt bad than good (net emotion -1.00, at most -0.35).',
      'checkout: 30 answers, fewer than half found it easy (30%, at most 48%).',
    ]);
    expect(text(root.querySelector('[part="moments"] p'))).toBe('⚠ Act first at, most urgent first:');
    expect(text(root.querySelector('.undecided'))).toBe('Too few answers to decide yet: support.');
    expect(text(station(root, 'support').querySelector('[part="undecided-flag"]'))).toBe('Too few answers to decide');
    expect(station(root, 'support').querySelector('[part="moment-flag"]')).toBeNull();
    expect([...station(root, 'cart').querySelectorAll('.range')].map(text)).toEqual(['likely between 0% and 24%', 'likely between -0.49 and +0.49']);
    // 12 indifferent: p = 6/12, Wilson [0.2538, 0.7462]; half credit is counted as wide as a coin toss, on the safe side.
  });

  it('calls nothing a moment of truth on five answers near the threshold: too few to decide', async () => {
    const { root } = await mount({ source: 'http://cx.test/api/summary', touchpoints: JOURNEY, lang: 'en' });
    expect(root.querySelector('[part="moment-flag"]')).toBeNull();
    // cart: 1 easy of 5 (at most 62%), net -0.40 (at most +0.40); delivery: net -0.20 (at most +0.54).
    expect([...root.querySelectorAll('[part="moments"] p')].map(text)).toEqual(['No moments of truth in this period.', 'Too few answers to decide yet: cart, checkout, and delivery.']);
    expect(text(station(root, 'cart').querySelector('[part="undecided-flag"]'))).toBe('Too few answers to decide');
    expect([...station(root, 'cart').querySelectorAll('.range')].map(text)).toEqual(['likely between 4% and 62%', 'likely between -0.85 and +0.40']);
  });

  it('reveals the latest negative comments of a touchpoint that looks bad with one click, as text', async () => {
    const { root } = await mount({ source: 'http://cx.test/api/summary', lang: 'en' });
    const button = station(root, 'cart').querySelector<HTMLButtonElement>('[part="comments-toggle"]')!;
    const list = root.getElementById(button.getAttribute('aria-controls')!)!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(list.hidden).toBe(true);
    button.click();
    await Promise.resolve();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(list.hidden).toBe(false);
    expect([...list.querySelectorAll('li')].map((li) => li.firstChild!.textContent)).toEqual([FORMULA_COMMENT, HOSTILE_COMMENT, 'The coupon field ate my code']);
    expect(root.querySelector('img, b, script')).toBeNull();
  });

  it('gives each trend an arrow and a sentence, against the previous period of the same length', async () => {
    const { root } = await mount({ source: 'http://cx.test/api/summary', lang: 'en' });
    const trends = (name: string) => [...station(root, name).querySelectorAll('[part="trend"]')];
    expect(trends('home').map((t) => text(t.querySelector('[aria-hidden]')))).toEqual(['↑ 1.0', '→']);
    expect(trends('home').map((t) => text(t.querySelector('.vh')))).toEqual([
      'Effort score up 1.0 compared with the previous 30 days',
      'Net emotion unchanged compared with the previous 30 days',
    ]);
    expect(text(trends('cart')[1].querySelector('.vh'))).toBe('Net emotion down 1.40 compared with the previous 30 days');
    expect(trends('delivery')).toEqual([]); // nothing to compare with
  });

  it('has the same numbers as a real table, one row per touchpoint', async () => {
    const { root } = await mount({ source: 'http://cx.test/api/summary', touchpoints: JOURNEY, lang: 'en' });
    const table = root.querySelector('table')!;
    expect(text(table.querySelector('caption'))).toBe('The journey in numbers');
    const heads = [...table.querySelectorAll('thead th')].map(text);
    expect(heads.slice(0, 6)).toEqual(['Touchpoint', 'Stage', 'Answers', 'Effort score (of 7)', 'Found it easy', 'Found it hard']);
    expect([...table.querySelectorAll('thead th')].every((th) => th.getAttribute('scope') === 'col')).toBe(true);
    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows.map((r) => text(r.querySelector('th[scope="row"]')))).toEqual(['home', 'product', 'cart', 'checkout', 'confirmation', 'delivery', 'support']);
    const cart = Object.fromEntries([...rows[2].children].map((cell, i) => [heads[i], text(cell)]));
    expect(cart).toMatchObject({
      Stage: 'During',
      Answers: '5',
      'Effort score (of 7)': '3.0',
      'Found it easy': '20%',
      'Found it hard': '80%',
      Frustrated: '2',
      'Net emotion': '-0.40',
      'Effort change': '↓ -3.0',
      'Moment of truth': 'No',
    });
    expect(text(rows[5].children[1])).toBe('After the service');
  });

  it('reads a plain array of answers, and says how many it skipped', async () => {
    const { root, event } = await mount({ source: 'http://cx.test/answers.json', lang: 'en' });
    expect(event.type).toBe('cx-load');
    expect(event.detail).toMatchObject({ kind: 'answers', skipped: 2, period: '30d' });
    expect(text(root.querySelector('[part~="status"]'))).toBe('19 answers · Last 30 days. 2 answers were skipped: they are not valid answers.');
    expect(text(station(root, 'cart'))).toContain('3.0 of 7');
  });

  it('changes the period with a labelled selector, asking the collector for it', async () => {
    const { el, root } = await mount({ source: 'http://cx.test/api/summary', lang: 'en' });
    const select = root.querySelector('select')!;
    expect(text(select.closest('label'))).toContain('Period');
    expect(select.value).toBe('30d');
    fetch.mockClear();
    const next = settled(el);
    select.value = '7d';
    select.dispatchEvent(new Event('change'));
    await next;
    expect(el.getAttribute('since')).toBe('7d');
    const since = Date.parse(new URL(fetch.mock.calls[0][0]).searchParams.get('since')!);
    expect(Math.round((Date.now() - since) / 86_400_000)).toBe(7);
    // In the last 7 days: the last cart answer, support, checkout ×2 and delivery ×5.
    expect(text(root.querySelector('[part~="status"]'))).toBe('9 answers · Last 7 days.');
  });

  it('shows every answer and no trends for all', async () => {
    const { root } = await mount({ source: 'http://cx.test/answers.json', since: 'all', lang: 'en' });
    expect(text(root.querySelector('[part~="status"]'))).toContain('29 answers · All time.');
    expect(root.querySelector('[part="trend"]')).toBeNull();
    expect([...root.querySelectorAll('thead th')].map(text)).not.toContain('Effort change');
  });

  it('reorders when touchpoints changes, without loading again', async () => {
    const { el, root } = await mount({ source: 'http://cx.test/api/summary', lang: 'en' });
    expect(stations(root).map((s) => s.name)).toEqual(['home', 'cart', 'support', 'checkout']);
    fetch.mockClear();
    el.setAttribute('touchpoints', 'checkout cart');
    await Promise.resolve();
    expect(stations(root).map((s) => s.name)).toEqual(['checkout', 'cart', 'home', 'support']);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('reads a file of answers once, until refresh() asks for it again', async () => {
    const { el, root } = await mount({ source: 'http://cx.test/answers.json', lang: 'en' });
    let next = settled(el);
    el.setAttribute('since', '7d');
    await next;
    expect(fetch).toHaveBeenCalledTimes(1);
    answers.push(...shopAnswers().slice(0, 6)); // six more answers at home
    next = settled(el);
    el.refresh();
    await next;
    expect(fetch).toHaveBeenCalledTimes(2);
    expect(text(root.querySelector('[part~="status"]'))).toBe('9 answers · Last 7 days. 2 answers were skipped: they are not valid answers.');
    el.setAttribute('since', '30d');
    await settled(el);
    expect(text(station(root, 'home').querySelector('.count'))).toBe('12 answers');
  });

  it('speaks Spanish', async () => {
    const { root } = await mount({ source: 'http://cx.test/api/summary', touchpoints: JOURNEY, lang: 'es' });
    expect(text(root.querySelector('h2'))).toBe('Recorrido del cliente');
    expect(root.querySelector('section')!.getAttribute('lang')).toBe('es');
    const cart = text(station(root, 'cart'));
    expect(cart).toContain('Faltan respuestas para decidir');
    expect(cart).toContain('3,0 de 7');
    expect(cart).toContain('Emoción neta -0,40');
    expect(text(station(root, 'product'))).toContain('Aún sin respuestas');
    expect(text(root.querySelectorAll('.lane h3')[1])).toBe('Después del servicio');
    expect(text(root.querySelector('.vh'))).toBe('Puntuación de esfuerzo: sube 1,0 respecto a los 30 días anteriores');
    expect([...root.querySelectorAll('[part="moments"] p')].map(text)).toEqual(['Ningún momento de la verdad en este periodo.', 'Aún faltan respuestas para decidir: cart, checkout y delivery.']);
  });

  it('says in Spanish where to act first and why', async () => {
    const { root } = await mount({ source: 'http://cx.test/api/ranked', touchpoints: RANKED_JOURNEY, lang: 'es' });
    expect([...root.querySelectorAll('[part="moments"] li')].map(text)).toEqual([
      'cart: 12 respuestas; a menos de la mitad le resultó fácil (0 %, como mucho 24 %).',
      'delivery: 8 respuestas; más clientes se sintieron mal que bien (emoción neta -1,00, como mucho -0,35).',
      'checkout: 30 respuestas; a menos de la mitad le resultó fácil (30 %, como mucho 48 %).',
    ]);
  });

  it('sorts the table by a header button, ascending then descending, with aria-sort', async () => {
    const { root } = await mount({ source: 'http://cx.test/api/ranked', touchpoints: RANKED_JOURNEY, lang: 'en' });
    const names = () => [...root.querySelectorAll('tbody th[scope="row"]')].map(text);
    const head = (name: string) => [...root.querySelectorAll('thead th')].find((th) => text(th) === name)!;
    expect(names()).toEqual(['home', 'cart', 'checkout', 'delivery', 'support']);
    expect(root.querySelector('thead [aria-sort]')).toBeNull();
    head('Answers').querySelector('button')!.click();
    await Promise.resolve();
    expect(names()).toEqual(['support', 'delivery', 'home', 'cart', 'checkout']);
    expect(head('Answers').getAttribute('aria-sort')).toBe('ascending');
    head('Answers').querySelector('button')!.click();
    await Promise.resolve();
    expect(names()).toEqual(['checkout', 'cart', 'home', 'delivery', 'support']);
    expect(head('Answers').getAttribute('aria-sort')).toBe('descending');
    head('Touchpoint').querySelector('button')!.click();
    await Promise.resolve();
    expect(names()).toEqual(['cart', 'checkout', 'delivery', 'home', 'support']);
    expect(head('Answers').hasAttribute('aria-sort')).toBe(false);
    // Stage and moment of truth are words, not sorted.
    expect(head('Stage').querySelector('button')).toBeNull();
  });

  it('takes its language from the page when it has no lang attribute', async () => {
    document.body.setAttribute('lang', 'es-MX');
    try {
      const { root } = await mount({ source: 'http://cx.test/api/summary' });
      expect(text(root.querySelector('h2'))).toBe('Recorrido del cliente');
    } finally {
      document.body.removeAttribute('lang');
    }
  });

  it('styles itself with a constructable stylesheet, never a style element', async () => {
    const { root } = await mount({ source: 'http://cx.test/api/summary' });
    expect(root.adoptedStyleSheets).toHaveLength(1);
    expect(root.querySelector('style')).toBeNull();
  });
});

describe('<cx-journey> when things go wrong', () => {
  it('warns once about a bad since and uses the last 30 days', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { root } = await mount({ source: 'http://cx.test/api/summary', since: 'fortnight' });
    await mount({ source: 'http://cx.test/api/summary', since: 'fortnight' });
    expect(warn.mock.calls.filter(([m]) => String(m).includes('since="fortnight"'))).toHaveLength(1);
    expect(root.querySelector('select')!.value).toBe('30d');
  });

  it('says it needs a source, without throwing', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { root, event } = await mount({ lang: 'en' });
    expect(event.detail).toEqual({ reason: 'source', status: 0 });
    expect(text(root.querySelector('[part~="status"]'))).toBe('Set the source attribute to the URL of a summary or of a list of answers.');
    expect(error).toHaveBeenCalledWith(expect.stringContaining('needs its source attribute'));
  });

  it('shows the HTTP error and no stale numbers', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    server({ '/api/summary': () => json({ error: 'down' }, 503) });
    const { root, event } = await mount({ source: 'http://cx.test/api/summary', lang: 'en' });
    expect(event.detail).toEqual({ reason: 'http', status: 503 });
    expect(text(root.querySelector('[part~="status"]'))).toBe('The source answered with an error. (HTTP 503)');
    expect(root.querySelector('.station, table, [part="download"]')).toBeNull();
  });

  it('renders a hostile summary as text and skips what it cannot read', async () => {
    const hostile = {
      total: { count: 1e308 },
      touchpoints: [
        { touchpoint: '<script>alert(1)</script>' },
        { touchpoint: 'cart', count: 7, effortMean: 'NaN', netEmotion: -1, emotions: { frustrated: 7 }, momentOfTruth: true, latestNegative: [{ comment: '<iframe src=//evil>' + 'x'.repeat(5000) }] },
      ],
    };
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    server({ '/api/summary': () => json(hostile) });
    const { root } = await mount({ source: 'http://cx.test/api/summary', lang: 'en' });
    expect(stations(root).map((s) => s.name)).toEqual(['cart']);
    expect(text(root.querySelector('[part~="status"]'))).toContain('1 touchpoint in the summary could not be read and was skipped.');
    station(root, 'cart').querySelector<HTMLButtonElement>('[part="comments-toggle"]')!.click();
    await Promise.resolve();
    expect(root.querySelector('iframe, script')).toBeNull();
    expect(root.querySelector('.comment')!.firstChild!.textContent).toMatch(/^<iframe src=\/\/evil>x+$/);
    expect(root.querySelector('.comment')!.firstChild!.textContent).toHaveLength(1000);
    expect(text(station(root, 'cart').querySelector('dd'))).toBe('Not answered'); // effortMean was "NaN"

  });

  it('draws at most 100 touchpoints and says so', async () => {
    const many = Array.from({ length: 130 }, (_, i) => makeAnswer({ touchpoint: `tp-${i}`, createdAt: daysAgo(1 + i / 1000) }));
    server({ '/answers.json': () => json(many) });
    const { root } = await mount({ source: 'http://cx.test/answers.json', lang: 'en' });
    expect(root.querySelectorAll('.station')).toHaveLength(100);
    expect(text(root.querySelector('[part~="status"]'))).toContain('Showing the first 100 of 130 touchpoints; the CSV has them all.');
  });
});

describe('<cx-journey> export', () => {
  it('offers the table as CSV through a cancelable cx-export event', async () => {
    const { el, root } = await mount({ source: 'http://cx.test/api/summary', touchpoints: JOURNEY });
    let detail: { csv: string; filename: string } | undefined;
    el.addEventListener('cx-export', (e) => {
      e.preventDefault();
      detail = (e as CustomEvent).detail;
    });
    root.querySelector<HTMLButtonElement>('[part="download"]')!.click();
    expect(detail!.filename).toMatch(/^journey-30d-\d{4}-\d\d-\d\d\.csv$/);
    const lines = detail!.csv.split('\r\n');
    expect(lines[0]).toMatch(/^touchpoint,name,stage,answers,effort_mean,/);
    expect(lines.slice(1, 8).map((l) => l.split(',')[0])).toEqual(['home', 'product', 'cart', 'checkout', 'confirmation', 'delivery', 'support']);
    expect(lines[3]).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")`);
  });
});
