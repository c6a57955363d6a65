import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { ApiError, call } from '../inbox/api.js';
import inboxStyles from '../inbox/inbox.styles.js';
import { htmlRefused } from '../trusted-types.js';
import { warnOnce } from '../warn.js';
import { readOwnerOptions as readOptions, type OwnerOptions as WebhooksOptions } from '../owner-options.js';
import en from './translations/en.js';
import es from './translations/es.js';
import type { WebhooksStrings } from './translations/strings.js';
import {
  WEBHOOK_EVENTS,
  WEBHOOK_FILTERS,
  WEBHOOK_FORMATS,
  type NewWebhookTarget,
  type WebhookDelivery,
  type WebhookEvent,
  type WebhookFilter,
  type WebhookFormat,
  type WebhookTarget,
  type WebhookTestResult,
} from './types.js';
import styles from './webhooks.styles.js';

const STRINGS: Record<'en' | 'es', WebhooksStrings> = { en, es };
const ATTRIBUTES = ['source', 'lang'];
const DELIVERIES = 20;
/** While a shown delivery is pending, after the owner acts the lists refresh themselves every `FOLLOW_MS`, at most `FOLLOW_ROUNDS` times. */
const FOLLOW_MS = 2_000;
const FOLLOW_ROUNDS = 30;

type Phase = 'checking' | 'signin' | 'loading' | 'ready' | 'failed';
interface Panel {
  items: WebhookDelivery[] | null;
  loading: boolean;
}
type Fields = Pick<WebhookTarget, 'url' | 'events' | 'format' | 'filter'>;
const BLANK: Fields = { url: '', events: ['answer.created'], format: 'standard', filter: 'all' };

