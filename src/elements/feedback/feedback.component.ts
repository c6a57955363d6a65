import { codePoints, COMMENT_MAX, EMOTIONS, PAGE_MAX, type Answer, type Lang } from '../../core/answer.js';
import { coolingDown, markAsked } from '../../core/cooldown.js';
import { emit } from '../../core/emit.js';
import { idle, runtime } from '../../core/delivery/runtime.js';
import { dirOf } from '../../core/i18n/lang.js';
import { stringsFor } from '../../core/i18n/locales.js';
import { effortLabels } from '../../core/i18n/words.js';
import { journeyId } from '../../core/journey.js';
import { redact } from '../../core/redact.js';
import { inSample } from '../../core/sample.js';
import { uuid } from '../../core/uuid.js';
import { ElementBase } from '../base.js';
import { h, type Child } from '../dom.js';
import { adoptSheet } from '../sheet.js';
import { face } from './faces.js';
import { contextOf, readOptions, type FeedbackOptions, type Question } from './options.js';
import styles from './feedback.styles.js';
import en from './translations/en.js';
import es from './translations/es.js';
import type { FeedbackStrings } from './translations/strings.js';

const STRINGS = { en, es };
const ATTRIBUTES = ['endpoint', 'touchpoint', 'ask', 'effort-scale', 'lang', 'mode', 'theme', 'open-on', 'cooldown-days', 'sample', 'batch', 'no-preflight', 'question-effort', 'question-emotion', 'question-comment'];
type Status = '' | 'saved' | 'sending' | 'sent' | 'failed' | 'full';
/** The nodes a render changes in place: the rest is rebuilt only when the structure changes. */
interface Nodes {
  launcher?: HTMLElement;
  card?: HTMLElement;
  comment?: HTMLTextAreaElement;
  /** The check mark and thank-you, shown once the answer is given. */
  done?: HTMLElement[];
  status?: HTMLElement;
  questions?: HTMLElement;
  effort?: HTMLElement[];
  emotion?: HTMLElement[];
  count?: HTMLElement;
  submit?: HTMLElement;
  hint?: HTMLElement;
}
/** Where this element's answers go, and how. */
const target = (o: FeedbackOptions) => ({ endpoint: o.endpoint!, batch: o.batch, simple: o.noPreflight });
const circle = () => h('circle', { cx: 12, cy: 12, r: 10 });
/** A 24 × 24 line icon: `d` and, for faces and the check, the circle around it. */
const icon = (d: string, round = true, props?: Record<string, unknown>) => h('svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true', ...props }, round && circle(), h('path', { d }));
/** The state of a form nobody has touched. `_id` is the answer's id, kept from its first draft. */
const FRESH = { _id: '', _effort: null, _emotion: null, _comment: '', _open: false, _done: false, _hint: false, _status: '' as Status };
type State = { -readonly [K in keyof typeof FRESH]: (typeof FRESH)[K] | (K extends '_effort' | '_emotion' ? number : never) };

