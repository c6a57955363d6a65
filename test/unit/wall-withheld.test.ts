import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../src/elements/wall/element.js';
import type { CxWall, WallLoad } from '../../src/elements/wall/element.js';
import type { FeedItem } from '../../src/core/feed.js';
import { touchpointName, WITHHELD_REASONS } from '../../src/core/inbox.js';
import { mergeNames, readNames } from '../../src/core/names.js';
import { readShown } from '../../src/core/shown.js';
import { summarize } from '../../src/core/summary.js';
import { feedItemOf } from '../../src/elements/wall/feed.js';
import { formats } from '../../src/elements/wall/format.js';
import { statsFromSummary } from '../../src/elements/wall/stats.js';
import type { WallStrings } from '../../src/elements/wall/translations/strings.js';
import ar from '../../src/elements/wall/translations/ar.js';
import ca from '../../src/elements/wall/translations/ca.js';
import de from '../../src/elements/wall/translations/de.js';
import en from '../../src/elements/wall/translations/en.js';
import es from '../../src/elements/wall/translations/es.js';
import fr from '../../src/elements/wall/translations/fr.js';
import it_ from '../../src/elements/wall/translations/it.js';
import nl from '../../src/elements/wall/translations/nl.js';
import pt from '../../src/elements/wall/translations/pt.js';
import { collectorAnswer, feedItem, minutesAgo } from '../fixtures/wall/feed.js';

// A withheld comment on the wall: the answer's ratings with a placeholder, the header's count by reason, and touchpoint names.

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const ARRAY = 'https://shop.example/answers.json';
const COLLECTOR = 'https://shop.example/api/feedback';

function stubFetch(answer: (url: URL) => Response): void {
  vi.stubGlobal('fetch', vi.fn(async (input: string) => answer(new URL(input))));
}

function mount(attrs: Record<string, string>): CxWall {
  const wall = document.createElement('cx-wall');
  for (const [name, value] of Object.entries(attrs)) wall.setAttribute(name, value);
  document.body.append(wall);
  return wall;
}