const dates = new Map<string, Intl.DateTimeFormat>();
const dateOf = (lang: string, iso: string | null) => {
  if (!iso) return '';
  let f = dates.get(lang);
  if (!f) dates.set(lang, (f = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' })));
  const ms = Date.parse(iso);
  return isNaN(ms) ? iso : f.format(ms);
};

/** An error worth saying beside the status: not the collector's `HTTP 500` for a 500. */
const news = (error: string | null | undefined, status: number | null | undefined) => (error && error !== `HTTP ${status}` ? error : null);

/**
 * @summary The owner's webhook targets: add one (its signing secret shown once), change, test and delete them, and see each one's latest deliveries, sending a failed one again.
 * @tagname cx-webhooks
 *
 * @attr {string} source - URL of the collector's API root (absolute or relative, http or https): the element calls `<source>/session` and `<source>/webhooks…` with the owner's session cookie, so it must be the page's own origin. Default: `/api`.
 * @attr {'en' | 'es'} lang - `en` or `es`. Default: the nearest `lang` attribute, then the browser's language; any other language is shown in English.
 * @attr {'auto' | 'light' | 'dark'} theme - `auto` (the host page's own `color-scheme`), `light` or `dark`. Default: `auto`.
 *
 * @event {{ signedIn: boolean }} cx-session - Sent with `signedIn: false` when the collector ends the session (a 401); heard from `<cx-inbox>`, whose sign-in form signs this element in too.
 * @event {{ targets: WebhookTarget[] }} cx-webhooks-change - A target was added, changed or deleted here.
 *
 * @csspart base - The element.
 * @csspart status - The status and error messages.
 * @csspart list - The list of targets.
 * @csspart target - Each target.
 * @csspart actions - A target's buttons.
 * @csspart editor - The form that adds or changes a target.
 * @csspart secret - The new target's signing secret, shown once.
 * @csspart deliveries - A target's latest deliveries.
 * @csspart delivery - Each delivery.
 *
 * @cssproperty --cx-bg - Background colour.
 * @cssproperty --cx-fg - Text colour.
 * @cssproperty --cx-muted - Secondary text colour.
 * @cssproperty --cx-border - Border colour.
 * @cssproperty --cx-accent - Colour of buttons.
 * @cssproperty --cx-on-accent - Text colour on the accent colour.
 * @cssproperty --cx-focus - Focus ring colour.
 * @cssproperty --cx-radius - Corner radius.
 * @cssproperty --cx-font - Font family.
 * @cssproperty --cx-font-size - Base font size.
 */
export class CxWebhooks extends LitElement {
  static override styles = [inboxStyles, styles];
  static override properties = {
    _phase: { state: true },
    _ended: { state: true },
    _targets: { state: true },
    _secret: { state: true },
    _copyNote: { state: true },
    _editing: { state: true },
    _confirming: { state: true },
    _panels: { state: true },
    _outcomes: { state: true },
    _testing: { state: true },
    _status: { state: true },
    _alert: { state: true },
  };

  static override get observedAttributes() {
    this.finalize();
    return ATTRIBUTES;
  }

  private declare _phase: Phase;
  /** The collector ended the session (rather than: nobody signed in yet). */
  private declare _ended: boolean;
  private declare _targets: WebhookTarget[];
  private declare _secret: { url: string; secret: string } | null;
  private declare _copyNote: string;
  /** The target whose edit form is open. */
  private declare _editing: string | null;
  /** The target whose deletion waits for a yes. */
  private declare _confirming: string | null;
  /** Open delivery lists, by target. */
  private declare _panels: ReadonlyMap<string, Panel>;
  /** The last test's outcome, by target. */
  private declare _outcomes: Readonly<Record<string, string>>;
  private declare _testing: ReadonlySet<string>;
  private declare _status: string;
  private declare _alert: string;
  private declare _o: WebhooksOptions;
  private declare _startedFor: string | null | undefined;
  private _follow: ReturnType<typeof setTimeout> | undefined;
  private _rounds = 0;

  constructor() {
    super();
    this._phase = 'checking';
    this._ended = false;
    this._targets = [];
    this._secret = this._editing = this._confirming = null;
    this._panels = new Map();
    this._outcomes = {};
    this._testing = new Set();
    this._status = this._alert = this._copyNote = '';
  }

  override attributeChangedCallback(): void {
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('cx-session', this._onSession);
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('cx-session', this._onSession);
    clearTimeout(this._follow);
    this._startedFor = undefined;
  }

  protected override shouldUpdate(): boolean {
    return !htmlRefused();
  }

  protected override willUpdate(): void {
    const o = (this._o = readOptions(this));
    if (o.source !== this._startedFor && this.isConnected) {
      this._startedFor = o.source;
      void this._start();
    }
  }

  private get _t(): WebhooksStrings {
    return STRINGS[this._o.lang];
  }

  /** Another element (the inbox) signed the owner in or out. */
  private _onSession = (e: Event): void => {
    if (e.target === this) return;
    if ((e as CustomEvent<{ signedIn?: boolean }>).detail?.signedIn) {
      if (this._phase !== 'ready' && this._phase !== 'loading') void this._load();
    } else if (this._phase !== 'signin') this._signedOut(false);
  };

  private async _start(): Promise<void> {
    if (!this._o.source) return;
    this._phase = 'checking';
    try {
      const session = await call<{ signedIn?: boolean }>(this._o.source, 'GET', '/session');
      if (session?.signedIn === false) throw new ApiError(401, 'not signed in');
      await this._load();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this._signedOut(false);
      else {
        warnOnce(`<cx-webhooks> could not reach the collector at ${this._o.source}: ${(error as Error)?.message}`);
        this._phase = 'failed';
      }
    }
  }

  private _signedOut(ended: boolean): void {
    clearTimeout(this._follow);
    this._phase = 'signin';
    this._ended = ended;
    this._targets = [];
    this._secret = this._editing = this._confirming = null;
    this._panels = new Map();
    this._outcomes = {};
    this._status = this._alert = '';
  }

  /** Calls the collector; a 401 means the session ended. Other failures are said in the alert and thrown. */
  private async _call<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      return await call<T>(this._o.source!, method, path, body);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        if (this._phase !== 'signin') {
          this._signedOut(true);
          this.dispatchEvent(new CustomEvent('cx-session', { detail: { signedIn: false }, bubbles: true, composed: true }));
        }
      } else {
        this._status = '';
        this._alert = this._t.actionFailed((error as Error)?.message ?? String(error));
      }
      throw error;
    }
  }

  private async _load(): Promise<void> {
    if (!this._o.source) return;
    this._phase = 'loading';
    try {
      const page = await this._call<{ items?: WebhookTarget[] }>('GET', '/webhooks');
      this._targets = Array.isArray(page?.items) ? page.items : [];
      this._ended = false;
      this._alert = '';
      this._phase = 'ready';
    } catch {
      if (this._phase === 'loading') this._phase = 'failed';
    }
  }

  private _changed(targets: WebhookTarget[], status: string): void {
    this._targets = targets;
    this._alert = '';
    this._status = status;
    this.dispatchEvent(new CustomEvent('cx-webhooks-change', { detail: { targets }, bubbles: true, composed: true }));
  }

  /** The form's fields, or null after saying (and focusing) what is missing. */
  private _fields(form: HTMLFormElement): Fields | null {
    const data = new FormData(form);
    const url = String(data.get('url') ?? '').trim();
    const events = data.getAll('events').map(String) as WebhookEvent[];
    const missing = !url ? ['url', this._t.urlMissing] : !events.length ? ['events', this._t.eventsMissing] : null;
    if (missing) {
      this._status = '';
      this._alert = missing[1];
      form.querySelector<HTMLElement>(`[name="${missing[0]}"]`)?.focus();
      return null;
    }
    return { url, events, format: String(data.get('format')) as WebhookFormat, filter: String(data.get('filter')) as WebhookFilter };
  }

  private async _create(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const fields = this._fields(form);
    if (!fields) return;
    this._status = this._t.working;
    try {
      const { secret, ...target } = await this._call<NewWebhookTarget>('POST', '/webhooks', fields);
      this._changed([...this._targets, target], '');
      this._secret = { url: target.url, secret };
      this._copyNote = '';
      form.reset();
      await this.updateComplete;
      this._focus('#secret-title');
    } catch {
      form.querySelector<HTMLElement>('[name="url"]')?.focus();
    }
  }

  private async _copy(): Promise<void> {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#secret');
    try {
      await navigator.clipboard.writeText(this._secret!.secret);
      this._copyNote = this._t.copied;
    } catch {
      input?.focus();
      input?.select();
      this._copyNote = this._t.copyByHand;
    }
  }

  private async _forgetSecret(): Promise<void> {
    this._secret = null;
    await this.updateComplete;
    this._focus('#add-title');
  }

  private async _edit(id: string | null): Promise<void> {
    const was = this._editing;
    this._editing = id;
    this._confirming = null;
    this._alert = '';
    await this.updateComplete;
    if (id) this._focus(`li[data-id="${id}"] .editor input`);
    else if (was) this._focusAction(was, 'edit');
  }

  private async _save(e: SubmitEvent, target: WebhookTarget): Promise<void> {
    e.preventDefault();
    const fields = this._fields(e.target as HTMLFormElement);
    if (!fields) return;
    this._status = this._t.working;
    try {
      const changed = await this._call<WebhookTarget>('PATCH', `/webhooks/${encodeURIComponent(target.id)}`, fields);
      this._changed(
        this._targets.map((t) => (t.id === target.id ? changed : t)),
        this._t.saved,
      );
      await this._edit(null);
    } catch {}
  }

  private async _confirm(id: string | null): Promise<void> {
    const was = this._confirming;
    this._confirming = id;
    this._editing = null;
    await this.updateComplete;
    if (id) this._focus(`li[data-id="${id}"] .confirm button`);
    else if (was) this._focusAction(was, 'delete');
  }

  private async _remove(target: WebhookTarget): Promise<void> {
    this._status = this._t.working;
    try {
      await this._call('DELETE', `/webhooks/${encodeURIComponent(target.id)}`);
      const panels = new Map(this._panels);
      panels.delete(target.id);
      this._panels = panels;
      this._confirming = null;
      this._changed(
        this._targets.filter((t) => t.id !== target.id),
        this._t.removed(target.url),
      );
      await this.updateComplete;
      this._focus('#targets-title');
    } catch {}
  }

  private async _test(target: WebhookTarget): Promise<void> {
    if (this._testing.has(target.id)) return;
    const t = this._t;
    this._testing = new Set([...this._testing, target.id]);
    this._alert = '';
    this._status = t.testing;
    try {
      const r = await this._call<WebhookTestResult>('POST', `/webhooks/${encodeURIComponent(target.id)}/test`);
      const said = t.tested(r.delivered, r.status ?? null, news(r.error, r.status));
      this._outcomes = { ...this._outcomes, [target.id]: said };
      this._status = said;
      this._rounds = 0;
      if (this._panels.has(target.id)) void this._deliveries(target.id);
    } catch {
    } finally {
      const testing = new Set(this._testing);
      testing.delete(target.id);
      this._testing = testing;
    }
  }

  private async _toggleDeliveries(id: string): Promise<void> {
    if (this._panels.has(id)) {
      const panels = new Map(this._panels);
      panels.delete(id);
      this._panels = panels;
      return;
    }
    this._rounds = 0;
    await this._deliveries(id);
    await this.updateComplete;
    this._focus(`#d-${CSS.escape(id)}-title`);
  }

  private _panel(id: string, panel: Panel): void {
    this._panels = new Map(this._panels).set(id, panel);
  }

  /** Loads (or refreshes) a target's latest deliveries. */
  private async _deliveries(id: string): Promise<void> {
    this._panel(id, { items: this._panels.get(id)?.items ?? null, loading: true });
    try {
      const page = await this._call<{ items?: WebhookDelivery[] }>('GET', `/webhooks/${encodeURIComponent(id)}/deliveries?limit=${DELIVERIES}`);
      if (this._panels.has(id)) this._panel(id, { items: Array.isArray(page?.items) ? page.items : [], loading: false });
    } catch {
      if (this._panels.has(id)) this._panel(id, { items: this._panels.get(id)!.items ?? [], loading: false });
    }
    this._keepUp();
  }

  /**
   * While a shown delivery is pending, refreshes the lists now and then (for a minute after the
   * owner's last action), so that it is seen to arrive or fail. Not by `nextAttemptAt`: the
   * browser's clock need not agree with the collector's.
   */
  private _keepUp(): void {
    clearTimeout(this._follow);
    const due = [...this._panels].filter(([, p]) => p.items?.some((d) => d.state === 'pending'));
    if (!due.length || this._rounds >= FOLLOW_ROUNDS || this._phase !== 'ready') return;
    this._follow = setTimeout(() => {
      this._rounds++;
      for (const [id] of due) if (this._panels.has(id)) void this._deliveries(id);
    }, FOLLOW_MS);
  }

  private async _redeliver(id: string, delivery: WebhookDelivery): Promise<void> {
    this._status = this._t.redelivering;
    this._alert = '';
    try {
      await this._call('POST', `/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(delivery.id)}/redeliver`);
      this._rounds = 0;
      await this._deliveries(id);
      this._status = '';
      await this.updateComplete;
      this._focus(`#d-${CSS.escape(id)}-title`);
    } catch {}
  }

  private _focus(selector: string): void {
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private _focusAction(id: string, action: string): void {
    this._focus(`li[data-id="${CSS.escape(id)}"] [data-action="${action}"]`);
  }

  // Rendering

  protected override render() {
    const o = this._o;
    if (!o.source) return nothing;
    const t = this._t;
    const phase = this._phase;
    return html`<section class="inbox webhooks" part="base" lang=${o.lang} dir="ltr" aria-labelledby="title" aria-busy=${phase === 'loading' || phase === 'checking'}>
      <h2 id="title" tabindex="-1">${t.title}</h2>
      <p class="muted">${t.intro}</p>
      ${phase === 'checking' ? html`<p class="status" role="status">${t.checking}</p>` : nothing}
      ${phase === 'signin' ? html`<p class="signin-note" role="status">${this._ended ? t.sessionEnded : t.signIn}</p>` : nothing}
      ${phase === 'failed' ? html`<p class="alert">${t.failed}</p><button type="button" @click=${() => this._load()}>${t.retry}</button>` : nothing}
      ${phase === 'loading' ? html`<p class="status">${t.loading}</p>` : nothing}
      ${phase === 'ready' ? this._ready(t) : nothing}
    </section>`;
  }

  private _ready(t: WebhooksStrings): TemplateResult {
    return html`${this._secret ? this._secretPanel(t) : nothing}
      <div class="messages" part="status">
        <p class="status" role="status">${this._status}</p>
        <p class="alert" role="alert">${this._alert}</p>
      </div>
      <h3 id="targets-title" tabindex="-1">${t.targets}</h3>
      ${this._targets.length
        ? html`<ul class="list" part="list" aria-labelledby="targets-title">
            ${repeat(this._targets, (w) => w.id, (w, i) => this._target(w, i, t))}
          </ul>`
        : html`<p class="muted">${t.empty}</p>`}
      <h3 id="add-title" tabindex="-1">${t.add}</h3>
      ${this._form('n', BLANK, t.addButton, (e) => this._create(e))}`;
  }

  private _secretPanel(t: WebhooksStrings): TemplateResult {
    const s = this._secret!;
    return html`<div class="secret" part="secret" role="group" aria-labelledby="secret-title">
      <h3 id="secret-title" tabindex="-1">${t.secretTitle(s.url)}</h3>
      <p id="secret-once"><strong>${t.secretOnce}</strong></p>
      <label for="secret">${t.secretLabel}</label>
      <div class="row">
        <input id="secret" class="code" type="text" readonly spellcheck="false" autocomplete="off" aria-describedby="secret-once" .value=${s.secret} @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
        <button type="button" class="primary" @click=${this._copy}>${t.copy}</button>
      </div>
      <p class="status" role="status">${this._copyNote}</p>
      <button type="button" @click=${this._forgetSecret}>${t.secretDone}</button>
    </div>`;
  }

  private _target(w: WebhookTarget, i: number, t: WebhooksStrings): TemplateResult {
    const key = `t${i}`;
    const panel = this._panels.get(w.id);
    const testing = this._testing.has(w.id);
    const names = (w.events ?? []).map((e) => t.eventNames[e] ?? e);
    return html`<li class="item target" part="target" data-id=${w.id} aria-labelledby="${key}-url">
      <h4 id="${key}-url" class="url">${w.url}</h4>
      <dl class="ratings">
        <div><dt>${t.events}</dt><dd>${names.join(', ')}</dd></div>
        <div><dt>${t.format}</dt><dd>${t.formats[w.format] ?? w.format}</dd></div>
        ${w.events?.includes('answer.created') ? html`<div><dt>${t.filter}</dt><dd>${t.filters[w.filter] ?? w.filter}</dd></div>` : nothing}
      </dl>
      <div class="actions" part="actions" role="group" aria-label=${t.actionsFor(w.url)}>
        <button type="button" data-action="edit" aria-expanded=${this._editing === w.id} @click=${() => this._edit(this._editing === w.id ? null : w.id)}>${t.edit}</button>
        <button type="button" data-action="test" aria-disabled=${testing} @click=${() => this._test(w)}>${testing ? t.testing : t.test}</button>
        <button type="button" data-action="deliveries" aria-expanded=${!!panel} aria-controls="d-${w.id}" @click=${() => this._toggleDeliveries(w.id)}>${t.deliveries}</button>
        <button type="button" data-action="delete" @click=${() => this._confirm(w.id)}>${t.remove}</button>
      </div>
      ${this._outcomes[w.id] ? html`<p class="outcome">${this._outcomes[w.id]}</p>` : nothing}
      ${this._confirming === w.id
        ? html`<div class="confirm editor" role="group" aria-labelledby="${key}-confirm" @keydown=${this._escape(() => this._confirm(null))}>
            <p id="${key}-confirm">${t.confirmRemove(w.url)}</p>
            <div class="row">
              <button type="button" class="danger" @click=${() => this._remove(w)}>${t.removeYes}</button>
              <button type="button" @click=${() => this._confirm(null)}>${t.cancel}</button>
            </div>
          </div>`
        : nothing}
      ${this._editing === w.id ? this._form(key, w, t.save, (e) => this._save(e, w), () => this._edit(null)) : nothing}
      ${panel ? this._deliveryList(w, panel, t) : nothing}
    </li>`;
  }

  private _escape(close: () => void) {
    return (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        close();
      }
    };
  }

  /** The form that adds (`key` n) or changes a target. */
  private _form(key: string, f: Fields, submit: string, onSubmit: (e: SubmitEvent) => void, cancel?: () => void): TemplateResult {
    const t = this._t;
    const select = <T extends string>(name: string, label: string, options: readonly T[], words: Record<T, string>, value: T, hint?: string) =>
      html`<div class="field"><label for="${key}-${name}">${label}</label>
        <select id="${key}-${name}" name=${name} aria-describedby=${hint ? `${key}-${name}-hint` : nothing}>
          ${options.map((o) => html`<option value=${o} ?selected=${o === value}>${words[o]}</option>`)}
        </select>
        ${hint ? html`<p class="muted" id="${key}-${name}-hint">${hint}</p>` : nothing}
      </div>`;
    return html`<form class="editor" part="editor" novalidate aria-label=${cancel ? `${t.edit} ${f.url}` : t.add} @submit=${onSubmit} @keydown=${cancel ? this._escape(cancel) : nothing}>
      <div class="field">
        <label for="${key}-url">${t.url}</label>
        <input id="${key}-url" name="url" type="url" inputmode="url" autocomplete="off" spellcheck="false" maxlength="2000" placeholder="https://" required .value=${f.url} aria-describedby="${key}-url-hint" />
        <p class="muted" id="${key}-url-hint">${t.urlHint}</p>
      </div>
      <fieldset>
        <legend>${t.events}</legend>
        <div class="events">
          ${WEBHOOK_EVENTS.map(
            (e) => html`<label class="choice"><input type="checkbox" name="events" value=${e} ?checked=${f.events.includes(e)} /> <span>${t.eventNames[e]} <code>${e}</code></span></label>`,
          )}
        </div>
      </fieldset>
      <div class="fields">
        ${select('format', t.format, WEBHOOK_FORMATS, t.formats, f.format)} ${select('filter', t.filter, WEBHOOK_FILTERS, t.filters, f.filter, t.filterHint)}
      </div>
      <div class="row">
        <button type="submit" class="primary">${submit}</button>
        ${cancel ? html`<button type="button" @click=${cancel}>${t.cancel}</button>` : nothing}
      </div>
    </form>`;
  }

  private _deliveryList(w: WebhookTarget, panel: Panel, t: WebhooksStrings): TemplateResult {
    const lang = this._o.lang;
    const title = `d-${w.id}-title`;
    const row = (label: string, value: unknown) => (value || value === 0 ? html`<div><dt>${label}</dt><dd>${value}</dd></div>` : nothing);
    return html`<section class="deliveries" part="deliveries" id="d-${w.id}" aria-labelledby=${title} aria-busy=${panel.loading}>
      <div class="row">
        <h5 id=${title} tabindex="-1">${t.latest}<span class="vh">: ${w.url}</span></h5>
        <button type="button" data-action="refresh" aria-disabled=${panel.loading} @click=${() => ((this._rounds = 0), this._deliveries(w.id))}>${t.refresh}</button>
      </div>
      ${panel.items === null ? html`<p class="muted">${t.loading}</p>` : panel.items.length ? nothing : html`<p class="muted">${t.noDeliveries}</p>`}
      <ol class="list">
        ${repeat(
          panel.items ?? [],
          (d) => d.id,
          (d) => {
            const type = d.type === 'webhook.test' ? t.testEvent : (t.eventNames[d.type as WebhookEvent] ?? d.type);
            const when = dateOf(lang, d.createdAt);
            return html`<li class="delivery state-${d.state}" part="delivery" data-id=${d.id}>
              <div class="head">
                <strong>${type}</strong>
                <span class="state">${t.states[d.state] ?? d.state}</span>
                <time class="muted" datetime=${d.createdAt}>${when}</time>
              </div>
              <dl class="ratings">
                ${row(t.attempts, d.attempts)} ${row(t.lastAttempt, dateOf(lang, d.lastAttemptAt))} ${row(t.lastStatus, d.lastStatus && `HTTP ${d.lastStatus}`)}
                ${row(t.lastError, d.state !== 'delivered' && news(d.lastError, d.lastStatus))} ${row(t.nextAttempt, d.state === 'pending' && dateOf(lang, d.nextAttemptAt))}
                ${row(t.deliveredAt, dateOf(lang, d.deliveredAt))}
              </dl>
              ${d.state === 'failed'
                ? html`<button type="button" data-action="redeliver" aria-label=${t.redeliverWhat(type, when)} @click=${() => this._redeliver(w.id, d)}>${t.redeliver}</button>`
                : nothing}
            </li>`;
          },
        )}
      </ol>
    </section>`;
  }
}