/**
 * @summary Asks a customer, at one touchpoint, how easy it was and how it felt, with an optional comment.
 * @tagname cx-feedback
 *
 * @attr {string} endpoint - URL the answers are POSTed to (absolute or relative, http or https). Required.
 * @attr {string} touchpoint - Id of this touchpoint, 1–64 characters of `A-Za-z0-9._:-`. Default: the page path.
 * @attr {string} ask - Space-separated subset of `effort emotion comment`. Default: all three.
 * @attr {'5' | '7'} effort-scale - `5` or `7` points. Default: `7`.
 * @attr {'en' | 'es' | 'fr' | 'de' | 'pt' | 'it' | 'ca' | 'nl' | 'ar'} lang - `en`, `es` (built in), `fr`, `de`, `pt`, `it`, `ca`, `nl` or `ar` (with its locale script, `dist/locales/<lang>.js`). Default: the nearest `lang` attribute, then the browser's language, then `en`.
 * @attr {'inline' | 'floating'} mode - `inline` (in the page flow) or `floating` (a launcher in a corner that opens a panel). Default: `inline`.
 * @attr {'auto' | 'light' | 'dark'} theme - `auto` (the host page's own `color-scheme`: dark only where the page supports dark and the visitor prefers it), `light` or `dark`. Default: `auto`.
 * @attr {string} open-on - Name of a window event that opens the floating panel, e.g. `order-complete`.
 * @attr {string} cooldown-days - Days not to ask again at this touchpoint after an answer or a dismissal; `0` asks always. Default: `30`.
 * @attr {string} sample - Probability 0–1 that the floating launcher is offered at all. Default: `1`.
 * @attr {boolean} no-preflight - Send each answer as a CORS simple request (`Content-Type: text/plain`, no custom headers), for endpoints that answer no preflight (`OPTIONS`): no-code catchers such as Google Apps Script, Zapier, Make, n8n or Pipedream. Where the endpoint's answer cannot be read, "sent" means it was received, not accepted (see the README).
 * @attr {string} batch - Answers per request: `1` posts each answer with an `Idempotency-Key`; more posts `{"events":[…]}`. Default: `1`.
 * @attr {string} question-effort - Your own wording of the effort question.
 * @attr {string} question-emotion - Your own wording of the emotion question.
 * @attr {string} question-comment - Your own wording of the comment question.
 *
 * @event {{ answer: Answer }} cx-submit - An answer is about to be stored and sent. Cancelable: `preventDefault()` keeps it from being sent.
 * @event cx-dismiss - The customer closed the panel without answering.
 * @event {{ id: string }} cx-queued - The answer is stored and waiting to be sent.
 * @event {{ id: string, status: number }} cx-sent - The endpoint acknowledged the answer with a 2xx (fired in the tab that received it; on `window` when this element is gone).
 * @event {{ id: string, status: number, reason: string }} cx-failed - The endpoint refused the answer, or it expired; it is kept in the dead-letter store.
 *
 * @csspart base - The card holding the questions (inline), or the panel (floating).
 * @csspart launcher - The floating launcher button.
 * @csspart panel - The floating panel.
 * @csspart title - The floating panel's title.
 * @csspart close - The panel's close button.
 * @csspart question - Each question's text.
 * @csspart effort - The effort radio group.
 * @csspart effort-option - Each point of the effort scale.
 * @csspart emotion - The emotion radio group.
 * @csspart emotion-option - Each emotion.
 * @csspart face - The face drawn in each emotion option.
 * @csspart checked - The chosen effort point and emotion.
 * @csspart comment - The comment text box.
 * @csspart counter - The comment's character counter.
 * @csspart submit - The send button.
 * @csspart done - The check mark and thank-you that replace the questions once the answer is given.
 * @csspart status - The delivery message ("saved", "sent"), and the cooldown and queue-full messages.
 *
 * @cssproperty --cx-bg - Background colour.
 * @cssproperty --cx-fg - Text colour.
 * @cssproperty --cx-muted - Secondary text colour.
 * @cssproperty --cx-border - Border colour.
 * @cssproperty --cx-accent - Colour of chosen options, the send button and the launcher.
 * @cssproperty --cx-on-accent - Text colour on the accent colour.
 * @cssproperty --cx-focus - Focus ring colour.
 * @cssproperty --cx-radius - Corner radius.
 * @cssproperty --cx-font - Font family.
 * @cssproperty --cx-font-size - Base font size (never below 14px). Default: the browser's default size, whatever the page's root font size.
 * @cssproperty --cx-z-index - Stacking order of the launcher and panel.
 * @cssproperty --cx-top - Distance of the launcher and panel from the top (default `auto`).
 * @cssproperty --cx-right - Distance from the right (default `1rem`).
 * @cssproperty --cx-bottom - Distance from the bottom (default `1rem`).
 * @cssproperty --cx-left - Distance from the left (default `auto`).
 */
export class CxFeedback extends ElementBase {
  // Lit's templates without LitElement: its reactive properties and CSS helpers would cost
  // 2.5 KB of the script tag's 12 KB, and the attributes here are read together on each render.
  static observedAttributes = ATTRIBUTES;

