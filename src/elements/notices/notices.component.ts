import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { SEVERITIES, textIn, type NoticeGroup, type NoticeText, type NoticeWithImpact } from '../../core/notice.js';
import { ApiError, call } from '../inbox/api.js';
import { readOwnerOptions } from '../owner-options.js';
import { htmlRefused } from '../trusted-types.js';
import styles from './notices.styles.js';
import en from './translations/en.js';
import es from './translations/es.js';
import type { NoticesStrings } from './translations/strings.js';

const STRINGS = { en, es };
const LANGUAGES = ['en', 'es'] as const;
type Phase = 'loading' | 'ready' | 'signed-out' | 'failed';

/** `datetime-local` (the owner's time zone) → ISO; empty → undefined. */
const isoOf = (local: string): string | undefined => (local ? new Date(local).toISOString() : undefined);

/**
 * @summary The owner's notices on /admin: publish a notice at the touchpoints an incident affects, post its updates, resolve it, and see how it felt.
 * @tagname cx-notices
 *
 * @attr {string} source - URL of the collector's API root. Default: `/api` (the collector serving the page). The owner signs in with `<cx-inbox>` beside it; until then this element shows nothing.
 * @attr {'en' | 'es'} lang - `en` or `es`. Default: the nearest `lang` attribute, then the browser's language, then `en`.
 * @attr {'auto' | 'light' | 'dark'} theme - `auto` (the host page's own `color-scheme`), `light` or `dark`. Default: `auto`.
 *
 * @event {{ notice: Notice }} cx-notice-change - A notice was published, updated, resolved or reopened here.
 *
 * @csspart base - The whole element.
 * @csspart form - The form that publishes a notice.
 * @csspart notice - Each notice.
 * @csspart impact - Each notice's comparison: answers, effort and net emotion while it was shown and outside it.
 * @csspart status - What just happened, or why it did not.
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
export class CxNotices extends LitElement {
  static override styles = styles;
  static override properties = { _phase: { state: true }, _notices: { state: true }, _said: { state: true }, _busy: { state: true } };
  static override get observedAttributes() {
    this.finalize();
    return ['source', 'lang'];
  }

  private declare _phase: Phase;
  private declare _notices: NoticeWithImpact[];
  /** The last outcome, for the status line: [text, failed?]. */
  private declare _said: [string, boolean] | null;
  private declare _busy: boolean;

  constructor() {
    super();
    this._phase = 'loading';
    this._notices = [];
    this._said = null;
    this._busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('cx-session', this._session);
    this._load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('cx-session', this._session);
  }

  override attributeChangedCallback(): void {
    this.requestUpdate();
  }

  protected override shouldUpdate(): boolean {
    return !htmlRefused();
  }

  /** `<cx-inbox>` signed the owner in or out. */
  private _session = (e: Event) => {
    if ((e as CustomEvent<{ signedIn: boolean }>).detail?.signedIn) this._load();
    else this._phase = 'signed-out';
  };

  private get _base(): string | null {
    return readOwnerOptions(this).source;
  }

  private get _t(): { t: NoticesStrings; lang: 'en' | 'es' } {
    const { lang } = readOwnerOptions(this);
    return { t: STRINGS[lang], lang };
  }

  private async _load(): Promise<void> {
    const base = this._base;
    if (!base) return;
    try {
      this._notices = (await call<{ notices: NoticeWithImpact[] }>(base, 'GET', '/notices')).notices;
      this._phase = 'ready';
    } catch (error) {
      this._phase = error instanceof ApiError && error.status === 401 ? 'signed-out' : 'failed';
      if (this._phase === 'failed') this._said = [this._t.t.failed((error as Error).message), true];
    }
  }

  /** Sends a change, then reads the list again (with the impacts); the status line says how it went. */
  private async _send(method: string, path: string, body: unknown, done: string, form?: HTMLFormElement): Promise<void> {
    const base = this._base;
    if (!base || this._busy) return;
    this._busy = true;
    try {
      const notice = await call<NoticeWithImpact>(base, method, path, body);
      form?.reset();
      this._said = [done, false];
      this.dispatchEvent(new CustomEvent('cx-notice-change', { detail: { notice }, bubbles: true, composed: true }));
      await this._load();
    } catch (error) {
      this._said = [this._t.t.failed((error as Error).message), true];
    } finally {
      this._busy = false;
    }
  }

  /** Texts in the languages the owner wrote, the element's language first: a string when only one. */
  private _texts(data: FormData, name: string): NoticeText | undefined {
    const { lang } = this._t;
    const order = [lang, ...LANGUAGES.filter((l) => l !== lang)];
    const text = Object.fromEntries(order.flatMap((l) => (String(data.get(`${name}-${l}`) ?? '').trim() ? [[l, String(data.get(`${name}-${l}`)).trim()]] : [])));
    const keys = Object.keys(text);
    return keys.length === 0 ? undefined : text;
  }

  private _create(e: SubmitEvent): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const touchpoints = String(data.get('touchpoints') ?? '').trim();
    const body = {
      severity: data.get('severity'),
      title: this._texts(data, 'title'),
      body: this._texts(data, 'body'),
      link: String(data.get('link') ?? '').trim() || null,
      touchpoints: touchpoints ? touchpoints.split(/[\s,]+/) : null,
      startsAt: isoOf(String(data.get('starts') ?? '')),
      endsAt: isoOf(String(data.get('ends') ?? '')) ?? null,
    };
    this._send('POST', '/notices', body, this._t.t.created, form);
  }

  private _update(e: SubmitEvent, n: NoticeWithImpact): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    this._send('POST', `/notices/${encodeURIComponent(n.id)}/updates`, { body: String(data.get('update') ?? ''), resolve: data.get('resolve') === 'on' }, this._t.t.updated, form);
  }

  private _form(t: NoticesStrings, lang: 'en' | 'es'): TemplateResult {
    const order = [lang, ...LANGUAGES.filter((l) => l !== lang)];
    return html`<form part="form" @submit=${this._create} aria-labelledby="new-title">
      <h3 id="new-title">${t.create}</h3>
      <div class="fields">
        <label>${t.severityLabel}
          <select name="severity">${SEVERITIES.map((s) => html`<option value=${s} ?selected=${s === 'minor'}>${t.severity[s]}</option>`)}</select>
        </label>
        ${order.map((l, i) => html`<label>${t.titleIn(t.languages[l])}<input name=${`title-${l}`} maxlength="200" ?required=${i === 0} /></label>`)}
        ${order.map((l, i) => html`<label>${t.bodyIn(t.languages[l])}<textarea name=${`body-${l}`} rows="3" maxlength="2000" ?required=${i === 0}></textarea></label>`)}
        <label>${t.link}<input name="link" type="url" /></label>
        <label>${t.touchpoints}<input name="touchpoints" aria-describedby="tp-hint" /><span class="muted" id="tp-hint">${t.touchpointsHint}</span></label>
        <label>${t.startsAt}<input name="starts" type="datetime-local" aria-describedby="starts-hint" /><span class="muted" id="starts-hint">${t.startsHint}</span></label>
        <label>${t.endsAt}<input name="ends" type="datetime-local" /></label>
      </div>
      <button ?disabled=${this._busy}>${t.create}</button>
    </form>`;
  }

  private _impact(n: NoticeWithImpact, t: NoticesStrings, lang: string): TemplateResult {
    const number = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
    const signed = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
    const row = (label: string, g: NoticeGroup) =>
      html`<tr>
        <th scope="row">${label}</th>
        <td>${g.count}</td>
        <td>${g.effortMean === null ? '–' : number.format(g.effortMean)}</td>
        <td>${g.netEmotion === null ? '–' : signed.format(g.netEmotion)}</td>
      </tr>`;
    return html`<div class="scroll">
      <table part="impact">
        <thead><tr><td></td><th scope="col">${t.answers}</th><th scope="col">${t.effort}</th><th scope="col">${t.net}</th></tr></thead>
        <tbody>${row(t.during, n.impact.during)}${row(t.outside, n.impact.outside)}</tbody>
      </table>
    </div>`;
  }

  private _notice(n: NoticeWithImpact, t: NoticesStrings, lang: 'en' | 'es', now: number): TemplateResult {
    const date = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    const at = (iso: string) => html`<time datetime=${iso}>${date.format(Date.parse(iso))}</time>`;
    const end = n.resolvedAt ?? n.endsAt;
    const state = n.resolvedAt ? 'resolved' : Date.parse(n.startsAt) > now ? 'scheduled' : end && Date.parse(end) <= now ? 'ended' : 'active';
    const id = `n-${n.id}`;
    return html`<li class="notice" part="notice" data-severity=${n.severity} aria-labelledby=${id}>
      <h4 id=${id}>${t.severity[n.severity]}: ${textIn(n.title, lang)}</h4>
      <p class="muted"><span class="state">${t.state[state]}</span> · ${end ? html`${at(n.startsAt)} – ${at(end)}` : html`${t.since('')}${at(n.startsAt)}`} ·
        ${n.touchpoints ? n.touchpoints.join(', ') : t.everywhere}</p>
      <p>${textIn(n.body, lang)}</p>
      ${this._impact(n, t, lang)}
      ${n.impact.comments.length
        ? html`<p class="muted">${t.comments}</p>
            <ul class="comments">${n.impact.comments.map((c) => html`<li>${c.comment}</li>`)}</ul>`
        : nothing}
      ${n.updates.length
        ? html`<p class="muted">${t.timeline}</p>
            <ol class="timeline">${n.updates.map((u) => html`<li>${at(u.at)}: ${textIn(u.body, lang)}</li>`)}</ol>`
        : nothing}
      ${n.resolvedAt
        ? html`<button class="quiet" ?disabled=${this._busy} @click=${() => this._send('PATCH', `/notices/${encodeURIComponent(n.id)}`, { resolvedAt: null }, t.updated)}>${t.reopen}</button>`
        : html`<form @submit=${(e: SubmitEvent) => this._update(e, n)} aria-label=${`${t.update}: ${textIn(n.title, lang)}`}>
            <label>${t.update}<textarea name="update" rows="2" maxlength="2000" required></textarea></label>
            <label class="check"><input type="checkbox" name="resolve" />${t.resolves}</label>
            <button ?disabled=${this._busy}>${t.addUpdate}</button>
          </form>`}
    </li>`;
  }

  protected override render() {
    if (this._phase === 'signed-out') return nothing;
    const { t, lang } = this._t;
    const now = Date.now();
    return html`<section class="notices" part="base" lang=${lang} aria-labelledby="title">
      <h2 id="title">${t.title}</h2>
      <p class="muted">${t.intro}</p>
      <p part="status" role="status" class=${this._said?.[1] ? 'failed' : ''}>${this._said?.[0] ?? ''}</p>
      ${this._form(t, lang)}
      ${this._phase === 'loading'
        ? html`<p class="muted">${t.loading}</p>`
        : this._notices.length
          ? html`<ol class="list">${repeat(this._notices, (n) => n.id, (n) => this._notice(n, t, lang, now))}</ol>`
          : html`<p class="muted">${t.none}</p>`}
    </section>`;
  }
}
