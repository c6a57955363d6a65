import { byUrgency, isActive, textIn, type Notice, type Severity } from '../../core/notice.js';
import { emit } from '../../core/emit.js';
import { dirOf } from '../../core/i18n/lang.js';
import { stringsFor } from '../../core/i18n/locales.js';
import { ElementBase } from '../base.js';
import { h } from '../dom.js';
import { adoptSheet } from '../sheet.js';
import { warnOnce } from '../warn.js';
import { readOptions, type StatusOptions } from './options.js';
import { readNotices, statusUrl } from './source.js';
import styles from './status.styles.js';
import en from './translations/en.js';
import es from './translations/es.js';
import type { StatusStrings } from './translations/strings.js';

const STRINGS = { en, es };
const ATTRIBUTES = ['source', 'touchpoint', 'lang', 'interval', 'theme'];
/** After failures, checks wait twice as long each time, up to this. */
const BACKOFF_MAX_MS = 30 * 60_000;
const TIMEOUT_MS = 20_000;
/** Dismissed notices, as `<id>@<time of its latest update>`: a new update shows it again. */
const DISMISSED = 'touchpoint:status:dismissed';

/** 24 × 24 line icons: each severity its own shape, so colour is never the only sign. */
const ICONS: Record<Severity, string> = {
  info: 'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18M12 11v5M12 8v.01',
  minor: 'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18M12 7v6M12 16.5v.01',
  major: 'M12 3 2 20h20zM12 9v5M12 17v.01',
  critical: 'M8 2h8l6 6v8l-6 6H8l-6-6V8zM9 9l6 6M15 9l-6 6',
  maintenance: 'M12 3a9 9 0 1 0 0 18 9 9 0 1 0 0-18M12 7v5l3 2',
};
const svg = (d: string, cls?: string) => h('svg', { viewBox: '0 0 24 24', 'aria-hidden': 'true', class: cls }, h('path', { d }));

function readDismissed(): string[] {
  try {
    const list = JSON.parse(localStorage.getItem(DISMISSED) ?? '[]');
    return Array.isArray(list) ? list.filter((k) => typeof k == 'string') : [];
  } catch {
    return [];
  }
}

/** Relative and exact times in a language: "12 minutes ago", "20 Nov 2026, 10:00". */
function formats(lang: string) {
  const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  const exact = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    relative(iso: string, now: number): string {
      const minutes = Math.round((Date.parse(iso) - now) / 60_000);
      const [n, unit] = Math.abs(minutes) < 60 ? [minutes, 'minute'] : Math.abs(minutes) < 1440 ? [Math.round(minutes / 60), 'hour'] : [Math.round(minutes / 1440), 'day'];
      return relative.format(n as number, unit as Intl.RelativeTimeFormatUnit);
    },
    exact: (iso: string) => exact.format(Date.parse(iso)),
    time: (ms: number) => new Intl.DateTimeFormat(lang, { timeStyle: 'short' }).format(ms),
  };
}
type Formats = ReturnType<typeof formats>;

/** A relative time in a notice: its node, its instant, and the words around it. */
type Timed = [HTMLElement, string, (when: string) => string];
/** Ids for the notices' titles, unique in the shadow root. */
let made = 0;

interface StatusNodes {
  base: HTMLElement;
  list: HTMLElement;
  asOf: HTMLElement;
  alert: HTMLElement;
  polite: HTMLElement;
}

/** What a dismissal covers: the notice as of its latest update. */
const keyOf = (n: Notice) => `${n.id}@${n.updates.at(-1)?.at ?? n.startsAt}`;