  private declare _id: string;
  /** Chosen effort point (1-based) and emotion (index in EMOTIONS), or null. */
  private declare _effort: number | null;
  private declare _emotion: number | null;
  private declare _comment: string;
  private declare _open: boolean;
  /** The answer has left the form (submitted, or taken over by a cx-submit listener). */
  private declare _done: boolean;
  private declare _hint: boolean;
  private declare _status: Status;
  private declare _o: FeedbackOptions;
  /** Whether this touchpoint was answered or dismissed recently, as of page load. */
  private declare _before: boolean;
  private declare _beforeKey: string;
  private declare _listening?: string | null;
  private declare _rendering?: Promise<void>;
  /** Changes wait for a render. */
  private declare _dirty: boolean;
  /** A floating element's first render, waiting for idle time. */
  private declare _idle?: Promise<void>;
  /** What the shadow root was last built from, and the nodes that change in place. */
  private declare _built?: string;
  private declare _n: Nodes;

  constructor() {
    super();
    Object.assign(this, FRESH);
  }

  /** Resolves once pending changes are on screen. */
  get updateComplete(): Promise<void> {
    return Promise.all([this._rendering, this._idle]).then(() => {});
  }

  connectedCallback(): void {
    this.shadowRoot || this.attachShadow({ mode: 'open' });
    addEventListener('pagehide', this._leave);
    addEventListener('cx-locale', this._relocale);
    const o = (this._o = readOptions(this));
    this._listen(o.mode == 'floating' && o.endpoint ? o.openOn : null);
    // Inline, at once, not in a microtask: the first paint already shows it at its size. A
    // floating launcher sits in a corner and moves nothing, so it waits for idle time, and the
    // page's load pays nothing for it.
    if (o.mode == 'floating') this._idle = new Promise<void>((done) => idle(done)).then(() => this._render());
    else this._render();
  }

  disconnectedCallback(): void {
    removeEventListener('pagehide', this._leave);
    removeEventListener('cx-locale', this._relocale);
    this._listen();
    // Taken out of the page (a framework unmounting it on a route change): what the customer
    // chose is an answer now. Moved within the page, it is back before this microtask runs.
    queueMicrotask(() => this.isConnected || this._leave());
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    // Before the first render (the attributes read at upgrade) there is nothing to change: that
    // render reads them all, and a floating launcher's waits for idle time.
    if (this._built === undefined) return;
    // A choice made on one scale means nothing on another, and a question no longer asked has no answer.
    if (old != value && /^(effort-scale|ask)$/.test(name)) {
      const { ask } = readOptions(this);
      this._pick({
        _effort: name == 'ask' && ask.includes('effort') ? this._effort : null,
        _emotion: ask.includes('emotion') ? this._emotion : null,
        _comment: ask.includes('comment') ? this._comment : '',
      });
    } else this._update();
  }

  /** Applies state changes and renders them once, in a microtask. */
  private _set(changes: Partial<State>): void {
    Object.assign(this, changes);
    this._update();
  }

  /** A change the customer made (or an attribute undid): applied, and kept as a draft. */
  private _pick(changes: Partial<State>): void {
    this._set({ ...changes, _hint: false });
    const o = this._options();
    if (this._done || !o.endpoint) return;
    const answer = this._answer(o);
    if (answer || this._id) runtime().draft(this._id, answer, target(o), this);
  }

  private _update(): void {
    this._dirty = true;
    this._rendering ??= Promise.resolve().then(() => {
      this._rendering = undefined;
      if (this._dirty) this._render();
    });
  }

  private _render(): void {
    // A render already done covers the changes before it (the attributes read at upgrade, say).
    this._dirty = false;
    if (!this.isConnected) return;
    const o = (this._o = readOptions(this));
    const key = o.touchpoint + o.cooldownDays;
    if (this._beforeKey != key) {
      this._beforeKey = key;
      this._before = coolingDown(o.touchpoint, o.cooldownDays);
    }
    const { t, lang } = stringsFor('feedback', o.lang, STRINGS);
    // Rebuilt only when what is asked, how, or in which language changes; everything else
    // changes in place, so focus, the text being typed, the launcher and the status live region
    // stay the same nodes.
    const questions = ['effort', 'emotion', 'comment'].map((q) => this.getAttribute(`question-${q}`));
    const built = JSON.stringify([o, questions, lang]);
    if (built != this._built) {
      // Styled at the first render, not at connection: a floating launcher waits for idle time.
      this._built ?? adoptSheet(this.shadowRoot!, styles);
      this._built = built;
      this._n = {};
      this.shadowRoot!.replaceChildren(...(o.endpoint ? this._build(o, t, lang) : []));
    }
    this._patch(t, lang);
    this._listen(o.mode == 'floating' && o.endpoint ? o.openOn : null);
  }

