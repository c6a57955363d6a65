import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../src/elements/wall/element.js';
import type { CxWall, WallLoad } from '../../src/elements/wall/element.js';
import type { FeedItem } from '../../src/core/feed.js';
import { BROKEN, collectorAnswer, feedItem, feedItems, minutesAgo, NOW, XSS } from '../fixtures/wall/feed.js';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** Replaces `fetch` with `answer`, and returns the URLs requested. */
function stubFetch(answer: (url: URL) => Response | Promise<Response>): URL[] {
  const requested: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      const url = new URL(input);
      requested.push(url);
      return answer(url);
    }),
  );
  return requested;
}

/** A collector over `items`, and a summary that `summary` may replace. */
const collector = (items: FeedItem[], summary?: () => Response) => (url: URL) =>
  url.pathname.endsWith('/api/summary') && summary ? summary() : json(collectorAnswer(items, url) ?? 'not found', 200);

const ARRAY = 'https://shop.example/answers.json';
const COLLECTOR = 'https://shop.example/api/feedback';

function mount(attrs: Record<string, string>, parent: HTMLElement = document.body): CxWall {
  const wall = document.createElement('cx-wall');
  for (const [name, value] of Object.entries(attrs)) wall.setAttribute(name, value);
  parent.append(wall);
  return wall;
}

