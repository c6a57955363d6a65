import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answerError, type Answer } from '../../src/core/answer.js';
import '../../src/elements/feedback/element.js';
import type { CxFeedback } from '../../src/elements/feedback/feedback.component.js';
import { open as openWidget } from '../../src/api.js';
import { entryFor, type Queued } from '../../src/core/delivery/queue.js';
import { idbBox } from '../../src/core/delivery/store.js';
import { makeAnswer } from '../fixtures/answers.js';

// One page, one runtime, one fake IndexedDB for the file: each test uses its own touchpoint and
// looks at its own requests by touchpoint, as separate widgets on one real page would.
interface Request {
  body: Answer;
  headers: Record<string, string>;
  keepalive?: boolean;
}
let requests: Request[] = [];
let reply: () => Promise<Response> | Response = () => new Response('{}', { status: 200 });
let n = 0;
let touchpoint = '';

beforeEach(() => {
  requests = [];
  reply = () => new Response('{}', { status: 200 });
  touchpoint = `t${++n}`;
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    requests.push({ body: JSON.parse(init.body as string), headers: init.headers as Record<string, string>, keepalive: init.keepalive });
    return reply();
  });
});
afterEach(() => {
  document.body.replaceChildren();
  document.documentElement.removeAttribute('lang');
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function mount(attributes: Record<string, string> = {}, parent: HTMLElement = document.body) {
  const el = document.createElement('cx-feedback') as CxFeedback;
  for (const [name, value] of Object.entries({ endpoint: '/api/feedback', touchpoint, ...attributes })) el.setAttribute(name, value);
  parent.append(el);
  await el.updateComplete;
  const root = el.shadowRoot!;
  const $ = <T extends Element = HTMLElement>(selector: string) => root.querySelector<T & HTMLElement>(selector)!;
  const $$ = (selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];
  const status = () => $('[role="status"]').textContent!.trim();
  /** The element, if it is there and shown (not inside anything hidden): what the customer can see and reach. */
  const shown = (selector: string) => {
    const el = root.querySelector<HTMLElement>(selector);
    return el && !el.closest('[hidden]') ? el : null;
  };
  const click = async (target: HTMLElement) => {
    target.click();
    await el.updateComplete;
  };
  const effort = (point: number) => click($$('[part~="effort-option"]')[point - 1]);
  const emotion = (name: string) => click($$('[part~="emotion-option"]').find((b) => b.textContent!.includes(name))!);
  const send = async () => {
    await click($('[part="submit"]'));
    await settle(el);
  };
  return { el, root, $, $$, status, shown, click, effort, emotion, send };
}

/** Waits for the store write and the debounced send to finish. */
async function settle(el: CxFeedback) {
  for (let i = 0; i < 40; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    await el.updateComplete;
  }
}

const mine = () => requests.filter((r) => r.body.touchpoint === touchpoint);
const key = (target: HTMLElement, k: string) => target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));