  /** Opens the floating panel (or, inline, focuses the questions), whatever the sample or cooldown. */
  open(): void {
    if (readOptions(this).mode == 'floating') this._set({ _open: true });
    this._focus('[tabindex="0"], .close');
  }

  /** Closes the floating panel. Whatever was already chosen or written is still sent; closing with nothing is a dismissal. */
  close(): void {
    if (!this._open) return;
    if (!this._done)
      if (this._answer()) this._send();
      else {
        markAsked(this._o.touchpoint);
        emit(this, 'cx-dismiss');
      }
    this._set(this._o.cooldownDays ? { _open: false } : FRESH);
    this._focus('.launcher');
  }

  private _listen(name?: string | null): void {
    if (name == this._listening) return;
    if (this._listening) removeEventListener(this._listening, this._openOn);
    if (name) addEventListener(name, this._openOn);
    this._listening = name;
  }

  private get _offered(): boolean {
    return !this._before && inSample(journeyId(), this._o.sample);
  }

  private _openOn = () => this._offered && this.open();

  /** A locale script arrived: speak it, if it is this element's language. */
  private _relocale = () => this._built !== undefined && this._update();

  /** Leaving the page, or the page leaving it, with something chosen or written still sends it: a partial answer is an answer. */
  private _leave = () => {
    if (!this._done && this._answer()) this._send();
  };

  private _focus(selector: string): void {
    this.updateComplete.then(() => this.shadowRoot!.querySelector<HTMLElement>(selector)?.focus());
  }

  /** The attributes as they are; once out of the page, as they were when it last rendered there (its language came from the page). */
  private _options(): FeedbackOptions {
    return this.isConnected || !this._o ? readOptions(this) : this._o;
  }

  /** The answer as it stands, or null when nothing is chosen or written yet (or there is nowhere to send it). */
  private _answer(o = this._options()): Answer | null {
    const asks = (q: Question) => o.ask.includes(q);
    // Redaction can lengthen text ("a@b.io" → "[email]"); the schema counts code points.
    let comment = asks('comment') ? redact(this._comment.trim()) : '';
    if (codePoints(comment) > COMMENT_MAX) comment = [...comment].slice(0, COMMENT_MAX).join('');
    const effort = asks('effort') ? this._effort : null;
    const emotion = asks('emotion') && this._emotion != null ? EMOTIONS[this._emotion] : null;
    if (!o.endpoint || (effort == null && emotion == null && !comment)) return null;
    // The notice <cx-status> shows here, if any, goes in context.notice: asked through an event on
    // window that its listener answers at once, whichever script loaded first (neither imports the other).
    const context = contextOf(this);
    emit(window, 'cx-notice', { touchpoint: o.touchpoint, context });
    return {
      id: (this._id ||= uuid()),
      v: 1,
      touchpoint: o.touchpoint,
      journey: journeyId(),
      effort,
      effortScale: o.effortScale,
      emotion,
      comment: comment || null,
      page: (location.origin + location.pathname).slice(0, PAGE_MAX),
      // The language the questions were asked in: English while a locale script is missing.
      lang: stringsFor('feedback', o.lang, STRINGS).lang,
      createdAt: new Date().toISOString(),
      context,
    };
  }

