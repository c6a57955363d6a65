import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { codePoints, COMMENT_MAX, PAGE_MAX, type Answer, type Emotion, EMOTIONS } from '../../core/answer.js';
import { coolingDown, markAsked } from '../../core/cooldown.js';
import { QueueFullError } from '../../core/delivery/queue.js';
import { runtime } from '../../core/delivery/runtime.js';
import { journeyId } from '../../core/journey.js';
import { redact } from '../../core/redact.js';
import { inSample } from '../../core/sample.js';
import { uuid } from '../../core/uuid.js';
import { contextOf, readOptions, type FeedbackOptions } from './options.js';
import styles from './feedback.styles.js';
import en from './translations/en.js';
import es from './translations/es.js';
import type { FeedbackStrings } from './translations/strings.js';

const STRINGS: Record<string, FeedbackStrings> = { en, es };
const FACES: Record<Emotion, string> = { frustrated: '😣', disappointed: '😞', indifferent: '😐', satisfied: '🙂', delighted: '😄' };
const ATTRIBUTES = ['endpoint', 'touchpoint', 'ask', 'effort-scale', 'lang', 'mode', 'open-on', 'cooldown-days', 'sample', 'batch', 'question-effort', 'question-emotion', 'question-comment'];

type Status = '' | 'saved' | 'sending' | 'sent' | 'failed' | 'full' | 'thanks';

/**
 * @summary Asks a customer, at one touchpoint, how easy it was and how it felt, with an optional comment.
 * @tagname cx-feedback
 *
 * @attr endpoint - URL the answers are POSTed to (absolute or relative, http or https). Required.
 * @attr touchpoint - Id of this touchpoint, 1–64 characters of `A-Za-z0-9._:-`. Default: the page path.
 * @attr ask - Space-separated subset of `effort emotion comment`. Default: all three.
 * @attr effort-scale - `5` or `7` points. Default: `7`.
 * @attr lang - `es` or `en`. Default: the nearest `lang` attribute, then the browser's language, then `en`.
 * @attr mode - `inline` (in the page flow) or `floating` (a launcher in a corner that opens a panel). Default: `inline`.
 * @attr open-on - Name of a window event that opens the floating panel, e.g. `order-complete`.
 * @attr cooldown-days - Days not to ask again at this touchpoint after an answer or a dismissal; `0` asks always. Default: `30`.
 * @attr sample - Probability 0–1 that the floating launcher is offered at all. Default: `1`.
 * @attr batch - Answers per request: `1` posts each answer with an `Idempotency-Key`; more posts `{"events":[…]}`. Default: `1`.
 * @attr question-effort - Your own wording of the effort question.
 * @attr question-emotion - Your own wording of the emotion question.
 * @attr question-comment - Your own wording of the comment question.
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
 * @csspart close - The panel's close button.
 * @csspart form - The form around the questions.
 * @csspart question - Each question's text.
 * @csspart effort - The effort radio group.
 * @csspart effort-option - Each point of the effort scale.
 * @csspart emotion - The emotion radio group.
 * @csspart emotion-option - Each emotion.
 * @csspart checked - The chosen effort point and emotion.
 * @csspart comment - The comment text box.
 * @csspart counter - The comment's character counter.
 * @csspart submit - The send button.
 * @csspart status - The thank-you and delivery message.
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
 * @cssproperty --cx-font-size - Base font size.
 * @cssproperty --cx-z-index - Stacking order of the launcher and panel.
 * @cssproperty --cx-top - Distance of the launcher and panel from the top (default `auto`).
 * @cssproperty --cx-right - Distance from the right (default `1rem`).
 * @cssproperty --cx-bottom - Distance from the bottom (default `1rem`).
 * @cssproperty --cx-left - Distance from the left (default `auto`).
 */
export class CxFeedback extends LitElement {
  static override styles = styles;
  static override properties = {
    _effort: { state: true },
    _emotion: { state: true },
    _comment: { state: true },
    _open: { state: true },
    _done: { state: true },
    _hint: { state: true },
    _status: { state: true },
  };

  // Attributes are read together by readOptions() on each update, so they need no properties;
  // finalize() still sets up the state properties and styles, as Lit's own getter would.
  static override get observedAttributes() {
    this.finalize();
    return ATTRIBUTES;
  }

  declare _effort: number | null;
  declare _emotion: Emotion | null;
  declare _comment: string;
  declare _open: boolean;
  declare _done: boolean;
  declare _hint: boolean;
  declare _status: Status;
  private declare _o: FeedbackOptions;
  /** Whether this touchpoint was answered or dismissed recently, as of page load. */
  private declare _before: boolean;
  private declare _beforeKey: string;
  private declare _listening: string | null;
  private declare _returnTo: Element | null;

  constructor() {
    super();
    this._effort = this._emotion = null;
    this._comment = '';
    this._open = this._done = this._hint = false;
    this._status = '';
    this._listening = null;
  }

  override attributeChangedCallback(): void {
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('pagehide', this._leave);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('pagehide', this._leave);
    this._listen(null);
  }