/**
 * @summary Tells customers, at the touchpoint they are on, about an incident before they ask: the active notices as a banner, kept fresh.
 * @tagname cx-status
 *
 * @attr {string} source - URL of the collector's `/api/status` (absolute or relative, http or https; asked with `?touchpoint=`), or of a Statuspage-style `summary.json` or any `….json` file in either format (read whole, filtered here). Required.
 * @attr {string} touchpoint - Id of this touchpoint, as on `<cx-feedback>`. Default: the page path (`/shop/cart` → `shop:cart`).
 * @attr {string} interval - Seconds between checks while the page is visible, 10–3600. Default: `60`. None while the page is hidden; after failures, twice as long each time, up to 30 minutes.
 * @attr {'en' | 'es' | 'fr' | 'de' | 'pt' | 'it' | 'ca' | 'nl' | 'ar'} lang - The language of the element's own words and of the notice's text where the owner wrote it (else the first language written). Default: the nearest `lang` attribute, then the browser's language, then `en`.
 * @attr {'auto' | 'light' | 'dark'} theme - `auto` (the host page's own `color-scheme`), `light` or `dark`. Default: `auto`.
 *
 * @event {{ notices: Notice[], stale: boolean }} cx-load - A check ended: the notices shown now (not those dismissed), and whether the last check failed (they are then as of the last one that worked).
 * @event {{ id: string }} cx-dismiss - The customer dismissed a notice.
 *
 * @csspart list - The list of notices (only when there is one to show).
 * @csspart notice - Each notice, with `data-severity`.
 * @csspart icon - The severity's icon.
 * @csspart severity - The severity in words.
 * @csspart title - The notice's title.
 * @csspart body - The notice's text.
 * @csspart update - The latest update's text.
 * @csspart meta - "Updated 12 minutes ago", and the planned end.
 * @csspart time - The relative time; on hover and keyboard focus the exact time follows it.
 * @csspart link - The "More information" link.
 * @csspart dismiss - The dismiss button.
 * @csspart as-of - "As of 10:42", when the last check failed.
 *
 * @cssproperty --cx-bg - Background colour.
 * @cssproperty --cx-fg - Text colour.
 * @cssproperty --cx-muted - Secondary text colour.
 * @cssproperty --cx-border - Border colour.
 * @cssproperty --cx-accent - Colour of the link.
 * @cssproperty --cx-focus - Focus ring colour.
 * @cssproperty --cx-info - Colour of `info` notices (their edge and icon).
 * @cssproperty --cx-minor - Colour of `minor` notices.
 * @cssproperty --cx-major - Colour of `major` notices.
 * @cssproperty --cx-critical - Colour of `critical` notices.
 * @cssproperty --cx-maintenance - Colour of `maintenance` notices.
 * @cssproperty --cx-radius - Corner radius.
 * @cssproperty --cx-font - Font family.
 * @cssproperty --cx-font-size - Base font size (never below 14px).
 */
export class CxStatus extends ElementBase {
  static observedAttributes = ATTRIBUTES;

  private declare _o: StatusOptions;
  /** The notices last read (null: none read yet), and the text they were read from. */
  private declare _notices: Notice[] | null;
  private declare _text: string;
  /** When the last check that worked ended, and whether the last one failed. */
  private declare _asOf: number;
  private declare _stale: boolean;
  private declare _failures: number;
  private declare _timer: ReturnType<typeof setTimeout> | undefined;
  /** When the next check is due (epoch ms). */
  private declare _due: number;
  private declare _abort: AbortController | null;
  private declare _for: string;
  /** What was announced: `<id>@<latest update>`, and the critical notices announced assertively. */
  private declare _said: Set<string>;
  private declare _alerted: Set<string>;
  /** Each notice's node, kept while its content stays the same, so focus stays on it. */
  private declare _nodes: Map<string, { key: string; el: HTMLElement; times: Timed[] }>;
  private declare _n: StatusNodes;

  constructor() {
    super();
    this._notices = null;
    this._text = this._for = '';
    this._asOf = this._failures = this._due = 0;
    this._stale = false;
    this._abort = null;
    this._said = new Set();
    this._alerted = new Set();
    this._nodes = new Map();
  }

  connectedCallback(): void {
    if (!this.shadowRoot) {
      const root = this.attachShadow({ mode: 'open' });
      adoptSheet(root, styles);
      // The live regions are there before anything is said, so what is put in them is announced.
      const n = (this._n = {
        list: h('ol', { part: 'list', hidden: '' }),
        asOf: h('p', { class: 'as-of', part: 'as-of', hidden: '' }),
        alert: h('div', { class: 'vh', role: 'alert' }),
        polite: h('div', { class: 'vh', role: 'status' }),
      } as StatusNodes);
      root.append((n.base = h('div', null, n.list, n.asOf, n.alert, n.polite)));
    }
    document.addEventListener('visibilitychange', this._visibility);
    addEventListener('online', this._check);
    addEventListener('cx-locale', this._render);
    addEventListener('cx-notice', this._tell);
    this._start();
  }