  private async _send(): Promise<void> {
    const o = this._options();
    const answer = this._answer(o);
    if (!answer) return this._set({ _hint: true });
    // The card shrinks to the thank-you right after the customer's own click: a change that
    // follows input, not a layout shift. Later changes of the status line keep its room.
    this._set({ _done: true, _hint: false, _status: '' });
    markAsked(o.touchpoint);
    if (!emit(this, 'cx-submit', { answer }, true)) runtime().draft(answer.id, null, target(o), this);
    else
      try {
        const persistent = await runtime().submit(answer, target(o), this, (d) => this._set({ _status: d.type }));
        if (!this._status) this._set({ _status: persistent ? 'saved' : 'sending' });
      } catch {
        // The queue is full: nothing was stored but the draft, so the form stays for another try.
        this._set({ _done: false, _status: 'full' });
      }
    this._focus(this._done ? '.thanks' : '[part~="submit"]');
  }

  /** Roving focus in a radio group (WAI-ARIA APG): arrows move and choose, wrapping; Home and End jump. */
  private _rove(e: KeyboardEvent): void {
    const radios = [...(e.currentTarget as HTMLElement).children] as HTMLElement[];
    const i = radios.indexOf(e.target as HTMLElement);
    const n = radios.length;
    // In a right-to-left language the arrows follow the reading direction.
    const step = getComputedStyle(radios[0]).direction == 'rtl' ? -1 : 1;
    const to = ({ ArrowRight: i + step, ArrowDown: i + 1, ArrowLeft: i - step, ArrowUp: i - 1, Home: 0, End: n - 1 } as Record<string, number>)[e.key];
    if (i < 0 || to == null) return;
    e.preventDefault();
    radios[(to + n) % n].click();
    radios[(to + n) % n].focus();
  }

  /** One rating question: a labelled radio group, one tab stop, the scale's ends named. The chosen option is marked by _patch. */
  private _choices(id: 'effort' | 'emotion', question: string, labels: readonly string[], choose: (i: number) => void): HTMLElement {
    const faces = id == 'emotion';
    const options = labels.map((label, i) =>
      h(
        'button',
        { type: 'button', role: 'radio', 'aria-label': faces ? label : `${i + 1}, ${label}`, onclick: () => choose(i) },
        faces ? [icon(face(i), true, { part: 'face' }), h('span', { class: 'name', 'aria-hidden': 'true' }, label)] : i + 1,
      ),
    );
    this._n[id] = options;
    return h(
      'div',
      null,
      h('p', { class: 'label', id, part: 'question' }, question),
      h('div', { class: 'choices', role: 'radiogroup', 'aria-labelledby': id, part: id, onkeydown: (e: KeyboardEvent) => this._rove(e) }, options),
      h('div', { class: 'ends', 'aria-hidden': 'true' }, h('span', { class: 'muted' }, labels[0]), h('span', { class: 'muted' }, labels[labels.length - 1])),
    );
  }

  /** The card's content: the thank-you (hidden until the answer is given), the status line, and the questions. */
  private _body(o: FeedbackOptions, t: FeedbackStrings): Child[] {
    const n = this._n;
    const q = (name: Question) => o.ask.includes(name) && (this.getAttribute(`question-${name}`)?.trim() || t[`${name}Question`]);
    return [
      (n.done = [icon('M7.5 12.5l3 3 6-6.5', true, { class: 'check' }), h('p', { class: 'thanks', part: 'done', tabindex: -1 }, t.thanks)]),
      // The status region is always there, so screen readers announce what it says next; under
      // the thank-you it keeps the room of its longest message, so nothing moves when "saved"
      // becomes "sent".
      h(
        'div',
        { class: 'box' },
        (n.status = h('p', { class: 'status', role: 'status', part: 'status' })),
        h('div', { class: 'status room', 'aria-hidden': 'true' }, h('span', null, t.saved), h('span', null, t.sending), h('span', null, t.sent), h('span', null, t.failed)),
      ),
      (n.questions = h(
        'div',
        { class: 'questions' },
        q('effort') && this._choices('effort', q('effort') as string, effortLabels(t, o.effortScale), (i) => this._pick({ _effort: i + 1 })),
        q('emotion') && this._choices('emotion', q('emotion') as string, EMOTIONS.map((e) => t.emotions[e]), (i) => this._pick({ _emotion: i })),
        q('comment') &&
          h(
            'div',
            null,
            h('label', { class: 'label', for: 'comment', part: 'question' }, q('comment'), ' ', h('span', { class: 'muted' }, `(${t.optional})`)),
            (n.comment = h('textarea', {
              id: 'comment',
              part: 'comment',
              rows: 3,
              maxlength: COMMENT_MAX,
              'aria-describedby': 'count',
              '.value': this._comment,
              oninput: (e: Event) => this._pick({ _comment: (e.target as HTMLTextAreaElement).value }),
            }) as HTMLTextAreaElement),
            (n.count = h('span', { class: 'muted count', id: 'count', part: 'counter' })),
          ),
        (n.submit = h('button', { class: 'submit', part: 'submit', onclick: () => this._send() }, t.send)),
      )),
    ];
  }