const nextLoad = (wall: CxWall) => new Promise<WallLoad>((resolve) => wall.addEventListener('cx-load', (e) => resolve((e as CustomEvent<WallLoad>).detail), { once: true }));
const textOf = (node: Node | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
const text = (wall: CxWall, selector: string) => textOf(wall.shadowRoot!.querySelector(selector));
const all = (wall: CxWall, selector: string) => [...wall.shadowRoot!.querySelectorAll(selector)].map(textOf);

/** What the collector's public feed sends for a withheld answer. */
const withheld = (reason: string, overrides: Partial<FeedItem> = {}) => ({ ...feedItem(overrides), comment: null, withheld: reason });

/** Three withheld (2 personal data, 1 abusive) among five, newest first; one withheld has no rating at all. */
function moderatedFeed() {
  return [
    feedItem({ touchpoint: 'checkout', effort: 2, emotion: 'frustrated', comment: 'Slow', createdAt: minutesAgo(1) }),
    withheld('personal-data', { touchpoint: 'checkout', effort: 1, emotion: 'frustrated', createdAt: minutesAgo(2) }),
    withheld('abusive', { touchpoint: 'cart', effort: null, emotion: 'disappointed', createdAt: minutesAgo(3) }),
    withheld('personal-data', { touchpoint: 'cart', effort: null, emotion: null, createdAt: minutesAgo(4) }),
    feedItem({ touchpoint: 'cart', effort: 6, emotion: 'satisfied', comment: 'Easy', createdAt: minutesAgo(5) }),
  ];
}

/** The collector's summary of `feed` with `withheld` per touchpoint and at the top, and `names`, as the contract says. */
function summaryOf(feed: ReturnType<typeof moderatedFeed>, names: unknown = undefined) {
  const s = summarize(feed.map((a) => ({ ...a, withheld: (a as { withheld?: never }).withheld ?? null })));
  return { ...s, withheld: s.total.withheld, ...(names === undefined ? {} : { names }) };
}

beforeEach(() => {
  document.body.replaceChildren();
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('reading a withheld answer', () => {
  it('keeps it with its ratings and its reason, without a comment', () => {
    const a = readShown(withheld('abusive', { effort: 2, emotion: 'frustrated' }));
    expect(a).toMatchObject({ effort: 2, emotion: 'frustrated', comment: null, withheld: 'abusive' });
  });

  it('keeps it with no rating at all: something was said, and withheld', () => {
    expect(readShown(withheld('spam', { effort: null, emotion: null }))).toMatchObject({ comment: null, withheld: 'spam' });
    // Without the withholding, an answer that says nothing is still skipped.
    expect(readShown({ ...feedItem({ effort: null, emotion: null }), comment: null })).toBeNull();
  });

  it('never shows a comment a source sent along with a withholding, and reads an unknown reason as other', () => {
    expect(readShown({ ...feedItem({ comment: 'Jane Doe, 12 Main St' }), withheld: 'personal-data' })).toMatchObject({ comment: null, withheld: 'personal-data' });
    expect(readShown({ ...feedItem(), withheld: 'rude' })?.withheld).toBe('other');
    expect(readShown({ ...feedItem(), withheld: { reason: 'spam' } })?.withheld).toBe('other');
  });

  it('adds nothing to an answer that is not withheld', () => {
    for (const w of [undefined, null, false]) {
      const a = readShown({ ...feedItem({ comment: 'Fine' }), withheld: w });
      expect(a).not.toHaveProperty('withheld');
      expect(a?.comment).toBe('Fine');
    }
  });

  it('counts withheld comments by reason over the answers loaded, the ratings as any other', () => {
    const items = moderatedFeed().map(feedItemOf) as FeedItem[];
    const total = summarize(items).total;
    expect(total.count).toBe(5);
    expect(total.withheld).toEqual({ count: 3, reasons: { 'personal-data': 2, abusive: 1, spam: 0, 'off-topic': 0, other: 0 } });
    expect(total.emotions.frustrated).toBe(2);
  });
});

describe('the summary’s withheld counts and names', () => {
  const summary = summaryOf(moderatedFeed(), { cart: { en: 'Cart', es: 'Carrito' } });

  it('takes the touchpoint’s own counts, or the top-level ones', () => {
    expect(statsFromSummary(summary, 'cart')?.withheld).toEqual({ count: 2, reasons: { 'personal-data': 1, abusive: 1, spam: 0, 'off-topic': 0, other: 0 } });
    expect(statsFromSummary(summary, null)?.withheld?.count).toBe(3);
    expect(statsFromSummary({ ...summary, withheld: { count: 9, reasons: { spam: 4, 'made-up': 5 } } }, null)?.withheld).toEqual({
      count: 4,
      reasons: { 'personal-data': 0, abusive: 0, spam: 4, 'off-topic': 0, other: 0 },
    });
  });

  it('knows nothing withheld from a collector that does not say', () => {
    const { withheld: _, ...old } = summary;
    const total = { ...summary.total, withheld: undefined };
    expect(statsFromSummary({ ...old, total }, null)?.withheld).toBeNull();
  });

  it('reads names liberally and picks the reader’s language, then English, then the id', () => {
    const names = readNames({ cart: { en: 'Cart', es: 'Carrito', xx_bad: 'no' }, 'bad id!': { en: 'x' }, home: 'Home', pay: { en: '  ' }, ok: { fr: 'x'.repeat(101) } });
    expect(names).toEqual({ cart: { en: 'Cart', es: 'Carrito' } });
    expect(readNames('Cart')).toBeNull();
    expect(touchpointName(names!, 'cart', 'es-MX')).toBe('Carrito');
    expect(touchpointName(names!, 'cart', 'de')).toBe('Cart');
    expect(touchpointName(names!, 'home', 'es')).toBe('home');
    expect(mergeNames({ cart: { en: 'Cart', es: 'Carrito' } }, { cart: { es: 'Cesta' }, home: { en: 'Home' } })).toEqual({
      cart: { en: 'Cart', es: 'Cesta' },
      home: { en: 'Home' },
    });
  });
});

describe('the words for it, in every language', () => {
  const LANGS: [string, WallStrings][] = [['en', en], ['es', es], ['fr', fr], ['de', de], ['pt', pt], ['it', it_], ['ca', ca], ['nl', nl], ['ar', ar]];

  it('English and Spanish say it as written', () => {
    const f = formats('en');
    const list = f.list([en.byReason('2', 2, en.reasons['personal-data']), en.byReason('1', 1, en.reasons.abusive)]);
    expect(en.withheld('3', 3, list)).toBe('3 comments withheld: 2 personal data, 1 abusive');
    expect(en.withheld('1', 1, en.byReason('1', 1, en.reasons.spam))).toBe('1 comment withheld: 1 spam');
    expect(en.commentWithheld(en.reasons['personal-data'])).toBe('Comment withheld: personal data');
    expect(es.commentWithheld(es.reasons['personal-data'])).toBe('Comentario no publicado: datos personales');
    expect(es.withheld('3', 3, formats('es').list([es.byReason('2', 2, es.reasons['personal-data']), es.byReason('1', 1, es.reasons.abusive)]))).toBe(
      '3 comentarios no publicados: datos personales (2) y ofensivo (1)',
    );
  });

  it.each(LANGS)('%s names every reason, and puts the count and the reasons in the sentence', (lang, t) => {
    for (const r of WITHHELD_REASONS) expect(t.reasons[r].trim()).not.toBe('');
    expect(new Set(Object.values(t.reasons)).size).toBe(WITHHELD_REASONS.length);
    expect(t.commentWithheld('«R»')).toContain('«R»');
    for (const n of [1, 2, 3, 11, 100]) {
      const line = t.withheld(`#${n}`, n, '«LIST»');
      expect(line).toContain('«LIST»');
      // Arabic writes one and two in words.
      if (!(lang === 'ar' && n <= 2)) expect(line).toContain(`#${n}`);
    }
    expect(t.byReason('#2', 2, '«R»')).toMatch(/#2.*«R»|«R».*#2/);
  });
});

describe('<cx-wall> with withheld comments', () => {
  it('shows each answer’s ratings with “Comment withheld: …” in place of the comment', async () => {
    const feed = moderatedFeed();
    stubFetch((url) => json(url.pathname.endsWith('/summary') ? summaryOf(feed) : collectorAnswer(feed as FeedItem[], url)));
    const wall = mount({ source: COLLECTOR, lang: 'en' });
    expect(await nextLoad(wall)).toMatchObject({ shown: 5, skipped: 0 });
    const items = [...wall.shadowRoot!.querySelectorAll('li')];
    expect(items.map((li) => textOf(li.querySelector('[part="comment"], [part="withheld-comment"]')))).toEqual([
      'Slow',
      'Comment withheld: personal data',
      'Comment withheld: abusive',
      'Comment withheld: personal data',
      'Easy',
    ]);
    expect(textOf(items[1].querySelector('[part="effort"]'))).toMatch(/^Very difficult/);
    expect(textOf(items[1].querySelector('[part="emotion"]'))).toBe('Frustrated');
    expect(items[3].querySelector('.ratings')).toBeNull();
    expect(items[1].querySelector('[part="withheld-comment"]')!.className).toBe('muted');
    expect(text(wall, '[part="withheld"]')).toBe('3 comments withheld: 2 personal data, 1 abusive');
    expect(text(wall, '[part="total"]')).toBe('5 answers');
  });

  it('takes the count for its touchpoint from the summary, in Spanish', async () => {
    const feed = moderatedFeed();
    stubFetch((url) => json(url.pathname.endsWith('/summary') ? summaryOf(feed) : collectorAnswer(feed as FeedItem[], url)));
    const wall = mount({ source: COLLECTOR, touchpoint: 'cart', lang: 'es' });
    await nextLoad(wall);
    expect(text(wall, '[part="withheld"]')).toBe('2 comentarios no publicados: datos personales (1) y ofensivo (1)');
    expect(all(wall, '[part="withheld-comment"]')).toEqual(['Comentario no publicado: ofensivo', 'Comentario no publicado: datos personales']);
  });

  it('says nothing about withheld comments when there are none, or the collector does not say', async () => {
    const feed = [feedItem({ comment: 'Fine' })];
    stubFetch((url) => json(url.pathname.endsWith('/summary') ? summarize(feed) : collectorAnswer(feed, url)));
    const wall = mount({ source: COLLECTOR });
    await nextLoad(wall);
    expect(wall.shadowRoot!.querySelector('[part="withheld"]')).toBeNull();
  });

  it('counts withheld comments among the answers loaded from any other source, under the note that says so', async () => {
    stubFetch(() => json(moderatedFeed()));
    const wall = mount({ source: ARRAY, lang: 'en' });
    await nextLoad(wall);
    expect(text(wall, '[part="withheld"]')).toBe('3 comments withheld: 2 personal data, 1 abusive');
    expect(text(wall, '[part="basis"]')).toBe('Based on the 5 answers loaded.');
  });

  it('says one in the singular', async () => {
    stubFetch(() => json([withheld('off-topic'), feedItem()]));
    const wall = mount({ source: ARRAY, lang: 'en' });
    await nextLoad(wall);
    expect(text(wall, '[part="withheld"]')).toBe('1 comment withheld: 1 off-topic');
  });
});

describe('<cx-wall> touchpoint names', () => {
  it('shows the collector’s names in the reader’s language, the attribute’s over them, and ids without one', async () => {
    const feed = moderatedFeed();
    stubFetch((url) => json(url.pathname.endsWith('/summary') ? summaryOf(feed, { cart: { en: 'Cart', es: 'Carrito' }, checkout: { en: 'Checkout' } }) : collectorAnswer(feed as FeedItem[], url)));
    const wall = mount({ source: COLLECTOR, lang: 'es', 'touchpoint-names': JSON.stringify({ checkout: { es: 'Pago' } }) });
    await nextLoad(wall);
    const where = () => all(wall, '[part="touchpoint"]').map((t) => t!.replace(/^[^:]+: /, ''));
    expect(where()).toEqual(['Pago', 'Pago', 'Carrito', 'Carrito', 'Carrito']);

    wall.setAttribute('lang', 'en');
    await wall.updateComplete;
    expect(where()).toEqual(['Checkout', 'Checkout', 'Cart', 'Cart', 'Cart']);

    wall.removeAttribute('touchpoint-names');
    wall.setAttribute('lang', 'es');
    await wall.updateComplete;
    expect(where()).toEqual(['Checkout', 'Checkout', 'Carrito', 'Carrito', 'Carrito']);
  });

  it('takes names from the attribute alone for any other source; invalid JSON warns once and is ignored', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    stubFetch(() => json([feedItem({ touchpoint: 'cart' })]));
    const wall = mount({ source: ARRAY, lang: 'en', 'touchpoint-names': '{cart: Cart}' });
    await nextLoad(wall);
    expect(all(wall, '[part="touchpoint"]')).toEqual(['Where: cart']);
    wall.setAttribute('page-size', '5');
    await nextLoad(wall);
    expect(warn.mock.calls.filter(([m]) => String(m).includes('touchpoint-names'))).toHaveLength(1);
    expect(String(warn.mock.calls[0][0])).toContain('<cx-wall> ignores touchpoint-names="{cart: Cart}"');

    wall.setAttribute('touchpoint-names', '{"cart": {"en": "Basket"}}');
    await wall.updateComplete;
    expect(all(wall, '[part="touchpoint"]')).toEqual(['Where: Basket']);
  });
});