describe('<cx-feedback> attributes', () => {
  it('renders nothing and says which attribute is missing when there is no endpoint', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { root } = await mount({ endpoint: '' });
    expect(root.querySelector('section, button')).toBeNull();
    expect(error).toHaveBeenCalledWith(expect.stringContaining('endpoint attribute'));
  });

  it('refuses an endpoint that is not http(s)', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { root } = await mount({ endpoint: 'javascript:alert(1)' });
    expect(root.querySelector('section')).toBeNull();
    expect(error).toHaveBeenCalledWith(expect.stringContaining('javascript:alert(1)'));
  });

  it('asks all three questions on a 7-point scale in English by default', async () => {
    const { $$, $ } = await mount();
    expect($$('[part~="effort-option"]')).toHaveLength(7);
    expect($$('[part~="emotion-option"]')).toHaveLength(5);
    expect($('textarea')).toBeTruthy();
    expect($('[part="submit"]').textContent).toBe('Send');
  });

  it.each([
    ['effort-scale', '9', (q: Awaited<ReturnType<typeof mount>>) => expect(q.$$('[part~="effort-option"]')).toHaveLength(7)],
    ['ask', 'effort nps', (q: Awaited<ReturnType<typeof mount>>) => expect(q.$$('[role="radiogroup"]')).toHaveLength(2)],
    ['mode', 'popup', (q: Awaited<ReturnType<typeof mount>>) => expect(q.shown('[part="submit"]')).toBeTruthy()],
    ['lang', 'ja', (q: Awaited<ReturnType<typeof mount>>) => expect(q.$('[part="submit"]').textContent).toBe('Send')],
    ['cooldown-days', '-1', () => {}],
    ['sample', '1.5', () => {}],
    ['batch', '0', () => {}],
    ['touchpoint', 'has spaces/and slashes', () => {}],
    ['open-on', 'two words', () => {}],
  ])('warns once about %s="%s", naming it, and uses the default', async (name, value, check) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const q = await mount({ [name]: value });
    q.el.setAttribute('question-effort', 'rendered again'); // a second render must not warn again
    await q.el.updateComplete;
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain(`${name}="${value}"`);
    check(q);
  });

  it('asks only what `ask` names, on the chosen scale', async () => {
    const { $$, $ } = await mount({ ask: 'effort', 'effort-scale': '5' });
    expect($$('[role="radiogroup"]')).toHaveLength(1);
    expect($$('[part~="effort-option"]').map((b) => b.getAttribute('aria-label'))).toEqual([
      '1, Very difficult',
      '2, Difficult',
      '3, Neither easy nor difficult',
      '4, Easy',
      '5, Very easy',
    ]);
    expect($('textarea')).toBeNull();
  });

  it("uses the owner's wording for the questions", async () => {
    const { root } = await mount({ 'question-effort': 'How easy was checking out?', 'question-emotion': 'And how do you feel?', 'question-comment': 'Tell us more' });
    const text = root.textContent!;
    expect(text).toContain('How easy was checking out?');
    expect(text).toContain('And how do you feel?');
    expect(text).toContain('Tell us more');
  });

  it('names every point of the effort scale and every emotion, in order', async () => {
    const { $$ } = await mount();
    expect($$('[part~="effort-option"]').map((b) => b.getAttribute('aria-label'))).toEqual([
      '1, Very difficult',
      '2, Difficult',
      '3, Somewhat difficult',
      '4, Neither easy nor difficult',
      '5, Somewhat easy',
      '6, Easy',
      '7, Very easy',
    ]);
    expect($$('[part~="emotion-option"] .name').map((b) => b.textContent)).toEqual(['Frustrated', 'Disappointed', 'Indifferent', 'Satisfied', 'Delighted']);
    expect($$('[part~="emotion-option"] .face').every((f) => f.getAttribute('aria-hidden') === 'true')).toBe(true);
  });
});

describe('<cx-feedback> languages', () => {
  it('speaks Spanish when asked', async () => {
    const { $, $$, root } = await mount({ lang: 'es' });
    expect($('[part="submit"]').textContent).toBe('Enviar');
    expect(root.textContent).toContain('¿Qué tan fácil te resultó?');
    expect($$('[part~="effort-option"]')[6].getAttribute('aria-label')).toBe('7, Muy fácil');
  });

  it('follows the nearest lang attribute, then the browser language', async () => {
    const section = document.createElement('section');
    section.lang = 'es-MX';
    document.body.append(section);
    expect((await mount({}, section)).$('[part="submit"]').textContent).toBe('Enviar');
    vi.spyOn(navigator, 'language', 'get').mockReturnValue('es-ES');
    expect((await mount()).$('[part="submit"]').textContent).toBe('Enviar');
  });

  it('sends the language it asked in', async () => {
    const q = await mount({ lang: 'es' });
    await q.effort(3);
    await q.send();
    expect(mine()[0].body.lang).toBe('es');
  });
});

describe('<cx-feedback> keyboard', () => {
  it('moves and chooses with the arrow keys, wrapping, with one tab stop per group', async () => {
    const { $$, el } = await mount();
    const points = $$('[part~="effort-option"]');
    expect(points.map((p) => p.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1]);
    key(points[0], 'ArrowRight');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).toBe(points[1]);
    expect(points[1].getAttribute('aria-checked')).toBe('true');
    expect(points.map((p) => p.tabIndex)).toEqual([-1, 0, -1, -1, -1, -1, -1]);
    key(points[1], 'End');
    await el.updateComplete;
    expect(points[6].getAttribute('aria-checked')).toBe('true');
    key(points[6], 'ArrowRight');
    await el.updateComplete;
    expect(points[0].getAttribute('aria-checked')).toBe('true');
    key(points[0], 'ArrowLeft');
    await el.updateComplete;
    expect(points[6].getAttribute('aria-checked')).toBe('true');
    key(points[6], 'Home');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).toBe(points[0]);

    const faces = $$('[part~="emotion-option"]');
    key(faces[0], 'ArrowDown');
    await el.updateComplete;
    expect(faces[1].getAttribute('aria-checked')).toBe('true');
    key(faces[1], 'ArrowUp');
    await el.updateComplete;
    expect(faces[0].getAttribute('aria-checked')).toBe('true');
  });

  it('labels each radio group with its question', async () => {
    const { $$, root } = await mount();
    for (const group of $$('[role="radiogroup"]')) {
      const label = root.getElementById(group.getAttribute('aria-labelledby')!);
      expect(label?.textContent).toMatch(/How easy|How did it make you feel/);
    }
  });
});