  /** The launcher and, inline, the card; a floating panel is built when it first opens. */
  private _build(o: FeedbackOptions, t: FeedbackStrings, lang: Lang): Node[] {
    if (o.mode == 'inline') return [(this._n.card = this._card(o, t, lang))];
    return [(this._n.launcher = h('button', { class: 'launcher', part: 'launcher', lang, dir: dirOf(lang), 'aria-haspopup': 'dialog', onclick: () => (this._open ? this.close() : this.open()) }, t.launcher))];
  }

  /** The card holding the questions: inline, or the floating panel. */
  private _card(o: FeedbackOptions, t: FeedbackStrings, lang: Lang): HTMLElement {
    const floating = o.mode == 'floating';
    return h(
      'section',
      {
        class: floating ? 'card panel' : 'card',
        part: floating ? 'base panel' : 'base',
        role: floating ? 'dialog' : null,
        'aria-labelledby': floating ? 'title' : null,
        'aria-label': floating ? null : t.dialog,
        lang,
        dir: dirOf(lang),
        onkeydown: (e: KeyboardEvent) => floating && e.key == 'Escape' && (e.stopPropagation(), this.close()),
      },
      floating &&
        h(
          'div',
          { class: 'head' },
          h('h2', { id: 'title', part: 'title' }, t.dialog),
          h('button', { class: 'close', part: 'close', 'aria-label': t.close, onclick: () => this.close() }, icon('M7 7l10 10M17 7 7 17', false)),
        ),
      this._body(o, t),
    );
  }

  /** Brings the built nodes up to the state: the chosen options, the counter, the status, the hint, the done state. */
  private _patch(t: FeedbackStrings, lang: Lang): void {
    const n = this._n;
    const done = this._done;
    // Inline, a recent answer leaves a short line; a floating panel opened on purpose asks anyway.
    const already = this._before && !done && this._o.mode == 'inline';
    if (n.launcher) {
      n.launcher.hidden = !this._open && !this._offered;
      n.launcher.setAttribute('aria-expanded', String(this._open));
      if (this._open && !n.card) this.shadowRoot!.append((n.card = this._card(this._o, t, lang)));
      if (n.card) n.card.hidden = !this._open;
    }
    n.card?.classList.toggle('done', done);
    if (n.comment && n.comment.value != this._comment) n.comment.value = this._comment;
    n.done?.forEach((el) => el.toggleAttribute('hidden', !done)); // the check mark is SVG: no .hidden
    if (n.questions) n.questions.hidden = done || already;
    if (n.status) n.status.textContent = this._status ? t[this._status] : already ? t.already : '';
    if (n.count) n.count.textContent = `${this._comment.length}/${COMMENT_MAX}`;
    for (const [name, chosen] of [
      ['effort', this._effort && this._effort - 1],
      ['emotion', this._emotion],
    ] as const)
      n[name]?.forEach((option, i) => {
        option.setAttribute('aria-checked', String(chosen == i));
        option.setAttribute('part', `${name}-option${chosen == i ? ' checked' : ''}`);
        option.tabIndex = (chosen ?? 0) == i ? 0 : -1;
      });
    // The hint is inserted when needed: a new alert is what screen readers announce.
    if (this._hint && !n.hint && n.submit) n.submit.before((n.hint = h('p', { role: 'alert' }, t.needAnswer)));
    if (!this._hint && n.hint) n.hint = void n.hint.remove();
  }
}