  /** Opens the floating panel (or, inline, brings the questions into view), whatever the sample or cooldown. */
  open(): void {
    this._o ??= readOptions(this);
    if (this._o.mode !== 'floating') {
      this.scrollIntoView?.({ block: 'nearest' });
      this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[tabindex="0"]')?.focus());
      return;
    }
    if (this._open) return;
    // From our own launcher, document.activeElement is this host: the launcher is found on close.
    this._returnTo = document.activeElement === this ? null : document.activeElement;
    this._open = true;
    this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.panel [tabindex="0"], .panel .close')?.focus());
  }

  /** Closes the floating panel. A rating already chosen is still sent; closing with none is a dismissal. */
  close(): void {
    if (!this._open) return;
    if (!this._done) {
      if (this._effort !== null || this._emotion !== null) this._send();
      else {
        markAsked(this._o.touchpoint);
        this.dispatchEvent(new CustomEvent('cx-dismiss', { bubbles: true, composed: true }));
      }
    }
    this._open = false;
    if (this._o.cooldownDays === 0) this._reset();
    const target = this._returnTo?.isConnected ? this._returnTo : null;
    this.updateComplete.then(() => ((target as HTMLElement | null) ?? this.renderRoot.querySelector<HTMLElement>('.launcher'))?.focus());
  }

  protected override willUpdate(): void {
    const o = (this._o = readOptions(this));
    const key = `${o.touchpoint} ${o.cooldownDays}`;
    if (this._beforeKey !== key) {
      this._beforeKey = key;
      this._before = coolingDown(o.touchpoint, o.cooldownDays);
    }
  }

  protected override updated(): void {
    this._listen(this._o.mode === 'floating' && this._o.endpoint ? this._o.openOn : null);
  }

  private _listen(name: string | null): void {
    if (name === this._listening) return;
    if (this._listening) removeEventListener(this._listening, this._openOn);
    if (name) addEventListener(name, this._openOn);
    this._listening = name;
  }

  private get _offered(): boolean {
    const o = this._o;
    return !this._before && inSample(journeyId(), o.touchpoint, o.sample);
  }

  private _openOn = () => {
    if (this._offered) this.open();
  };

  /** Leaving the page with a rating chosen still sends it: a partial answer is an answer. */
  private _leave = () => {
    if (!this._done && this._o?.endpoint && (this._effort !== null || this._emotion !== null)) this._send();
  };

  private _reset(): void {
    this._effort = this._emotion = null;
    this._comment = '';
    this._done = this._hint = false;
    this._status = '';
  }

  private _answer(): Answer {
    const o = this._o;
    const asks = (q: string) => o.ask.includes(q as never);
    let comment = asks('comment') ? redact(this._comment.trim()) : '';
    // Redaction can lengthen text ("a@b.io" → "[email]"); the schema counts code points.
    if (codePoints(comment) > COMMENT_MAX) comment = [...comment].slice(0, COMMENT_MAX).join('');
    return {
      id: uuid(),
      v: 1,
      touchpoint: o.touchpoint,
      journey: journeyId(),
      effort: asks('effort') ? this._effort : null,
      effortScale: o.effortScale,
      emotion: asks('emotion') ? this._emotion : null,
      comment: comment || null,
      page: (location.origin + location.pathname).slice(0, PAGE_MAX),
      lang: o.lang,
      createdAt: new Date().toISOString(),
      context: contextOf(this),
    };
  }

  private async _send(): Promise<void> {
    const o = this._o;
    const answer = this._answer();
    if (answer.effort === null && answer.emotion === null && answer.comment === null) {
      this._hint = true;
      return;
    }
    // Keep the card's height while its content changes, so the page below does not move.
    const card = this.renderRoot.querySelector<HTMLElement>('.card');
    if (card && o.mode === 'inline') card.style.minHeight = `${card.offsetHeight}px`;
    this._done = true;
    this._hint = false;
    this._status = '';
    markAsked(o.touchpoint);
    const submit = new CustomEvent('cx-submit', { detail: { answer }, bubbles: true, composed: true, cancelable: true });
    if (!this.dispatchEvent(submit)) {
      this._status = 'thanks';
      return;
    }
    const rt = runtime();
    const stop = rt.watch(answer.id, (d) => {
      this._status = d.type;
      stop();
    });
    try {
      const persistent = await rt.submit(answer, o.endpoint!, o.batch, this);
      if (!this._status) this._status = persistent ? 'saved' : 'sending';
    } catch (error) {
      stop();
      this._done = false;
      this._status = error instanceof QueueFullError ? 'full' : 'failed';
    }
    if (o.mode === 'floating') this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.close')?.focus());
  }

  private _onSubmit = (e: Event) => {
    e.preventDefault();
    this._send();
  };

  /** Roving focus in a radio group (WAI-ARIA APG): arrows move and choose, wrapping; Home and End jump. */
  private _rove(e: KeyboardEvent, choose: (index: number) => void): void {
    const radios = [...(e.currentTarget as HTMLElement).children] as HTMLElement[];
    const i = radios.indexOf(e.target as HTMLElement);
    const n = radios.length;
    const to = ({ ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: n - 1 } as Record<string, number>)[e.key];
    if (i < 0 || to === undefined) return;
    e.preventDefault();
    const j = (to + n) % n;
    choose(j);
    radios[j].focus();
  }