describe('<cx-feedback> answering', () => {
  it('sends a complete answer in three interactions, matching schema 1', async () => {
    const q = await mount({ 'data-plan': 'pro', 'data-order-id': 'A-17' });
    const submitted = vi.fn();
    q.el.addEventListener('cx-submit', (e) => submitted((e as CustomEvent).detail.answer));
    await q.effort(6);
    await q.emotion('Satisfied');
    await q.send();
    expect(mine()).toHaveLength(1);
    const answer = mine()[0].body;
    expect(answerError(answer)).toBeNull();
    expect(answer).toMatchObject({ v: 1, touchpoint, effort: 6, effortScale: 7, emotion: 'satisfied', comment: null, lang: 'en', context: { plan: 'pro', 'order-id': 'A-17' } });
    expect(answer.page).toBe(location.origin + location.pathname);
    expect(submitted).toHaveBeenCalledWith(answer);
    expect(mine()[0].headers['Idempotency-Key']).toBe(answer.id);
    expect(q.status()).toBe('Sent.');
  });

  it('redacts the comment before it leaves the element', async () => {
    const q = await mount();
    const textarea = q.$<HTMLTextAreaElement>('textarea');
    textarea.value = 'Mail me at ana@example.com or call +34 612 345 678, card 4111 1111 1111 1111';
    textarea.dispatchEvent(new Event('input'));
    await q.send();
    expect(mine()[0].body.comment).toBe('Mail me at [email] or call [phone], card [card]');
    expect(mine()[0].body.effort).toBeNull();
  });

  it('counts the comment and stops it at 1000 characters', async () => {
    const q = await mount();
    const textarea = q.$<HTMLTextAreaElement>('textarea');
    expect(textarea.maxLength).toBe(1000);
    textarea.value = 'abc';
    textarea.dispatchEvent(new Event('input'));
    await q.el.updateComplete;
    expect(q.$('[part="counter"]').textContent).toBe('3/1000');
    expect(textarea.getAttribute('aria-describedby')).toBe('count');
  });

  it('asks for something before sending nothing', async () => {
    const q = await mount();
    await q.send();
    expect(mine()).toHaveLength(0);
    expect(q.$('[role="alert"]').textContent).toContain('Choose an answer');
  });

  it('says "saved" until the endpoint acknowledges, and "sent" only after a 2xx', async () => {
    let acknowledge!: () => void;
    reply = () => new Promise((resolve) => (acknowledge = () => resolve(new Response('{}', { status: 201 }))));
    const q = await mount();
    const events: string[] = [];
    for (const type of ['cx-submit', 'cx-queued', 'cx-sent']) window.addEventListener(type, () => events.push(type), { once: true });
    await q.effort(2);
    await q.send();
    expect(q.status()).toBe('Saved. It will be sent.');
    expect(events).toEqual(['cx-submit', 'cx-queued']);
    acknowledge();
    await settle(q.el);
    expect(q.status()).toBe('Sent.');
    expect(events).toEqual(['cx-submit', 'cx-queued', 'cx-sent']);
  });

  it('keeps an answer the endpoint refuses out of "sent", and fires cx-failed', async () => {
    reply = () => new Response('{"error":"effort: out of range"}', { status: 422 });
    const q = await mount();
    const failed = vi.fn();
    q.el.addEventListener('cx-failed', (e) => failed((e as CustomEvent).detail));
    await q.effort(2);
    await q.send();
    await settle(q.el);
    expect(q.status()).toBe('It could not be delivered.');
    expect(failed).toHaveBeenCalledWith({ id: mine()[0].body.id, status: 422, reason: 'effort: out of range' });
  });

  it('lets a cx-submit listener take the answer over', async () => {
    const q = await mount();
    q.el.addEventListener('cx-submit', (e) => e.preventDefault());
    await q.effort(4);
    await q.send();
    expect(mine()).toHaveLength(0);
    expect(q.$('[part="done"]').textContent).toBe('Thank you!');
    expect(q.status()).toBe('');
  });

  it('sends the rating chosen when the customer leaves the page without pressing send', async () => {
    const q = await mount();
    await q.emotion('Frustrated');
    window.dispatchEvent(new Event('pagehide'));
    await settle(q.el);
    window.dispatchEvent(new Event('pageshow')); // back from the bfcache, for the tests that follow
    expect(mine().map((r) => [r.body.emotion, r.body.effort])).toContainEqual(['frustrated', null]);
    expect(mine().some((r) => r.keepalive)).toBe(true);
  });

  it('tells the customer when the queue is full, and keeps their answer on screen to try again', async () => {
    // The page's queue, full of earlier answers waiting out a long backoff.
    const queue = idbBox<Queued>('touchpoint-queue');
    const stalled = Array.from({ length: 500 }, (_, i) => entryFor(makeAnswer({ touchpoint: 'stalled' }), 'https://stalled.test/', 1, Date.now() + 60_000 + i));
    await queue.put(stalled.map(([key, r]) => [key, { ...r, nextAttemptAt: Date.now() + 3_600_000 }]), true);
    const q = await mount();
    await q.effort(2);
    await q.send();
    expect(q.status()).toBe('No room for more answers now. Please try later.');
    expect(q.$('[part~="effort-option"][aria-checked="true"]').textContent).toBe('2');
    expect(q.shown('[part="submit"]')).toBeTruthy();
    await queue.del(stalled.map(([key]) => key));
    await q.send();
    expect(q.status()).not.toBe('No room for more answers now. Please try later.');
  });

  it('moves focus to the thank-you, whose delivery line has the room of its longest message', async () => {
    const q = await mount();
    await q.effort(5);
    await q.send();
    expect(q.root.activeElement).toBe(q.$('[part="done"]'));
    expect(q.$('[part="done"]').textContent).toBe('Thank you!');
    expect(q.$('.room').getAttribute('aria-hidden')).toBe('true');
    expect(q.$$('.room span').map((s) => s.textContent)).toEqual(['Saved. It will be sent.', 'Sending…', 'Sent.', 'It could not be delivered.']);
    expect(q.shown('[part~="submit"]')).toBeNull();
  });
});