  disconnectedCallback(): void {
    document.removeEventListener('visibilitychange', this._visibility);
    removeEventListener('online', this._check);
    removeEventListener('cx-locale', this._render);
    removeEventListener('cx-notice', this._tell);
    clearTimeout(this._timer);
    this._abort?.abort();
    this._for = '';
  }

  attributeChangedCallback(): void {
    if (this.isConnected && this.shadowRoot) this._start();
  }

  /** A new source, touchpoint or interval starts over; anything else renders again. */
  private _start(): void {
    const o = (this._o = readOptions(this));
    const key = `${o.source} ${o.touchpoint} ${o.intervalMs}`;
    if (key == this._for) return this._render();
    this._for = key;
    this._notices = null;
    this._text = '';
    this._failures = 0;
    this._stale = false;
    this._check();
  }

  /** Asks the source now, unless the page is hidden (it asks when the page is shown again). */
  private _check = async (): Promise<void> => {
    clearTimeout(this._timer);
    const { source, touchpoint } = this._o;
    if (!source || !this.isConnected) return;
    if (document.visibilityState == 'hidden') return void (this._due = 0);
    this._abort?.abort();
    const abort = (this._abort = new AbortController());
    const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
    try {
      // no-cache: the browser asks again every time, with If-None-Match from its cache, and a
      // 304 costs no body; no header of ours, so another origin needs no preflight.
      const response = await fetch(statusUrl(source, touchpoint), { cache: 'no-cache', headers: { Accept: 'application/json' }, signal: abort.signal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const text = await response.text();
      if (text != this._text) {
        const notices = readNotices(JSON.parse(text));
        if (!notices) throw new Error('not a status');
        this._notices = notices;
        this._text = text;
      }
      this._asOf = Date.now();
      this._failures = 0;
      this._stale = false;
    } catch (error) {
      if (this._abort != abort) return;
      this._failures++;
      this._stale = true;
      warnOnce(`<cx-status> could not read ${source}: ${(error as Error)?.message ?? error}`);
    } finally {
      clearTimeout(timer);
    }
    if (this._abort != abort) return;
    this._abort = null;
    this._render();
    emit(this, 'cx-load', { notices: this._shown(Date.now()), stale: this._stale });
    const wait = Math.min(this._o.intervalMs * 2 ** this._failures, BACKOFF_MAX_MS);
    this._due = Date.now() + wait;
    this._timer = setTimeout(this._check, wait);
  };

  /** Hidden: no more checks. Shown again: a check now if one was due meanwhile, else when it is. */
  private _visibility = (): void => {
    clearTimeout(this._timer);
    if (document.visibilityState == 'hidden') return;
    const wait = this._due - Date.now();
    if (wait <= 0 || !this._due) this._check();
    else this._timer = setTimeout(this._check, wait);
  };

  /** The notices active here now, most urgent first. */
  private _active(now: number): Notice[] {
    return (this._notices ?? []).filter((n) => isActive(n, now, this._o.touchpoint)).sort(byUrgency);
  }

  private _shown(now: number): Notice[] {
    const dismissed = readDismissed();
    return this._active(now).filter((n) => !dismissed.includes(keyOf(n)));
  }

  /**
   * `<cx-feedback>` asks, on `window`, which notice is shown where an answer is given
   * (`cx-notice`, detail `{ touchpoint, context }`): the most urgent active one that affects that
   * touchpoint, dismissed or not (the customer has read it), goes in `context.notice`.
   */
  private _tell = (e: Event): void => {
    const d = (e as CustomEvent<{ touchpoint?: unknown; context?: Record<string, string> }>).detail;
    const n = d?.context && this._active(Date.now()).find((n) => !n.touchpoints || n.touchpoints.includes(d.touchpoint as string));
    if (n) d.context!.notice ??= n.id;
  };

  private _dismiss(n: Notice, li: Element): void {
    try {
      const keep = readDismissed().filter((k) => this._notices?.some((x) => k == keyOf(x)));
      localStorage.setItem(DISMISSED, JSON.stringify([...keep, keyOf(n)].slice(-50)));
    } catch {
      // Where storage is refused, the dismissal lasts as long as the page.
    }
    this._gone.add(keyOf(n));
    const next = li.nextElementSibling ?? li.previousElementSibling;
    this._render();
    // Focus goes to the next notice's dismiss button, if there is one.
    next?.querySelector('button')?.focus();
    emit(this, 'cx-dismiss', { id: n.id });
  }

  /** Dismissed on this page (also where storage is refused). */
  private _gone = new Set<string>();

  /** One notice: severity in words, by icon and by colour; title; text; latest update with its time; link; dismiss. */
  private _notice(n: Notice, t: StatusStrings, f: Formats, lang: string): { el: HTMLElement; times: Timed[] } {
    const title = textIn(n.title, lang);
    const body = textIn(n.body, lang);
    const latest = n.updates.at(-1);
    const times: Timed[] = [];
    const when = (iso: string, say: (w: string) => string, exact: boolean) => {
      const time = h('time', { datetime: iso, part: 'time', tabindex: exact ? 0 : null, 'data-exact': exact ? f.exact(iso) : null });
      times.push([time, iso, say]);
      return time;
    };
    const id = `notice-${++made}`;
    const el = h(
      'li',
      { part: 'notice', 'data-severity': n.severity, 'aria-labelledby': id },
      svg(ICONS[n.severity], 'icon'),
      h(
        'div',
        { class: 'text' },
        h('p', { class: 'severity', part: 'severity' }, t.severity[n.severity]),
        h('p', { class: 'title', part: 'title', id }, title),
        body && h('p', { part: 'body' }, body),
        latest && h('p', { part: 'update' }, textIn(latest.body, lang)),
        h(
          'p',
          { class: 'meta', part: 'meta' },
          latest ? when(latest.at, t.updated, true) : when(n.startsAt, t.posted, true),
          n.endsAt && ' · ',
          // A planned end reads better exact: "Until 20 Nov 2026, 14:00".
          n.endsAt && when(n.endsAt, () => t.until(f.exact(n.endsAt!)), false),
        ),
        n.link && h('a', { href: n.link, part: 'link' }, t.more),
      ),
      h('button', { type: 'button', part: 'dismiss', 'aria-label': t.dismiss(title), onclick: (e: Event) => this._dismiss(n, (e.currentTarget as Element).parentElement!) }, svg('M6 6l12 12M18 6 6 18')),
    );
    return { el, times };
  }

  private _render = (): void => {
    if (!this._n || !this._o) return;
    const o = this._o;
    const { t, lang } = stringsFor('status', o.lang, STRINGS);
    const f = formats(lang);
    const now = Date.now();
    const shown = this._shown(now).filter((n) => !this._gone.has(keyOf(n)));
    const { list, asOf } = this._n;
    const nodes = new Map<string, { key: string; el: HTMLElement; times: Timed[] }>();
    const els = shown.map((n) => {
      const key = JSON.stringify([n, lang]);
      let node = this._nodes.get(n.id);
      if (node?.key != key) node = { key, ...this._notice(n, t, f, lang) };
      nodes.set(n.id, node);
      // Relative times move on at every check; the nodes stay.
      for (const [time, iso, say] of node.times) {
        const text = say(f.relative(iso, now));
        if (time.textContent != text) time.textContent = text;
      }
      return node.el;
    });
    this._nodes = nodes;
    // Moved only when the order changed: a moved node would lose the keyboard focus.
    if (els.length != list.children.length || els.some((el, i) => list.children[i] != el)) list.replaceChildren(...els);
    list.hidden = !els.length;
    asOf.hidden = !(this._stale && els.length && this._asOf);
    asOf.textContent = this._asOf ? t.asOf(f.time(this._asOf)) : '';
    this._n.base.lang = lang;
    this._n.base.dir = dirOf(lang);
    this._announce(shown, t, lang);
  };

  /** Says each notice once as it appears or has a new update: a new critical one assertively, the others politely. */
  private _announce(shown: Notice[], t: StatusStrings, lang: string): void {
    const alert: string[] = [];
    const polite: string[] = [];
    for (const n of shown) {
      const key = keyOf(n);
      if (this._said.has(key)) continue;
      this._said.add(key);
      const latest = n.updates.at(-1);
      const line = `${t.severity[n.severity]}: ${textIn(n.title, lang)}. ${textIn(latest?.body ?? n.body, lang)}`;
      if (n.severity == 'critical' && !this._alerted.has(n.id)) {
        this._alerted.add(n.id);
        alert.push(line);
      } else polite.push(line);
    }
    if (alert.length) this._n.alert.textContent = alert.join(' ');
    if (polite.length) this._n.polite.textContent = polite.join(' ');
  }
}
