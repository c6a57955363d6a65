import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { EMOTIONS } from '../../core/answer.js';
import { effortLabels } from '../../core/i18n/words.js';
import {
  EFFORT_BANDS,
  NOTE_MAX,
  STATES,
  touchpointName,
  WITHHELD_NOTE_MAX,
  WITHHELD_REASONS,
  type InboxItem,
  type InboxPage,
  type LogEntry,
  type State,
  type StateCounts,
  type TouchpointNames,
  type WithheldReason,
} from '../../core/inbox.js';
import { mergeNames } from '../../core/names.js';
import { htmlRefused } from '../trusted-types.js';
import { warnOnce } from '../warn.js';
import { ApiError, call } from './api.js';
import { fromForm, NO_FILTERS, query, type Filters } from './filters.js';
import styles from './inbox.styles.js';
import { readOptions, type InboxOptions } from './options.js';
import en from './translations/en.js';
import es from './translations/es.js';
import type { InboxStrings } from './translations/strings.js';

const STRINGS: Record<'en' | 'es', InboxStrings> = { en, es };
const ATTRIBUTES = ['source', 'lang', 'touchpoint-names'];
const PAGE = 50;
const REPLY_MAX = 2000;
/** The longest name the collector keeps for the log. */
const NAME_MAX = 60;

type Phase = 'checking' | 'signin' | 'loading' | 'ready' | 'failed';
type EditorKind = 'reply' | 'withhold' | 'note';
interface Editor {
  id: string;
  kind: EditorKind;
  /** The reply version the edit started from (0: there was none): a stale one is refused with 409. */
  version: number;
  /** The text the box opened with. */
  initial: string;
  reason: WithheldReason;
}
interface Session {
  signedIn?: boolean;
  name?: string | null;
  expiresAt?: string;
}
interface AuditPage {
  items: LogEntry[];
  next: string | null;
}

/** Detail of `cx-inbox-change`. */
export interface InboxChange {
  /** The answers changed, as the collector now has them. */
  items: InboxItem[];
}