describe('<cx-feedback> drafts', () => {
  const drafts = async () => (await idbBox<Queued>('touchpoint-queue').all()).map(([, r]) => r).filter((r) => r.answer.touchpoint == touchpoint);
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 100 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  };

  it('keeps what the customer chose, and the redacted comment, in IndexedDB before anything is sent', async () => {
    const q = await mount();
    await q.effort(3);
    const textarea = q.$<HTMLTextAreaElement>('textarea');
    textarea.value = 'Call me on +34 612 345 678';
    textarea.dispatchEvent(new Event('input'));
    await until(async () => (await drafts())[0]?.answer.comment == 'Call me on [phone]');
    expect(await drafts()).toMatchObject([{ draft: expect.any(String), answer: { effort: 3, comment: 'Call me on [phone]' } }]);
    expect(mine()).toHaveLength(0);
  });

  it('sends the draft as the answer, with the same id, and keeps no draft behind', async () => {
    const q = await mount();
    await q.emotion('Delighted');
    await until(async () => (await drafts()).length == 1);
    const [draft] = await drafts();
    await q.send();
    expect(mine().map((r) => r.body.id)).toEqual([draft.answer.id]);
    await until(async () => (await drafts()).length == 0);
    expect(await drafts()).toEqual([]);
  });

  it('becomes an answer when a framework takes the element out of the page, and not when it is only moved', async () => {
    const q = await mount();
    await q.effort(6);
    const other = document.body.appendChild(document.createElement('section'));
    other.append(q.el); // moved: still in the page
    await settle(q.el);
    expect(mine()).toHaveLength(0);
    q.el.remove();
    await settle(q.el);
    expect(mine().map((r) => r.body.effort)).toEqual([6]);
  });

  it('drops a chosen effort when the scale changes, and the choice of a question no longer asked', async () => {
    const q = await mount();
    await q.effort(7);
    await q.emotion('Frustrated');
    q.el.setAttribute('effort-scale', '5');
    await q.el.updateComplete;
    expect(q.$$('[part~="effort-option"][aria-checked="true"]')).toHaveLength(0);
    q.el.setAttribute('ask', 'effort comment');
    await q.el.updateComplete;
    await q.effort(4);
    await q.send();
    expect(answerError(mine()[0].body)).toBeNull();
    expect(mine()[0].body).toMatchObject({ effort: 4, effortScale: 5, emotion: null });
  });
});