const nextLoad = (wall: CxWall) => new Promise<WallLoad>((resolve) => wall.addEventListener('cx-load', (e) => resolve((e as CustomEvent<WallLoad>).detail), { once: true }));
const root = (wall: CxWall) => wall.shadowRoot!;
const textOf = (node: Node | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
const text = (wall: CxWall, selector: string) => textOf(root(wall).querySelector(selector));
const items = (wall: CxWall) => [...root(wall).querySelectorAll('li')];
const comments = (wall: CxWall) => items(wall).map((li) => textOf(li.querySelector('.comment')));
const more = (wall: CxWall) => root(wall).querySelector<HTMLButtonElement>('[part="more"]');
const tables = (wall: CxWall) =>
  [...root(wall).querySelectorAll('table')].map((table) => ({
    caption: textOf(table.querySelector('caption')),
    rows: [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((cell) => textOf(cell))),
  }));
const status = (wall: CxWall) => text(wall, '[part="status"]');

function shuffled<T>(list: T[]): T[] {
  // A fixed shuffle: reversed halves, so the feed's order is not already newest first.
  const half = Math.ceil(list.length / 2);
  return [...list.slice(half).reverse(), ...list.slice(0, half)];
}

beforeEach(() => {
  document.body.replaceChildren();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('<cx-wall> with a plain JSON array', () => {
  it('lists every answer newest first, a page at a time, with the numbers over all of them', async () => {
    const feed = feedItems(45);
    const requested = stubFetch(() => json(shuffled(feed)));
    const wall = mount({ source: ARRAY });
    expect(await nextLoad(wall)).toEqual({ shown: 20, loaded: 45, skipped: 0, more: true });

    expect(comments(wall)).toEqual(feed.slice(0, 20).map((a) => a.comment));
    expect(text(wall, '[part="total"]')).toBe('45 answers');
    expect(text(wall, '[part="basis"]')).toBe('Based on the 45 answers loaded.');
    expect(text(wall, '[part="count"]')).toBe('Showing 20 of 45');

    more(wall)!.click();
    await nextLoad(wall);
    expect(items(wall)).toHaveLength(40);
    more(wall)!.click();
    expect(await nextLoad(wall)).toMatchObject({ shown: 45, more: false });
    expect(comments(wall)).toEqual(feed.map((a) => a.comment));
    expect(more(wall)).toBeNull();
    expect(text(wall, '[part="count"]')).toBe('Showing 45 of 45');
    // The array was read once, whole; "Show more" pages through it locally.
    expect(requested).toHaveLength(1);
  });

  it('shows one touchpoint only when asked, counting only its answers', async () => {
    const feed = [...feedItems(3, { touchpoint: 'cart' }), ...feedItems(4, { touchpoint: 'home' })];
    stubFetch(() => json(feed));
    const wall = mount({ source: ARRAY, touchpoint: 'cart' });
    await nextLoad(wall);
    expect(items(wall).map((li) => textOf(li.querySelector('[part="touchpoint"]')))).toEqual(['Where: cart', 'Where: cart', 'Where: cart']);
    expect(text(wall, '[part="total"]')).toBe('3 answers');
  });

  it('never reorders answers by how positive they are: newest first, whatever they felt', async () => {
    const emotions = ['frustrated', 'delighted', 'disappointed', 'satisfied', 'indifferent'] as const;
    const feed = emotions.map((emotion, i) => feedItem({ emotion, effort: 7 - i, createdAt: minutesAgo(i + 1) }));
    stubFetch(() => json(shuffled(feed)));
    const wall = mount({ source: ARRAY });
    await nextLoad(wall);
    expect(items(wall).map((li) => textOf(li.querySelector('[part="emotion"]')))).toEqual([
      'Frustrated',
      'Delighted',
      'Disappointed',
      'Satisfied',
      'Indifferent',
    ]);
  });
});

describe('<cx-wall> header', () => {
  it('writes the share that found it hard and felt negative, and draws one bar per point and per emotion', async () => {
    const feed = [
      feedItem({ effort: 1, emotion: 'frustrated' }),
      feedItem({ effort: 2, emotion: 'satisfied' }),
      feedItem({ effort: 3, emotion: 'delighted' }),
      feedItem({ effort: 6, emotion: 'indifferent' }),
      feedItem({ effort: 7, emotion: 'satisfied' }),
    ];
    stubFetch(() => json(feed));
    const wall = mount({ source: ARRAY });
    await nextLoad(wall);

    expect(text(wall, '[part="shares"]')).toBe('60% found it hard; 20% felt frustrated or disappointed.');
    const [effort, emotion] = tables(wall);
    expect(effort.caption).toBe('On a 7-point scale');
    expect(effort.rows).toEqual([
      ['Very difficult', '1', '20%'],
      ['Difficult', '1', '20%'],
      ['Somewhat difficult', '1', '20%'],
      ['Neither easy nor difficult', '0', '0%'],
      ['Somewhat easy', '0', '0%'],
      ['Easy', '1', '20%'],
      ['Very easy', '1', '20%'],
    ]);
    expect(emotion.rows).toEqual([
      ['Frustrated', '1', '20%'],
      ['Disappointed', '0', '0%'],
      ['Indifferent', '1', '20%'],
      ['Satisfied', '2', '40%'],
      ['Delighted', '1', '20%'],
    ]);
    expect(root(wall).querySelectorAll('[part="bar"]')).toHaveLength(7 + 5);
  });

  it('shows one effort distribution per scale, never merging 5- and 7-point answers', async () => {
    stubFetch(() => json([feedItem({ effort: 2, effortScale: 5 }), feedItem({ effort: 2, effortScale: 7 }), feedItem({ effort: 7 })]));
    const wall = mount({ source: ARRAY });
    await nextLoad(wall);
    const [five, seven] = tables(wall);
    expect(five.caption).toBe('On a 5-point scale');
    expect(five.rows.map((row) => row[1])).toEqual(['0', '1', '0', '0', '0']);
    expect(seven.caption).toBe('On a 7-point scale');
    expect(seven.rows.map((row) => row[1])).toEqual(['0', '1', '0', '0', '0', '0', '1']);
  });

  it('says so when nobody rated the effort or the feeling', async () => {
    stubFetch(() => json([feedItem({ effort: null, emotion: null, comment: 'Just words' })]));
    const wall = mount({ source: ARRAY });
    await nextLoad(wall);
    expect(tables(wall)).toEqual([]);
    expect(text(wall, '[part="effort-chart"] p')).toBe('Nobody rated how easy it was yet.');
    expect(text(wall, '[part="emotion-chart"] p')).toBe('Nobody said how it felt yet.');
    expect(text(wall, '[part="shares"]')).toBe('');
  });
});

describe('<cx-wall> with the collector', () => {
  it('follows its pages with ?before= and takes the numbers from /api/summary', async () => {
    const feed = feedItems(30);
    const requested = stubFetch(collector(feed));
    const wall = mount({ source: COLLECTOR, 'page-size': '10' });
    expect(await nextLoad(wall)).toEqual({ shown: 10, loaded: 10, skipped: 0, more: true });

    // All 30 answers counted by the collector, though only 10 are loaded, and no "based on" note.
    expect(text(wall, '[part="total"]')).toBe('30 answers');
    expect(text(wall, '[part="basis"]')).toBeNull();
    expect(text(wall, '[part="count"]')).toBe('Showing 10 of 30');
    const summary = requested.find((url) => url.pathname === '/api/summary')!;
    expect(summary.search).toBe('');

    more(wall)!.click();
    await nextLoad(wall);
    const pages = requested.filter((url) => url.pathname === '/api/feedback');
    expect(pages.map((url) => [url.searchParams.get('before'), url.searchParams.get('limit')])).toEqual([
      [null, '10'],
      ['10', '10'],
    ]);
    expect(comments(wall)).toEqual(feed.slice(0, 20).map((a) => a.comment));
  });

  it('passes the touchpoint to the feed and takes that touchpoint from the summary', async () => {
    const feed = [...feedItems(12, { touchpoint: 'cart' }), ...feedItems(8, { touchpoint: 'home' })];
    const requested = stubFetch(collector(feed));
    const wall = mount({ source: COLLECTOR, touchpoint: 'cart', 'page-size': '5' });
    await nextLoad(wall);
    expect(requested.find((url) => url.pathname === '/api/feedback')!.searchParams.get('touchpoint')).toBe('cart');
    expect(text(wall, '[part="total"]')).toBe('12 answers');
  });

  it.each([
    ['fails', () => json({ error: 'down' }, 503)],
    ['is hostile', () => json({ total: { count: '<img src=x>' }, touchpoints: [] })],
  ])('counts what is loaded, and says so, when the summary %s', async (_, summary) => {
    stubFetch(collector(feedItems(30), summary));
    const wall = mount({ source: COLLECTOR, 'page-size': '10' });
    await nextLoad(wall);
    expect(text(wall, '[part="total"]')).toBe('10 answers');
    expect(text(wall, '[part="basis"]')).toBe('Based on the 10 answers loaded.');
    expect(text(wall, '[part="count"]')).toBe('Showing 10');
    more(wall)!.click();
    await nextLoad(wall);
    expect(text(wall, '[part="basis"]')).toBe('Based on the 20 answers loaded.');
  });

  it('keeps what is shown when the next page fails, says so, and tries again on "Show more"', async () => {
    const feed = feedItems(30);
    let failNext = false;
    stubFetch((url) => (failNext && url.searchParams.has('before') ? json({ error: 'busy' }, 503) : collector(feed)(url)));
    const wall = mount({ source: COLLECTOR, 'page-size': '10' });
    await nextLoad(wall);

    failNext = true;
    more(wall)!.click();
    await vi.waitFor(() => expect(text(wall, '[role="alert"]')).toBe('More answers could not be loaded.'));
    expect(items(wall)).toHaveLength(10);
    expect(text(wall, '[part="count"]')).toBe('Showing 10 of 30');

    failNext = false;
    more(wall)!.click();
    await nextLoad(wall);
    expect(items(wall)).toHaveLength(20);
    expect(text(wall, '[part="count"]')).toBe('Showing 20 of 30');
    expect(root(wall).querySelector('[role="alert"]')).toBeNull();
  });

  it('stops at a cursor that does not move instead of asking forever', async () => {
    const requested = stubFetch(() => json({ items: [feedItem()], next: 'same' }));
    const wall = mount({ source: 'https://shop.example/feed' });
    expect(await nextLoad(wall)).toMatchObject({ shown: 2, more: false });
    expect(requested.map((url) => url.searchParams.get('before'))).toEqual([null, 'same']);
  });
});

describe('<cx-wall> with a broken or hostile feed', () => {
  it('skips and counts unreadable items, and shows the rest', async () => {
    const good = feedItems(2);
    stubFetch(() => json([good[0], ...BROKEN, good[1]]));
    const wall = mount({ source: ARRAY });
    expect(await nextLoad(wall)).toMatchObject({ shown: 2, skipped: BROKEN.length });
    expect(comments(wall)).toEqual(['Answer 1', 'Answer 2']);
    expect(text(wall, '[part="skipped"]')).toBe(`${BROKEN.length} items in the feed could not be read and are not shown.`);
    expect(text(wall, '[part="total"]')).toBe('2 answers');
  });

  it('renders HTML and script in comments and replies as text', async () => {
    const feed = XSS.map((comment, i) => feedItem({ comment, createdAt: minutesAgo(i + 1), reply: { text: comment, at: minutesAgo(0) } }));
    stubFetch(() => json(feed));
    const wall = mount({ source: ARRAY });
    await nextLoad(wall);
    expect(comments(wall)).toEqual(XSS);
    expect(items(wall).map((li) => textOf(li.querySelector('.reply .comment')))).toEqual(XSS);
    expect(root(wall).querySelectorAll('img, script, svg, a, [onerror], [onload]')).toHaveLength(0);
  });

  it.each([
    ['a server error', () => json({ error: 'boom' }, 500)],
    ['a body that is not JSON', () => new Response('<html>oops</html>', { status: 200 })],
    ['JSON that is not a feed', () => json({ answers: [] })],
    ['a network failure', () => Promise.reject(new TypeError('Failed to fetch'))],
  ])('says the answers could not be loaded after %s, and retries on request', async (_, failure) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    let fail = true;
    stubFetch(() => (fail ? failure() : json(feedItems(3))));
    const wall = mount({ source: ARRAY });
    await vi.waitFor(() => expect(status(wall)).toBe('The answers could not be loaded.'));
    expect(items(wall)).toHaveLength(0);

    fail = false;
    root(wall).querySelector<HTMLButtonElement>('[part="retry"]')!.click();
    await nextLoad(wall);
    expect(items(wall)).toHaveLength(3);
    expect(status(wall)).toBe('');
    expect(root(wall).querySelector('[part="retry"]')).toBeNull();
  });
});

describe('<cx-wall> states', () => {
  it('says it is loading, then that there are no answers yet', async () => {
    let answer!: (response: Response) => void;
    stubFetch(() => new Promise<Response>((resolve) => (answer = resolve)));
    const wall = mount({ source: ARRAY });
    await vi.waitFor(() => expect(status(wall)).toBe('Loading answers…'));
    answer(json([]));
    await vi.waitFor(() => expect(status(wall)).toBe('No answers yet'));
    expect(root(wall).querySelector('ol, table, [part="more"]')).toBeNull();
  });

  it('shows the owner’s reply under the answer it answers', async () => {
    stubFetch(() =>
      json([
        feedItem({ comment: 'The coupon did not apply', createdAt: minutesAgo(2), reply: { text: 'Fixed, sorry!', at: minutesAgo(1) } }),
        feedItem({ comment: 'Fine', createdAt: minutesAgo(3) }),
      ]),
    );
    const wall = mount({ source: ARRAY });
    await nextLoad(wall);
    const [answered, other] = items(wall);
    expect(textOf(answered.querySelector('[part="reply"]'))).toMatch(/^Our reply .+ Fixed, sorry!$/);
    expect(other.querySelector('[part="reply"]')).toBeNull();
  });

  it('gives a relative date, with the exact date as the description a tooltip shows', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    const createdAt = new Date(NOW - 3 * 86_400_000).toISOString();
    stubFetch(() => json([feedItem({ createdAt })]));
    const wall = mount({ source: ARRAY });
    await nextLoad(wall);
    const time = root(wall).querySelector('li time')!;
    expect(time.getAttribute('datetime')).toBe(createdAt);
    expect(textOf(time)).toBe('3 days ago');
    expect(time.getAttribute('tabindex')).toBe('0');
    const tip = root(wall).getElementById(time.getAttribute('aria-describedby')!)!;
    expect(tip.getAttribute('role')).toBe('tooltip');
    expect(textOf(tip)).toMatch(/November 17, 2026/);
  });
});

describe('<cx-wall> languages and attributes', () => {
  const feed = () => [feedItem({ effort: 2, emotion: 'frustrated' })];

  it('speaks Spanish when asked', async () => {
    stubFetch(() => json(feed()));
    const wall = mount({ source: ARRAY, lang: 'es' });
    await nextLoad(wall);
    expect(text(wall, 'h2')).toBe('Lo que nos contaron');
    expect(text(wall, '[part="total"]')).toBe('1 respuesta');
    expect(text(wall, '[part="shares"]')).toMatch(/^A un 100\s%\sle resultó difícil; un 100\s%\ssintió frustración o decepción\.$/);
    expect(text(wall, 'li [part="effort"]')).toBe('Difícil (2 de 7)');
    expect(text(wall, 'li [part="emotion"]')).toBe('Frustración');
    expect(root(wall).querySelector('section')!.getAttribute('lang')).toBe('es');
  });

  it('speaks the language of the page around it, and marks each comment with its own', async () => {
    stubFetch(() => json([feedItem({ lang: 'en', comment: 'Too slow' })]));
    const around = document.createElement('div');
    around.lang = 'es-MX';
    document.body.append(around);
    const wall = mount({ source: ARRAY }, around);
    await nextLoad(wall);
    expect(text(wall, '[part="count"]')).toBe('Mostrando 1 de 1');
    expect(root(wall).querySelector('[part="comment"]')!.getAttribute('lang')).toBe('en');
  });

  it('switches language without loading again', async () => {
    const requested = stubFetch(() => json(feed()));
    const wall = mount({ source: ARRAY });
    await nextLoad(wall);
    wall.setAttribute('lang', 'es');
    await wall.updateComplete;
    expect(text(wall, 'li [part="emotion"]')).toBe('Frustración');
    expect(requested).toHaveLength(1);
  });

  it('warns once about a bad attribute, naming it, and falls back to the default', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    stubFetch(() => json(feedItems(25)));
    const wall = mount({ source: ARRAY, 'page-size': 'lots', lang: 'ja' });
    await nextLoad(wall);
    expect(items(wall)).toHaveLength(20);
    expect(text(wall, 'h2')).toBe('What customers told us');
    const said = warn.mock.calls.map(([message]) => String(message));
    expect(said.filter((m) => m.includes('page-size="lots"'))).toHaveLength(1);
    expect(said.filter((m) => m.includes('lang="ja"'))).toHaveLength(1);
  });

  it('shows nothing and fetches nothing without a usable source, and says why', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const requested = stubFetch(() => json([]));
    const wall = mount({ source: 'javascript:alert(1)' });
    await wall.updateComplete;
    expect(root(wall).querySelector('*')).toBeNull();
    expect(requested).toHaveLength(0);
    expect(String(error.mock.calls[0]?.[0])).toContain('source');
  });

  it('starts over when the touchpoint changes', async () => {
    stubFetch(() => json([...feedItems(2, { touchpoint: 'cart' }), ...feedItems(1, { touchpoint: 'home' })]));
    const wall = mount({ source: ARRAY, touchpoint: 'cart' });
    await nextLoad(wall);
    expect(items(wall)).toHaveLength(2);
    wall.setAttribute('touchpoint', 'home');
    await nextLoad(wall);
    expect(items(wall).map((li) => textOf(li.querySelector('[part="touchpoint"]')))).toEqual(['Where: home']);
  });
});