const dates = new Map<string, Intl.DateTimeFormat>();
const numbers = new Map<string, Intl.NumberFormat>();
const dateOf = (lang: string, iso: string) => {
  let f = dates.get(lang);
  if (!f) dates.set(lang, (f = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' })));
  const ms = Date.parse(iso);
  return isNaN(ms) ? iso : f.format(ms);
};
const numberOf = (lang: string, n: number) => {
  let f = numbers.get(lang);
  if (!f) numbers.set(lang, (f = new Intl.NumberFormat(lang)));
  return f.format(n);
};

/** Whether a key pressed there is typing, not a shortcut. */
const typing = (target: EventTarget | undefined) =>
  target instanceof Element &&
  (target.matches('textarea, select, input:not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit])') ||
    (target as HTMLElement).isContentEditable);

/**
 * @summary The owner's inbox: every answer, newest first, to triage, reply to, annotate and moderate by content (never by score), with the audit log of all of it.
 * @tagname cx-inbox
 *
 * @attr {string} source - URL of the collector's API root (absolute or relative, http or https): the inbox calls `<source>/session`, `<source>/inbox`, `<source>/feedback/…` and `<source>/audit`, with the owner's session cookie, so it must be the page's own origin. Default: `/api`.
 * @attr {'en' | 'es'} lang - `en` or `es`. Default: the nearest `lang` attribute, then the browser's language; any other language is shown in English.
 * @attr {string} touchpoint-names - Display names of touchpoints per language, as JSON: `{"checkout": {"en": "Checkout", "es": "Pago"}}`, over the collector's own (`TOUCHPOINT_NAMES`). Default: the collector's, else the ids.
 * @attr {'auto' | 'light' | 'dark'} theme - `auto` (the host page's own `color-scheme`), `light` or `dark`. Default: `auto`.
 *
 * @event {{ signedIn: boolean }} cx-session - The owner signed in (or was signed in already), signed out, or the session ended.
 * @event {{ items: InboxItem[] }} cx-inbox-change - Answers were changed from this inbox (state, withholding, reply, note).
 *
 * @csspart base - The inbox.
 * @csspart signin - The sign-in form.
 * @csspart toolbar - The bar with who is signed in, the keys, the audit log and signing out.
 * @csspart filters - The filter form.
 * @csspart state-filter - Each state button, with its count.
 * @csspart export - The CSV and NDJSON export links.
 * @csspart bulk - The bar of actions on the selected answers.
 * @csspart list - The list of answers.
 * @csspart item - Each answer.
 * @csspart touchpoint - The touchpoint of an answer.
 * @csspart state - The state of an answer.
 * @csspart comment - The comment of an answer.
 * @csspart withheld - The mark of a withheld comment.
 * @csspart reply - The public reply.
 * @csspart notes - The private notes.
 * @csspart log - An answer's log.
 * @csspart actions - An answer's buttons.
 * @csspart editor - The reply, note and withholding forms.
 * @csspart more - The "Load more" button.
 * @csspart audit - The audit log panel.
 * @csspart status - The status and error messages.
 * @csspart keys - The keyboard shortcuts dialog.
 *
 * @cssproperty --cx-bg - Background colour.
 * @cssproperty --cx-fg - Text colour.
 * @cssproperty --cx-muted - Secondary text colour.
 * @cssproperty --cx-border - Border colour.
 * @cssproperty --cx-accent - Colour of buttons and of the current answer's edge.
 * @cssproperty --cx-on-accent - Text colour on the accent colour.
 * @cssproperty --cx-focus - Focus ring colour.
 * @cssproperty --cx-radius - Corner radius.
 * @cssproperty --cx-font - Font family.
 * @cssproperty --cx-font-size - Base font size.
 */
export class CxInbox extends LitElement {
  static override styles = styles;
  static override properties = {
    _phase: { state: true },
    _session: { state: true },
    _signInError: { state: true },
    _signingIn: { state: true },
    _method: { state: true },
    _items: { state: true },
    _next: { state: true },
    _counts: { state: true },
    _exact: { state: true },
    _serverNames: { state: true },
    _filters: { state: true },
    _current: { state: true },
    _selected: { state: true },
    _editor: { state: true },
    _status: { state: true },
    _alert: { state: true },
    _loadingMore: { state: true },
    _audit: { state: true },
    _help: { state: true },
    _linked: { state: true },
    _linkedMissing: { state: true },
  };

  // Overriding Lit's getter skips its finalize(), which sets up the state properties and styles.
  static override get observedAttributes() {
    this.finalize();
    return ATTRIBUTES;
  }

  private declare _phase: Phase;
  private declare _session: Session | null;
  private declare _signInError: string;
  private declare _signingIn: boolean;
  private declare _method: 'password' | 'token';
  private declare _items: InboxItem[];
  private declare _next: string | null;
  private declare _counts: StateCounts | null;
  private declare _exact: boolean;
  private declare _serverNames: TouchpointNames;
  private declare _filters: Filters;
  /** The id of the answer the keys act on. */
  private declare _current: string | null;
  private declare _selected: ReadonlySet<string>;
  private declare _editor: Editor | null;
  private declare _status: string;
  private declare _alert: string;
  private declare _loadingMore: boolean;
  private declare _audit: (AuditPage & { loading: boolean }) | null;
  private declare _help: boolean;
  /** The answer `#answer=<id>` asked for, when it is not in the list. */
  private declare _linked: InboxItem | null;
  private declare _linkedMissing: boolean;
  private declare _o: InboxOptions;
  private declare _startedFor: string | null | undefined;
  private declare _abort: AbortController | null;
  /** Every touchpoint seen, for the filter's choices. */
  private _touchpoints = new Set<string>();

  constructor() {
    super();
    this._phase = 'checking';
    this._session = null;
    this._signInError = this._status = this._alert = '';
    this._signingIn = this._exact = this._loadingMore = this._help = this._linkedMissing = false;
    this._method = 'password';
    this._items = [];
    this._next = this._counts = this._current = this._editor = this._audit = this._linked = this._abort = null;
    this._serverNames = {};
    this._filters = NO_FILTERS;
    this._selected = new Set();
  }

  override attributeChangedCallback(): void {
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('keydown', this._onKey);
    addEventListener('hashchange', this._onHash);
    addEventListener('cx-session', this._onSession);
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('keydown', this._onKey);
    removeEventListener('hashchange', this._onHash);
    removeEventListener('cx-session', this._onSession);
    this._abort?.abort();
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

  private get _t(): InboxStrings {
    return STRINGS[this._o.lang];
  }

  /** Calls the collector; never throws into the page. A 401 means the session ended: back to signing in. */
  private async _call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T | undefined> {
    try {
      return await call<T>(this._o.source!, method, path, body, signal);
    } catch (error) {
      if (signal?.aborted) return undefined;
      if (error instanceof ApiError && error.status === 401) this._ended();
      else {
        this._status = '';
        this._alert = this._t.actionFailed((error as Error)?.message ?? String(error));
      }
      throw error;
    }
  }

  private _announce(signedIn: boolean): void {
    this.dispatchEvent(new CustomEvent('cx-session', { detail: { signedIn }, bubbles: true, composed: true }));
  }

  /** Asks whether the owner is signed in, then shows the inbox or the sign-in form. */
  private async _start(): Promise<void> {
    this._abort?.abort();
    if (!this._o.source) return;
    this._phase = 'checking';
    try {
      const session = await call<Session>(this._o.source, 'GET', '/session');
      if (session?.signedIn === false) throw new ApiError(401, 'not signed in');
      this._signedIn(session ?? {});
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this._phase = 'signin';
      else {
        warnOnce(`<cx-inbox> could not reach the collector at ${this._o.source}: ${(error as Error)?.message}`);
        this._phase = 'failed';
      }
    }
  }

  private _signedIn(session: Session): void {
    this._session = session;
    this._signInError = '';
    this._announce(true);
    void this._load();
    void this._onHash();
  }

  /** Another element on the page (`<cx-webhooks>`) was told by the collector that the session ended: the sign-in form here too. */
  private _onSession = (e: Event): void => {
    if (e.target !== this && (e as CustomEvent<{ signedIn?: boolean }>).detail?.signedIn === false && this._session) this._ended();
  };

  /** The session ended (signed out here or elsewhere, expired): the sign-in form, saying so. */
  private _ended(): void {
    if (this._phase === 'signin') return;
    this._abort?.abort();
    this._phase = 'signin';
    this._signInError = this._t.sessionEnded;
    this._reset();
    this._announce(false);
    void this.updateComplete.then(() => this._focus('#secret'));
  }

  private _reset(): void {
    this._session = this._counts = this._next = this._editor = this._audit = this._linked = this._current = null;
    this._items = [];
    this._selected = new Set();
    this._status = this._alert = '';
    this._help = false;
  }

  private async _signIn(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    if (this._signingIn) return;
    const data = new FormData(e.target as HTMLFormElement);
    const secret = String(data.get('secret') ?? '');
    const name = String(data.get('name') ?? '').trim().slice(0, NAME_MAX);
    if (!secret) return this._focus('#secret');
    this._signingIn = true;
    this._signInError = '';
    try {
      const session = await call<Session>(this._o.source!, 'POST', '/session', { [this._method]: secret, ...(name && { name }) });
      this._signedIn({ ...session, name: session?.name ?? (name || null) });
      await this.updateComplete;
      this._focus('h2');
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0;
      this._signInError = status === 401 ? this._t.signInFailed : this._t.actionFailed((error as Error).message);
      await this.updateComplete;
      this._focus('#secret');
    } finally {
      this._signingIn = false;
    }
  }

  private async _signOut(): Promise<void> {
    try {
      await call(this._o.source!, 'DELETE', '/session');
    } catch {}
    this._abort?.abort();
    this._reset();
    this._phase = 'signin';
    this._signInError = '';
    this._announce(false);
    await this.updateComplete;
    this._focus('#secret');
  }

  /** Loads the first page for the filters, or (`more`) the next one. */
  private async _load(more = false): Promise<void> {
    if (!more) {
      this._abort?.abort();
      this._phase = 'loading';
      this._next = null;
      this._selected = new Set();
    } else if (this._loadingMore || !this._next) return;
    const abort = more ? this._abort! : (this._abort = new AbortController());
    const p = query(this._filters);
    p.set('limit', String(PAGE));
    if (more) p.set('before', this._next!);
    this._loadingMore = more;
    try {
      const page = await this._call<InboxPage>('GET', `/inbox?${p}`, undefined, abort.signal);
      if (!page || abort.signal.aborted) return;
      const items = Array.isArray(page.items) ? page.items : [];
      if (more) {
        const have = new Set(this._items.map((i) => i.id));
        this._items = [...this._items, ...items.filter((i) => !have.has(i.id))];
      } else this._items = items;
      for (const item of items) this._touchpoints.add(item.touchpoint);
      this._next = typeof page.next === 'string' && page.next !== (more ? p.get('before') : null) ? page.next : null;
      this._counts = page.counts ?? null;
      this._exact = page.countsExact !== false;
      this._serverNames = page.names ?? {};
      for (const id of Object.keys(this._serverNames)) this._touchpoints.add(id);
      for (const id of Array.isArray(page.touchpoints) ? page.touchpoints : []) if (typeof id === 'string') this._touchpoints.add(id);
      this._phase = 'ready';
    } catch {
      if (!more && !abort.signal.aborted && this._phase === 'loading') this._phase = 'failed';
    } finally {
      if (abort === this._abort) this._loadingMore = false;
    }
  }

  private async _more(): Promise<void> {
    const button = this.renderRoot.querySelector('.more');
    const follow = (this.renderRoot as ShadowRoot).activeElement === button;
    const from = this._items.length;
    await this._load(true);
    await this.updateComplete;
    const first = this._items[from];
    if (follow && first) this._focusItem(first.id);
  }

  /** `#answer=<id>`: the answer the journey map links to, shown and focused. */
  private _onHash = async (): Promise<void> => {
    const id = /^#answer=([^&]+)/.exec(location.hash)?.[1];
    if (!id || !this._session) return;
    let key: string;
    try {
      key = decodeURIComponent(id);
    } catch {
      return;
    }
    this._linkedMissing = false;
    try {
      const item = await this._call<InboxItem>('GET', `/inbox/${encodeURIComponent(key)}`);
      if (!item) return;
      this._touchpoints.add(item.touchpoint);
      this._linked = item;
      this._replace([item]);
      this._current = item.id;
      await this.updateComplete;
      this._focusItem(item.id);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        this._alert = '';
        this._linked = null;
        this._linkedMissing = true;
      }
    }
  };

  /** The answers the keys move through: the linked one first when it is not in the list. */
  private get _rows(): InboxItem[] {
    const linked = this._linked;
    return linked && !this._items.some((i) => i.id === linked.id) ? [linked, ...this._items] : this._items;
  }

  /** Puts the collector's new copies of answers in the list (and the counts), and says so. */
  private _replace(changed: InboxItem[]): void {
    const byId = new Map(changed.map((i) => [i.id, i]));
    if (this._counts)
      for (const before of this._items) {
        const after = byId.get(before.id);
        if (after && after.state !== before.state) {
          this._counts = { ...this._counts, [before.state]: Math.max(0, this._counts[before.state] - 1), [after.state]: this._counts[after.state] + 1 };
        }
      }
    this._items = this._items.map((i) => byId.get(i.id) ?? i);
    if (this._linked && byId.has(this._linked.id)) this._linked = byId.get(this._linked.id)!;
  }

  private _changed(items: InboxItem[], status = this._t.done): void {
    this._replace(items);
    this._alert = '';
    this._status = status;
    const detail: InboxChange = { items };
    this.dispatchEvent(new CustomEvent('cx-inbox-change', { detail, bubbles: true, composed: true }));
  }

  private async _setState(id: string, state: State): Promise<void> {
    const item = this._rows.find((i) => i.id === id);
    if (!item || item.state === state) return;
    this._status = this._t.working;
    try {
      const changed = await this._call<InboxItem>('PATCH', `/feedback/${encodeURIComponent(id)}`, { state });
      if (changed) this._changed([changed]);
    } catch {}
  }

  private async _bulk(state: State): Promise<void> {
    const ids = [...this._selected];
    if (!ids.length) return;
    this._status = this._t.working;
    try {
      const result = await this._call<{ items: InboxItem[]; missing: string[] }>('PATCH', '/feedback', { ids, state });
      if (!result) return;
      const n = result.items.length;
      this._changed(result.items, this._t.bulkDone(numberOf(this._o.lang, n), n, this._t.states[state]));
      this._selected = new Set();
    } catch {}
  }

  private _open(id: string, kind: EditorKind): void {
    const item = this._rows.find((i) => i.id === id);
    if (!item) return;
    this._current = id;
    this._alert = '';
    this._editor = {
      id,
      kind,
      version: item.reply?.version ?? 0,
      initial: kind === 'reply' ? (item.reply?.text ?? '') : kind === 'withhold' ? (item.withheld?.note ?? '') : '',
      reason: item.withheld?.reason ?? 'personal-data',
    };
    void this.updateComplete.then(() => {
      const editor = this.renderRoot.querySelector<HTMLElement>('.editor');
      (editor?.querySelector<HTMLElement>(kind === 'withhold' ? 'input:checked' : 'textarea') ?? editor)?.focus();
    });
  }

  private _close(): void {
    const id = this._editor?.id;
    this._editor = null;
    if (id) void this.updateComplete.then(() => this._focusItem(id));
  }

  private async _save(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const editor = this._editor;
    if (!editor) return;
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const text = String(data.get('text') ?? '').trim();
    const path = `/feedback/${encodeURIComponent(editor.id)}`;
    const t = this._t;
    const invalid = (message: string, field: string) => {
      this._alert = message;
      form.querySelector<HTMLElement>(`[name="${field}"]`)?.focus();
    };
    let changed: InboxItem | undefined;
    try {
      if (editor.kind === 'reply') {
        if (!text) return invalid(t.replyEmpty, 'text');
        this._status = t.working;
        try {
          changed = await call<InboxItem>(this._o.source!, 'POST', `${path}/reply`, { text, version: editor.version });
        } catch (error) {
          if (!(error instanceof ApiError && error.status === 409)) throw error;
          // Someone else changed the reply since this box opened: show theirs, keep this text.
          const fresh = await this._call<InboxItem>('GET', `/inbox/${encodeURIComponent(editor.id)}`);
          if (fresh) {
            this._replace([fresh]);
            if (this._editor === editor) this._editor = { ...editor, version: fresh.reply?.version ?? 0 };
          }
          this._status = '';
          this._alert = t.conflict;
          return;
        }
      } else if (editor.kind === 'note') {
        if (!text) return invalid(t.noteEmpty, 'text');
        this._status = t.working;
        changed = await this._call<InboxItem>('POST', `${path}/notes`, { text });
      } else {
        const reason = String(data.get('reason') ?? '') as WithheldReason;
        const note = String(data.get('note') ?? '').trim();
        if (reason === 'other' && !note) return invalid(t.reasonNoteRequired, 'note');
        this._status = t.working;
        changed = await this._call<InboxItem>('PATCH', path, { withheld: { reason, ...(note && { note }) } });
      }
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) this._ended();
      else if (!this._alert) this._alert = t.actionFailed((error as Error).message);
      this._status = '';
      return;
    }
    if (!changed) return;
    this._changed([changed]);
    if (this._editor === editor) this._close();
  }

  private async _patch(id: string, path: string, method: string, body?: unknown): Promise<void> {
    this._status = this._t.working;
    try {
      const changed = await this._call<InboxItem>(method, `/feedback/${encodeURIComponent(id)}${path}`, body);
      if (changed) this._changed([changed]);
    } catch {}
  }

  private async _loadAudit(more = false): Promise<void> {
    const audit = this._audit;
    if (more && (!audit?.next || audit.loading)) return;
    const p = new URLSearchParams({ limit: '50' });
    if (more) p.set('before', audit!.next!);
    this._audit = { items: more ? audit!.items : [], next: more ? audit!.next : null, loading: true };
    try {
      const page = await this._call<AuditPage>('GET', `/audit?${p}`);
      if (!page || !this._audit) return;
      this._audit = { items: [...this._audit.items, ...(page.items ?? [])], next: page.next ?? null, loading: false };
    } catch {
      if (this._audit) this._audit = { ...this._audit, loading: false };
    }
  }

  private async _toggleAudit(): Promise<void> {
    if (this._audit) {
      this._audit = null;
      return;
    }
    await this._loadAudit();
    await this.updateComplete;
    this._focus('#audit-title');
  }

  private _toggleHelp(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return;
    if (dialog.open) dialog.close();
    else {
      dialog.showModal();
      this._help = true;
    }
  }

  private _focus(selector: string): void {
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  private _focusItem(id: string): void {
    const li = [...this.renderRoot.querySelectorAll<HTMLElement>('li.item')].find((el) => el.dataset.id === id);
    li?.focus();
    li?.scrollIntoView?.({ block: 'nearest' });
  }

  /** Moves the current answer by `step`; past the last one, loads more. */
  private async _move(step: 1 | -1): Promise<void> {
    const rows = this._rows;
    if (!rows.length) return;
    const at = rows.findIndex((i) => i.id === this._current);
    let to = at < 0 ? 0 : at + step;
    if (to >= rows.length && this._next) {
      await this._load(true);
      to = Math.min(to, this._rows.length - 1);
    }
    const next = this._rows[Math.max(0, Math.min(to, this._rows.length - 1))];
    this._current = next.id;
    await this.updateComplete;
    this._focusItem(next.id);
  }

  /** The keys: j/k move, a acknowledges, e resolves, r replies, h withholds, ? shows them. Not while typing. */
  private _onKey = (e: KeyboardEvent): void => {
    if (this._phase !== 'ready' || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const path = e.composedPath();
    const active = document.activeElement;
    // Keys pressed in the element, or with nothing focused on the page (the /admin page).
    if (!path.includes(this) && active && active !== document.body && active !== document.documentElement) return;
    if (typing(path[0])) return;
    const dialogOpen = !!this.renderRoot.querySelector('dialog[open]');
    if (e.key === '?') {
      e.preventDefault();
      this._toggleHelp();
      return;
    }
    if (dialogOpen) return;
    const current = this._rows.find((i) => i.id === this._current);
    switch (e.key) {
      case 'j':
      case 'k':
        void this._move(e.key === 'j' ? 1 : -1);
        break;
      case 'a':
      case 'e':
        if (current) void this._setState(current.id, e.key === 'a' ? 'acknowledged' : 'resolved');
        break;
      case 'r':
        if (current) this._open(current.id, 'reply');
        break;
      case 'h':
        if (current?.comment?.trim()) this._open(current.id, 'withhold');
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  /** Focus anywhere in an answer makes it the current one. */
  private _focusIn(e: FocusEvent): void {
    const li = (e.composedPath() as Element[]).find((el) => el instanceof HTMLElement && el.matches('li.item')) as HTMLElement | undefined;
    if (li?.dataset.id && li.dataset.id !== this._current) this._current = li.dataset.id;
  }

  private _select(id: string, on: boolean): void {
    const selected = new Set(this._selected);
    if (on) selected.add(id);
    else selected.delete(id);
    this._selected = selected;
  }

  private _selectAll(on: boolean): void {
    this._selected = new Set(on ? this._items.map((i) => i.id) : []);
  }

  private _filter(patch: Partial<Filters>): void {
    this._filters = { ...this._filters, ...patch };
    this._editor = null;
    void this._load();
  }

  private _applyForm(e: Event): void {
    e.preventDefault();
    const form = (e.currentTarget as HTMLElement).closest('form')!;
    this._filter(fromForm(new FormData(form), this._filters.state));
  }

  private _clearFilters(): void {
    this._filter(NO_FILTERS);
  }

  private _names(): TouchpointNames {
    return mergeNames(this._serverNames, this._o.names);
  }

  // Rendering

  protected override render() {
    const o = this._o;
    if (!o.source) return nothing;
    const t = this._t;
    const phase = this._phase;
    return html`<div class="inbox" part="base" lang=${o.lang} dir="ltr">
      ${phase === 'checking'
        ? html`<h2>${t.title}</h2><p class="status" role="status">${t.checking}</p>`
        : phase === 'signin'
          ? this._signInForm(t)
          : this._signedInView(t)}
      ${this._helpDialog(t)}
    </div>`;
  }

  private _signInForm(t: InboxStrings): TemplateResult {
    const busy = this._signingIn;
    return html`<form class="signin" part="signin" @submit=${this._signIn} aria-labelledby="signin-title">
      <h2 id="signin-title">${t.signInHeading}</h2>
      <fieldset @change=${(e: Event) => (this._method = (e.target as HTMLInputElement).value === 'token' ? 'token' : 'password')}>
        <legend>${t.signInWith}</legend>
        <label class="choice"><input type="radio" name="method" value="password" .checked=${this._method === 'password'} /> ${t.password}</label>
        <label class="choice"><input type="radio" name="method" value="token" .checked=${this._method === 'token'} /> ${t.token}</label>
      </fieldset>
      <label for="secret">${this._method === 'token' ? t.token : t.password}</label>
      <input id="secret" name="secret" type="password" required autocomplete=${this._method === 'token' ? 'off' : 'current-password'} aria-describedby="signin-error" />
      <label for="name">${t.yourName}</label>
      <input id="name" name="name" type="text" maxlength=${NAME_MAX} autocomplete="name" aria-describedby="name-hint" />
      <p class="muted" id="name-hint">${t.yourNameHint}</p>
      <p class="alert" id="signin-error" part="status" role="alert">${this._signInError}</p>
      <button type="submit" class="primary" aria-disabled=${busy}>${busy ? t.signingIn : t.signIn}</button>
    </form>`;
  }

  private _signedInView(t: InboxStrings): TemplateResult {
    const lang = this._o.lang;
    const phase = this._phase;
    const rows = this._rows;
    const linkedApart = this._linked && rows[0] === this._linked && this._linked !== this._items[0];
    const inList = linkedApart ? rows.slice(1) : rows;
    return html`<header class="toolbar" part="toolbar">
        <h2 id="title" tabindex="-1">${t.title}</h2>
        <p class="muted who">${t.signedInAs(this._session?.name ?? null)}</p>
        <div class="tools">
          <button type="button" aria-haspopup="dialog" aria-keyshortcuts="?" @click=${this._toggleHelp}>${t.keys} <kbd>?</kbd></button>
          <button type="button" aria-expanded=${!!this._audit} aria-controls="audit" @click=${this._toggleAudit}>${t.audit}</button>
          <button type="button" @click=${this._signOut}>${t.signOut}</button>
        </div>
      </header>
      ${this._audit ? this._auditPanel(t) : nothing}
      ${this._filterForm(t)}
      <div class="messages" part="status">
        <p class="status" role="status">${this._status}</p>
        <p class="alert" role="alert">${this._alert}</p>
      </div>
      ${this._linkedMissing ? html`<p class="alert" role="alert">${t.linkedMissing}</p>` : nothing}
      ${linkedApart
        ? html`<section class="linked" aria-labelledby="linked-title">
            <div class="row"><h3 id="linked-title">${t.linked}</h3><button type="button" @click=${this._closeLinked}>${t.closeLinked}</button></div>
            <ol class="list" @focusin=${this._focusIn}>${this._item(this._linked!, -1, t)}</ol>
          </section>`
        : nothing}
      ${this._selected.size ? this._bulkBar(t) : nothing}
      <section class="answers" aria-labelledby="list-title" aria-busy=${phase === 'loading'}>
        <div class="row">
          <h3 id="list-title">${t.listHeading}</h3>
          ${this._items.length
            ? html`<label class="choice"><input type="checkbox" .checked=${live(this._items.every((i) => this._selected.has(i.id)))} @change=${(e: Event) => this._selectAll((e.target as HTMLInputElement).checked)} /> ${t.selectAll}</label>`
            : nothing}
        </div>
        ${phase === 'loading' ? html`<p class="status">${t.loading}</p>` : nothing}
        ${phase === 'failed' ? html`<p class="alert">${t.failed}</p><button type="button" @click=${() => this._load()}>${t.retry}</button>` : nothing}
        ${phase === 'ready' && !this._items.length ? html`<p class="status">${t.empty}</p>` : nothing}
        ${phase === 'ready' && this._items.length ? html`<p class="muted" id="count">${t.showing(numberOf(lang, this._items.length), this._total())}</p>` : nothing}
        <ol class="list" part="list" aria-labelledby="list-title" @focusin=${this._focusIn}>
          ${repeat(inList, (i) => i.id, (item, index) => this._item(item, index, t))}
        </ol>
        ${this._next && phase === 'ready'
          ? html`<button type="button" class="more" part="more" aria-disabled=${this._loadingMore} @click=${this._more}>${this._loadingMore ? t.loadingMore : t.more}</button>`
          : nothing}
      </section>`;
  }

  private _closeLinked(): void {
    this._linked = null;
    history.replaceState(history.state, '', location.pathname + location.search);
  }

  /** The total for the filters, when the counts give it exactly. */
  private _total(): string | null {
    const c = this._counts;
    if (!c || !this._exact) return null;
    const state = this._filters.state;
    return numberOf(this._o.lang, state ? c[state] : c.new + c.acknowledged + c.resolved);
  }

  private _filterForm(t: InboxStrings): TemplateResult {
    const f = this._filters;
    const lang = this._o.lang;
    const c = this._counts;
    const count = (n: number | undefined) => (n === undefined ? '' : ` (${t.count(numberOf(lang, n), this._exact)})`);
    const names = this._names();
    const touchpoints = [...new Set([...this._touchpoints, ...Object.keys(names), ...(f.touchpoint ? [f.touchpoint] : [])])].sort((a, b) =>
      touchpointName(names, a, lang).localeCompare(touchpointName(names, b, lang), lang),
    );
    const stateButton = (state: State | '', label: string, n: number | undefined) =>
      html`<button type="button" part="state-filter" aria-pressed=${f.state === state} @click=${() => this._filter({ state })}>${label}${count(n)}</button>`;
    const exportQuery = query(f);
    const exportUrl = (format: string) => `${this._o.source}/inbox/export?format=${format}${exportQuery.size ? `&${exportQuery}` : ''}`;
    const select = (name: keyof Filters, label: string, options: [string, string][]) =>
      html`<div class="field"><label for="f-${name}">${label}</label><select id="f-${name}" name=${name} .value=${live(f[name])} @change=${this._applyForm}>
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${f[name] === value}>${text}</option>`)}
      </select></div>`;
    return html`<form class="filters" part="filters" role="search" aria-label=${t.filters} @submit=${this._applyForm}>
      <div class="states" role="group" aria-label=${t.state}>
        ${stateButton('', t.allStates, c ? c.new + c.acknowledged + c.resolved : undefined)}
        ${STATES.map((s) => stateButton(s, t.states[s], c?.[s]))}
      </div>
      <div class="fields">
        ${select('touchpoint', t.touchpoint, [['', t.anyTouchpoint], ...touchpoints.map((id): [string, string] => [id, touchpointName(names, id, lang)])])}
        ${select('emotion', t.emotion, [['', t.anyEmotion], ...EMOTIONS.map((e): [string, string] => [e, t.emotions[e]])])}
        ${select('effort', t.effort, [['', t.anyEffort], ...EFFORT_BANDS.map((b): [string, string] => [b, t.efforts[b]])])}
        ${select('comment', t.comment, [['', t.anyComment], ['with', t.withComment], ['without', t.withoutComment]])}
        <div class="field"><label for="f-since">${t.since}</label><input id="f-since" name="since" type="date" .value=${live(f.since)} @change=${this._applyForm} /></div>
        <div class="field"><label for="f-until">${t.until}</label><input id="f-until" name="until" type="date" .value=${live(f.until)} @change=${this._applyForm} /></div>
        <div class="field wide"><label for="f-q">${t.search}</label><input id="f-q" name="q" type="search" maxlength="200" .value=${live(f.q)} /></div>
      </div>
      <div class="row">
        <button type="submit" class="primary">${t.apply}</button>
        <button type="button" @click=${this._clearFilters}>${t.clear}</button>
        <span class="export" part="export">
          <a href=${exportUrl('csv')} download>${t.exportCsv}</a>
          <a href=${exportUrl('ndjson')} download>${t.exportNdjson}</a>
        </span>
      </div>
    </form>`;
  }

  private _bulkBar(t: InboxStrings): TemplateResult {
    const n = this._selected.size;
    return html`<div class="bulk" part="bulk" role="group" aria-label=${t.bulkActions}>
      <span>${t.selected(numberOf(this._o.lang, n), n)}</span>
      ${STATES.map((s) => html`<button type="button" data-state=${s} @click=${() => this._bulk(s)}>${t.setState[s]}</button>`)}
      <button type="button" @click=${() => (this._selected = new Set())}>${t.clearSelection}</button>
    </div>`;
  }

  /** One answer; `index` makes its element ids (never the answer's own id). */
  private _item(a: InboxItem, index: number, t: InboxStrings): TemplateResult {
    const lang = this._o.lang;
    const key = index < 0 ? 'l' : String(index);
    const name = touchpointName(this._names(), a.touchpoint, lang);
    const when = dateOf(lang, a.createdAt);
    const what = `${name}, ${when}`;
    const effort = a.effort === null ? null : effortLabels(t, a.effortScale)[a.effort - 1];
    const editor = this._editor?.id === a.id ? this._editor : null;
    const comment = a.comment?.trim() ? a.comment : null;
    const by = (who: string, at: string) => t.byAt(who, dateOf(lang, at));
    return html`<li
      class="item ${this._current === a.id ? 'current' : ''} state-${a.state}"
      part="item"
      tabindex="-1"
      data-id=${a.id}
      aria-labelledby="h-${key}"
      aria-current=${this._current === a.id ? 'true' : nothing}
    >
      <div class="head">
        <input type="checkbox" aria-label=${t.select(what)} .checked=${live(this._selected.has(a.id))} @change=${(e: Event) => this._select(a.id, (e.target as HTMLInputElement).checked)} />
        <h4 id="h-${key}"><span class="vh">${t.where}: </span><span part="touchpoint">${name}</span><span class="vh">, </span> <time class="muted" datetime=${a.createdAt}>${when}</time></h4>
        <span class="state" part="state"><span class="vh">${t.state}: </span>${t.states[a.state] ?? a.state}</span>
      </div>
      ${effort !== null || a.emotion
        ? html`<dl class="ratings">
            ${effort !== null ? html`<div><dt>${t.effort}</dt><dd>${effort} <span class="muted">(${t.point(a.effort!, a.effortScale)})</span></dd></div>` : nothing}
            ${a.emotion ? html`<div><dt>${t.feeling}</dt><dd>${t.emotions[a.emotion] ?? a.emotion}</dd></div>` : nothing}
          </dl>`
        : nothing}
      ${comment ? html`<p class="comment" part="comment" lang=${a.lang ?? nothing}>${comment}</p>` : html`<p class="muted">${t.noComment}</p>`}
      ${a.withheld
        ? html`<p class="withheld" part="withheld">
            <strong>${t.withheldMark(t.reasons[a.withheld.reason] ?? a.withheld.reason)}</strong>${a.withheld.note ? html` — “${a.withheld.note}”` : nothing} <span class="muted">(${by(a.withheld.by, a.withheld.at)})</span>
          </p>`
        : nothing}
      ${a.reply
        ? html`<div class="reply" part="reply">
            <p class="muted">${t.reply}, ${t.version(a.reply.version)} — ${by(a.reply.by, a.reply.at)}</p>
            <p class="comment">${a.reply.text}</p>
          </div>`
        : nothing}
      ${a.replyHistory?.length
        ? html`<details class="history"><summary>${t.replyHistory(a.replyHistory.length)}</summary>
            <ol>${a.replyHistory.map((r) => html`<li><span class="comment">${r.text}</span> <span class="muted">(${by(r.by, r.at)})</span></li>`)}</ol>
          </details>`
        : nothing}
      ${a.notes?.length
        ? html`<div class="notes" part="notes"><p class="label">${t.notes(a.notes.length)}</p>
            <ul>${a.notes.map((n) => html`<li><span class="comment">${n.text}</span> <span class="muted">(${by(n.by, n.at)})</span></li>`)}</ul>
          </div>`
        : nothing}
      <div class="actions" part="actions" role="group" aria-label=${t.actionsFor(what)}>
        ${STATES.filter((s) => s !== a.state).map(
          (s) => html`<button type="button" data-action=${s} aria-keyshortcuts=${s === 'acknowledged' ? 'a' : s === 'resolved' ? 'e' : nothing} @click=${() => this._setState(a.id, s)}>${t.setState[s]}</button>`,
        )}
        <button type="button" data-action="reply" aria-keyshortcuts="r" @click=${() => this._open(a.id, 'reply')}>${a.reply ? t.editReply : t.writeReply}</button>
        ${a.reply ? html`<button type="button" data-action="delete-reply" @click=${() => this._patch(a.id, '/reply', 'DELETE')}>${t.deleteReply}</button>` : nothing}
        ${comment
          ? html`<button type="button" data-action="withhold" aria-keyshortcuts="h" @click=${() => this._open(a.id, 'withhold')}>${a.withheld ? t.changeReason : t.withhold}</button>`
          : nothing}
        ${a.withheld ? html`<button type="button" data-action="unhide" @click=${() => this._patch(a.id, '', 'PATCH', { withheld: null })}>${t.unhide}</button>` : nothing}
        <button type="button" data-action="note" @click=${() => this._open(a.id, 'note')}>${t.addNote}</button>
      </div>
      ${editor ? this._editorForm(editor, key, t) : nothing}
      ${a.log?.length
        ? html`<details class="log" part="log"><summary>${t.log(a.log.length)}</summary>
            <ol>${a.log.map((e) => html`<li><time class="muted" datetime=${e.at}>${dateOf(lang, e.at)}</time> <span class="muted">${e.by}</span> — ${t.logLine(e, t)}</li>`)}</ol>
          </details>`
        : nothing}
    </li>`;
  }

  private _editorForm(editor: Editor, key: string, t: InboxStrings): TemplateResult {
    const id = `e-${key}`;
    const buttons = (label: string) =>
      html`<div class="row"><button type="submit" class="primary">${label}</button><button type="button" @click=${this._close}>${t.cancel}</button></div>`;
    const escape = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        this._close();
      }
    };
    if (editor.kind === 'withhold')
      return html`<form class="editor" part="editor" @submit=${this._save} @keydown=${escape}>
        <fieldset>
          <legend>${t.reasonLegend}</legend>
          ${WITHHELD_REASONS.map(
            (r) => html`<label class="choice"><input type="radio" name="reason" value=${r} ?checked=${editor.reason === r} /> ${t.reasons[r]}</label>`,
          )}
        </fieldset>
        <label for=${id}>${t.reasonNote}</label>
        <textarea id=${id} name="note" rows="2" maxlength=${WITHHELD_NOTE_MAX} .value=${editor.initial}></textarea>
        ${buttons(t.withhold)}
      </form>`;
    const reply = editor.kind === 'reply';
    return html`<form class="editor" part="editor" @submit=${this._save} @keydown=${escape}>
      <label for=${id}>${reply ? t.replyLabel : t.noteLabel}</label>
      <textarea id=${id} name="text" rows="3" maxlength=${reply ? REPLY_MAX : NOTE_MAX} .value=${editor.initial}></textarea>
      ${buttons(reply ? t.save : t.addNote)}
    </form>`;
  }

  private _auditPanel(t: InboxStrings): TemplateResult {
    const audit = this._audit!;
    const lang = this._o.lang;
    return html`<section class="audit" part="audit" id="audit" aria-labelledby="audit-title" aria-busy=${audit.loading}>
      <h3 id="audit-title" tabindex="-1">${t.auditHeading}</h3>
      ${!audit.loading && !audit.items.length ? html`<p class="muted">${t.auditEmpty}</p>` : nothing}
      <ol>
        ${audit.items.map(
          (e) => html`<li>
            <time class="muted" datetime=${e.at}>${dateOf(lang, e.at)}</time> <span class="muted">${e.by}</span> — ${t.logLine(e, t)}
            <a href="#answer=${encodeURIComponent(e.answerId)}">${t.openAnswer}</a>
          </li>`,
        )}
      </ol>
      ${audit.next ? html`<button type="button" aria-disabled=${audit.loading} @click=${() => this._loadAudit(true)}>${audit.loading ? t.loadingMore : t.more}</button>` : nothing}
    </section>`;
  }

  private _helpDialog(t: InboxStrings): TemplateResult {
    const k = t.keyHelp;
    const keys: [string[], string][] = [
      [['j', 'k'], k.move],
      [['a'], k.acknowledge],
      [['e'], k.resolve],
      [['r'], k.reply],
      [['h'], k.hide],
      [['?'], k.help],
    ];
    return html`<dialog part="keys" aria-labelledby="keys-title" @close=${() => (this._help = false)}>
      <h2 id="keys-title">${t.keysHeading}</h2>
      <dl>
        ${keys.map(([ks, what]) => html`<div><dt>${ks.map((key, i) => html`${i ? ' / ' : ''}<kbd>${key}</kbd>`)}</dt><dd>${what}</dd></div>`)}
      </dl>
      <form method="dialog"><button class="primary">${t.close}</button></form>
    </dialog>`;
  }
}