describe('<cx-feedback> floating', () => {
  it('opens a labelled dialog from its launcher, and Escape closes it, returning focus', async () => {
    const q = await mount({ mode: 'floating' });
    const launcher = q.$('[part="launcher"]');
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    launcher.focus();
    await q.click(launcher);
    const dialog = q.$('[role="dialog"]');
    expect(q.root.getElementById(dialog.getAttribute('aria-labelledby')!)!.textContent).toBe('Your feedback');
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    key(dialog, 'Escape');
    await q.el.updateComplete;
    await q.el.updateComplete;
    expect(q.shown('[role="dialog"]')).toBeNull();
    expect(q.el.shadowRoot!.activeElement).toBe(q.$('[part="launcher"]'));
  });

  it('sends a partial answer when closed after a rating', async () => {
    const q = await mount({ mode: 'floating' });
    await q.click(q.$('[part="launcher"]'));
    await q.effort(7);
    await q.click(q.$('[part="close"]'));
    await settle(q.el);
    expect(mine().map((r) => r.body.effort)).toEqual([7]);
  });

  it('counts closing without an answer as a dismissal, and does not ask again for the cooldown', async () => {
    const q = await mount({ mode: 'floating' });
    const dismissed = vi.fn();
    q.el.addEventListener('cx-dismiss', dismissed);
    await q.click(q.$('[part="launcher"]'));
    await q.click(q.$('[part="close"]'));
    expect(dismissed).toHaveBeenCalledOnce();
    expect(mine()).toHaveLength(0);
    const next = await mount({ mode: 'floating' });
    expect(next.shown('[part="launcher"]')).toBeNull();
  });

  it('opens on the named window event, once the customer is in the sample', async () => {
    const q = await mount({ mode: 'floating', 'open-on': 'order-complete' });
    window.dispatchEvent(new Event('order-complete'));
    await q.el.updateComplete;
    expect(q.shown('[role="dialog"]')).toBeTruthy();
  });

  it('offers nothing outside the sample, but opens when the page asks explicitly', async () => {
    const q = await mount({ mode: 'floating', sample: '0', 'open-on': 'order-complete' });
    expect(q.shown('[part="launcher"]')).toBeNull();
    window.dispatchEvent(new Event('order-complete'));
    await q.el.updateComplete;
    expect(q.shown('[role="dialog"]')).toBeNull();
    expect(openWidget(touchpoint)).toBe(true);
    await q.el.updateComplete;
    expect(q.shown('[role="dialog"]')).toBeTruthy();
  });

  it('samples by journey, so the same customer gets the same decision on every page', async () => {
    const shown = [];
    for (let i = 0; i < 4; i++) shown.push(!!(await mount({ mode: 'floating', sample: '0.5' })).$('[part="launcher"]'));
    expect(new Set(shown).size).toBe(1);
  });
});

describe('<cx-feedback> cooldown', () => {
  it('says it was already told, inline, after an answer at this touchpoint', async () => {
    const q = await mount();
    await q.effort(3);
    await q.send();
    const again = await mount();
    expect(again.shown('[part="submit"]')).toBeNull();
    expect(again.status()).toBe('Thanks, you already told us.');
  });

  it('asks again every time with cooldown-days="0"', async () => {
    const q = await mount({ 'cooldown-days': '0' });
    await q.effort(3);
    await q.send();
    expect((await mount({ 'cooldown-days': '0' })).shown('[part="submit"]')).toBeTruthy();
  });

  it('asks again once the cooldown has passed', async () => {
    const q = await mount({ 'cooldown-days': '2' });
    await q.effort(3);
    await q.send();
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 2 * 86_400_000 + 1);
    expect((await mount({ 'cooldown-days': '2' })).shown('[part="submit"]')).toBeTruthy();
  });
});