  private _group(part: string, labelId: string, options: TemplateResult[], choose: (index: number) => void): TemplateResult {
    return html`<div class="choices" role="radiogroup" aria-labelledby=${labelId} part=${part} @keydown=${(e: KeyboardEvent) => this._rove(e, choose)}>
      ${options}
    </div>`;
  }

  private _radio(part: string, checked: boolean, tabbable: boolean, choose: () => void, content: unknown, label?: string): TemplateResult {
    return html`<button
      type="button"
      role="radio"
      part=${checked ? `${part} checked` : part}
      aria-checked=${checked}
      aria-label=${label ?? nothing}
      tabindex=${tabbable ? 0 : -1}
      @click=${choose}
    >${content}</button>`;
  }

  private _form(t: FeedbackStrings): TemplateResult {
    const { ask, questions, effortScale } = this._o;
    const labels = effortScale === 5 ? t.effort5 : t.effort7;
    const chooseEffort = (i: number) => ((this._effort = i + 1), (this._hint = false));
    const chooseEmotion = (i: number) => ((this._emotion = EMOTIONS[i]), (this._hint = false));
    return html`<form part="form" novalidate @submit=${this._onSubmit}>
      ${ask.includes('effort')
        ? html`<div>
            <p class="label" id="effort-q" part="question">${questions.effort ?? t.effortQuestion}</p>
            ${this._group(
              'effort',
              'effort-q',
              labels.map((label, i) =>
                this._radio('effort-option', this._effort === i + 1, (this._effort ?? 1) === i + 1, () => chooseEffort(i), i + 1, `${i + 1}, ${label}`),
              ),
              chooseEffort,
            )}
            <div class="ends" aria-hidden="true"><span>${labels[0]}</span><span>${labels[labels.length - 1]}</span></div>
          </div>`
        : nothing}
      ${ask.includes('emotion')
        ? html`<div>
            <p class="label" id="emotion-q" part="question">${questions.emotion ?? t.emotionQuestion}</p>
            ${this._group(
              'emotion',
              'emotion-q',
              EMOTIONS.map((emotion, i) =>
                this._radio(
                  'emotion-option',
                  this._emotion === emotion,
                  (this._emotion ?? EMOTIONS[0]) === emotion,
                  () => chooseEmotion(i),
                  html`<span class="face" aria-hidden="true">${FACES[emotion]}</span><span class="name">${t.emotions[emotion]}</span>`,
                ),
              ),
              chooseEmotion,
            )}
          </div>`
        : nothing}
      ${ask.includes('comment')
        ? html`<div>
            <label class="label" for="comment" part="question"
              >${questions.comment ?? t.commentQuestion} <span class="muted">(${t.optional})</span></label
            >
            <textarea
              id="comment"
              part="comment"
              rows="3"
              maxlength=${COMMENT_MAX}
              aria-describedby="count"
              .value=${this._comment}
              @input=${(e: Event) => ((this._comment = (e.target as HTMLTextAreaElement).value), (this._hint = false))}
            ></textarea>
            <span class="count" id="count" part="counter">${this._comment.length}/${COMMENT_MAX}</span>
          </div>`
        : nothing}
      ${this._hint ? html`<p class="hint" role="alert">${t.needAnswer}</p>` : nothing}
      <button class="submit" part="submit" type="submit">${t.send}</button>
    </form>`;
  }

  /** The questions, or what became of the answer. The status region is always there, so it is announced. */
  private _body(t: FeedbackStrings): TemplateResult {
    // Inline, a recent answer leaves a short line; a floating panel opened on purpose asks anyway.
    const already = this._before && !this._done && this._o.mode === 'inline';
    const message = this._status ? t[this._status] : already ? t.already : '';
    const asking = !this._done && !already;
    return html`<p class="status" role="status" part="status" tabindex="-1">${message}</p>
      ${asking ? this._form(t) : nothing}`;
  }

  protected override render() {
    const o = this._o;
    if (!o.endpoint) return nothing;
    const t = STRINGS[o.lang];
    if (o.mode === 'inline') return html`<section class="card" part="base" aria-label=${t.dialog} lang=${o.lang}>${this._body(t)}</section>`;
    return html`${this._open || this._offered
      ? html`<button class="launcher" part="launcher" aria-haspopup="dialog" aria-expanded=${this._open} @click=${() => (this._open ? this.close() : this.open())}>
          ${t.launcher}
        </button>`
      : nothing}
    ${this._open
      ? html`<div
          class="card panel"
          part="base panel"
          role="dialog"
          aria-labelledby="title"
          lang=${o.lang}
          @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && (e.stopPropagation(), this.close())}
        >
          <div class="head">
            <h2 id="title">${t.dialog}</h2>
            <button class="close" part="close" aria-label=${t.close} @click=${() => this.close()}>×</button>
          </div>
          ${this._body(t)}
        </div>`
      : nothing}`;
  }
}
