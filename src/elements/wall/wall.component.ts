import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { effortCharts, emotionChart } from './chart.js';
import { FeedReader } from './feed-reader.js';
import { summaryUrl } from './feed.js';
import { formats, type Formats } from './format.js';
import { answerItem } from './item.js';
import { readOptions, type WallOptions } from './options.js';
import { fetchSummary, statsOfLoaded, type WallStats } from './stats.js';
import styles from './wall.styles.js';
import en from './translations/en.js';
import es from './translations/es.js';
import type { WallStrings } from './translations/strings.js';
import { WITHHELD_REASONS, touchpointName, type TouchpointNames } from '../../core/inbox.js';
import { mergeNames } from '../../core/names.js';
import { dirOf } from '../../core/i18n/lang.js';
import { stringsFor } from '../../core/i18n/locales.js';
import { htmlRefused } from '../trusted-types.js';
import { warnOnce } from '../warn.js';

const STRINGS = { en, es };
const ATTRIBUTES = ['source', 'touchpoint', 'page-size', 'lang', 'touchpoint-names'];

type Phase = 'loading' | 'ready' | 'failed';

/** Detail of `cx-load`. */
export interface WallLoad {
  /** Answers in the list now. */
  shown: number;
  /** Answers read from the source so far (a plain array is read whole). */
  loaded: number;
  /** Items of the source skipped as unreadable so far. */
  skipped: number;
  /** Whether "Show more" has more to show. */
  more: boolean;
}

/**
 * @summary The honest wall: every answer customers gave at a touchpoint, the hard ones too, newest first, with the numbers that put them in proportion and the owner's replies.
 * @tagname cx-wall
 *
 * @attr {string} source - URL of the feed (absolute or relative, http or https). Either the collector's `/api/feedback` (pages of `{"items":[…],"next":…}`, followed with `?before=`), or any URL serving a JSON array of schema-1 answers. Requests carry `?limit=` and, when set, `?touchpoint=`. Required.
 * @attr {string} touchpoint - Show the answers of this touchpoint only. Default: all touchpoints. Nothing can hide answers by score or emotion.
 * @attr {string} page-size - Answers per page, 1–100. Default: `20`.
 * @attr {string} touchpoint-names - Display names of touchpoints per language, as JSON: `{"checkout": {"en": "Checkout", "es": "Pago"}}`. Shown instead of the ids; a language without a name falls back to `en`, then to the id. Over the collector's own names (`TOUCHPOINT_NAMES`, in its `/api/summary`), language by language. Invalid JSON warns once and is ignored.
 * @attr {'en' | 'es' | 'fr' | 'de' | 'pt' | 'it' | 'ca' | 'nl' | 'ar'} lang - `en`, `es` (built in), `fr`, `de`, `pt`, `it`, `ca`, `nl` or `ar` (with its locale script, `dist/locales/<lang>.js`). Default: the nearest `lang` attribute, then the browser's language, then `en`.
 * @attr {'auto' | 'light' | 'dark'} theme - `auto` (the host page's own `color-scheme`), `light` or `dark`. Default: `auto`.
 *
 * @event {{ shown: number, loaded: number, skipped: number, more: boolean }} cx-load - The first page, or one more page, is shown.
 *
 * @csspart base - The wall.
 * @csspart title - The wall's heading.
 * @csspart status - The loading, empty and failed messages.
 * @csspart retry - The button that loads again after a failure.
 * @csspart summary - The header with the numbers.
 * @csspart total - How many answers in all.
 * @csspart withheld - How many comments the owner withheld from the wall, and why (only when some are). From the collector's summary; for any other source, among the answers loaded.
 * @csspart basis - The note that the numbers cover only the answers loaded.
 * @csspart shares - The share that found it hard and the share that felt bad, in words.
 * @csspart effort-chart - The effort distributions, one per scale.
 * @csspart emotion-chart - The emotion distribution.
 * @csspart chart - Each distribution table.
 * @csspart bar - Each bar of a distribution.
 * @csspart skipped - The note counting unreadable items of the feed.
 * @csspart count - "Showing 20 of 120" above the list.
 * @csspart list - The list of answers.
 * @csspart item - Each answer.
 * @csspart touchpoint - The touchpoint of an answer.
 * @csspart date - The relative date of an answer or a reply.
 * @csspart exact-date - The exact date, shown on hover and focus.
 * @csspart effort - The effort of an answer, in words.
 * @csspart emotion - The emotion of an answer.
 * @csspart comment - The comment of an answer.
 * @csspart withheld-comment - In place of a withheld comment: "Comment withheld: personal data".
 * @csspart reply - The owner's reply under an answer.
 * @csspart more - The "Show more" button.
 *
 * @cssproperty --cx-bg - Background colour.
 * @cssproperty --cx-fg - Text colour.
 * @cssproperty --cx-muted - Secondary text colour.
 * @cssproperty --cx-border - Border colour.
 * @cssproperty --cx-accent - Colour of the "Show more" button and the reply's edge.
 * @cssproperty --cx-on-accent - Text colour on the accent colour.
 * @cssproperty --cx-focus - Focus ring colour.
 * @cssproperty --cx-bar - Colour of the distribution bars. Default: the accent colour.
 * @cssproperty --cx-radius - Corner radius.
 * @cssproperty --cx-font - Font family.
 * @cssproperty --cx-font-size - Base font size.
 */
export class CxWall extends LitElement {
  static override styles = styles;
  static override properties = {
    _phase: { state: true },
    _shown: { state: true },
    _busy: { state: true },
    _moreFailed: { state: true },
    _collectorStats: { state: true },
    _collectorNames: { state: true },
  };

  // Overriding Lit's getter skips its finalize(), which sets up the state properties and styles.
  static override get observedAttributes() {
    this.finalize();
    return ATTRIBUTES;
  }

  private declare _phase: Phase;
  /** How many of the reader's items are in the list. */
  private declare _shown: number;
  /** Loading the next page. */
  private declare _busy: boolean;
  private declare _moreFailed: boolean;
  /** The collector's numbers, when the source is the collector and its summary could be read. */
  private declare _collectorStats: WallStats | null;
  /** The collector's touchpoint names (`/api/summary` `names`). */
  private declare _collectorNames: TouchpointNames | null;
  /** The names in use, made again only when either source of names changes, so the list's chunks stay cached. */
  private declare _names: { from: [TouchpointNames | null, TouchpointNames | null]; names: TouchpointNames } | null;
  private declare _o: WallOptions;
  /** What the current load was started for; a change of source, touchpoint or page size starts over. */
  private declare _loadedFor: string | null | undefined;
  private declare _reader: FeedReader | null;
  private declare _abort: AbortController | null;
  private declare _localStats: { reader: FeedReader; loaded: number; stats: WallStats } | null;

  constructor() {
    super();
    this._phase = 'loading';
    this._shown = 0;
    this._busy = this._moreFailed = false;
    this._collectorStats = this._collectorNames = this._names = this._reader = this._abort = this._localStats = null;
  }

  override attributeChangedCallback(): void {
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener('cx-locale', this._relocale);
    this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener('cx-locale', this._relocale);
    this._abort?.abort();
    this._loadedFor = undefined;
  }

  /** A locale script arrived: speak it. */
  private _relocale = () => this.requestUpdate();

  /** Where the page refused the Trusted Types policy Lit renders through, rendering would throw into the page: stay empty (trusted-types.ts has said why). */
  protected override shouldUpdate(): boolean {
    return !htmlRefused();
  }

  protected override willUpdate(): void {
    const o = (this._o = readOptions(this));
    const key = o.source && `${o.source} ${o.touchpoint} ${o.pageSize}`;
    if (key !== this._loadedFor && this.isConnected) {
      this._loadedFor = key;
      this._load();
    }
  }

  /** Starts reading the source from the top: the first load, a retry, or new attributes. */
  private async _load(): Promise<void> {
    this._abort?.abort();
    this._reader = null;
    this._phase = 'loading';
    this._shown = 0;
    this._busy = this._moreFailed = false;
    this._collectorStats = this._collectorNames = null;
    const { source, touchpoint, pageSize } = this._o;
    if (!source) return;
    const abort = (this._abort = new AbortController());
    const reader = new FeedReader(source, touchpoint, pageSize, abort.signal);
    // Asked alongside the first page; used only if the source turns out to be the collector.
    const at = summaryUrl(source);
    const summary = at ? fetchSummary(at, touchpoint, abort.signal) : Promise.resolve(null);
    try {
      await reader.fill(pageSize);
      const collector = reader.shape === 'collector' ? await summary : null;
      if (abort.signal.aborted) return;
      this._reader = reader;
      this._collectorStats = collector?.stats ?? null;
      this._collectorNames = collector?.names ?? null;
      this._shown = Math.min(reader.items.length, pageSize);
      this._phase = 'ready';
    } catch (error) {
      if (abort.signal.aborted) return;
      warnOnce(`<cx-wall> could not load its source ${source}: ${(error as Error)?.message ?? error}`);
      this._phase = 'failed';
      return;
    }
    this._loaded();
  }

  private async _more(): Promise<void> {
    const reader = this._reader;
    if (!reader || this._busy) return;
    const from = this._shown;
    const want = from + this._o.pageSize;
    this._busy = true;
    this._moreFailed = false;
    try {
      await reader.fill(want);
    } catch {
      this._moreFailed = true;
    }
    if (reader !== this._reader) return;
    this._busy = false;
    this._shown = Math.min(reader.items.length, want);
    if (this._shown === from) return;
    const button = this.renderRoot.querySelector('.more');
    const followFocus = (this.renderRoot as ShadowRoot).activeElement === button;
    await this._loaded();
    // Keyboard and screen-reader users land on the first new answer, as if they had read on.
    if (followFocus) (this.renderRoot.querySelector('ol')?.children[from] as HTMLElement | undefined)?.focus();
  }

  private async _loaded(): Promise<void> {
    await this.updateComplete;
    const reader = this._reader!;
    const detail: WallLoad = { shown: this._shown, loaded: reader.items.length, skipped: reader.skipped, more: this._hasMore };
    this.dispatchEvent(new CustomEvent('cx-load', { detail, bubbles: true, composed: true }));
  }

  private get _hasMore(): boolean {
    const reader = this._reader;
    return !!reader && (this._shown < reader.items.length || reader.more);
  }

  /** The collector's numbers, else the numbers over what is loaded (counted again only when more is loaded). */
  private _stats(reader: FeedReader): WallStats {
    if (this._collectorStats) return this._collectorStats;
    const cached = this._localStats;
    if (cached?.reader === reader && cached.loaded === reader.items.length) return cached.stats;
    const stats = statsOfLoaded(reader.items);
    this._localStats = { reader, loaded: reader.items.length, stats };
    return stats;
  }

  /** The touchpoint names: the collector's, with the attribute's over them. */
  private _touchpointNames(): TouchpointNames {
    const from: [TouchpointNames | null, TouchpointNames | null] = [this._collectorNames, this._o.names];
    const cached = this._names;
    if (cached?.from[0] === from[0] && cached.from[1] === from[1]) return cached.names;
    return (this._names = { from, names: mergeNames(...from) }).names;
  }

  private _summary(reader: FeedReader, t: WallStrings, f: Formats): TemplateResult {
    const stats = this._stats(reader);
    const loaded = reader.items.length;
    const share = (x: number | null) => (x === null ? null : f.percent(x));
    const w = stats.withheld;
    return html`<div class="summary" part="summary">
      <p class="total" part="total">${t.answers(f.number(stats.count), stats.count)}</p>
      ${w?.count
        ? html`<p class="muted" part="withheld">
            ${t.withheld(f.number(w.count), w.count, f.list(WITHHELD_REASONS.filter((r) => w.reasons[r]).map((r) => t.byReason(f.number(w.reasons[r]), w.reasons[r], t.reasons[r]))))}
          </p>`
        : nothing}
      ${this._collectorStats ? nothing : html`<p class="muted" part="basis">${t.basisLoaded(f.number(loaded), loaded)}</p>`}
      <p part="shares">${t.shares(share(stats.hardShare), share(stats.negativeShare))}</p>
      <div class="charts">${effortCharts(stats, t, f)}${emotionChart(stats, t, f)}</div>
    </div>`;
  }

  /**
   * The list in chunks of one page each. A chunk renders again only when it changes, so "Show
   * more" costs one page of rendering however long the list already is.
   */
  private _chunks(reader: FeedReader, t: WallStrings, f: Formats, lang: string): unknown[] {
    const { pageSize } = this._o;
    const names = this._touchpointNames();
    const name = (touchpoint: string) => touchpointName(names, touchpoint, lang);
    const chunks: unknown[] = [];
    for (let from = 0; from < this._shown; from += pageSize) {
      const to = Math.min(from + pageSize, this._shown);
      chunks.push(
        // The strings stand for the language: a locale arriving renders the chunks again.
        guard([reader, from, to, t, names], () => {
          const now = Date.now();
          return reader.items.slice(from, to).map((a, i) => answerItem(a, from + i, t, f, now, name));
        }),
      );
    }
    return chunks;
  }

  private _list(reader: FeedReader, t: WallStrings, f: Formats, lang: string): TemplateResult {
    const total = this._collectorStats?.count ?? (reader.more ? null : reader.items.length);
    const busy = this._busy;
    return html`<section class="answers" aria-labelledby="list-title">
      <h3 id="list-title">${t.listHeading}</h3>
      <p class="muted" id="count" part="count" role="status">
        ${t.showing(f.number(this._shown), total === null ? null : f.number(total))}
      </p>
      <ol part="list" aria-labelledby="list-title" aria-describedby="count" @keydown=${this._quiet} @focusout=${this._quiet} @mouseout=${this._quiet}>
        ${this._chunks(reader, t, f, lang)}
      </ol>
      ${this._hasMore
        ? html`<button class="more" part="more" aria-disabled=${busy} @click=${this._more}>${busy ? t.loadingMore : t.more}</button>`
        : nothing}
      ${this._moreFailed ? html`<p class="status" part="status" role="alert">${t.failedMore}</p>` : nothing}
    </section>`;
  }

  /** Escape hides the exact date shown on focus or hover, until the pointer or focus leaves it (WCAG 1.4.13). */
  private _quiet(e: Event): void {
    const target = e.target as Element;
    if (e.type !== 'keydown') target.classList.remove('quiet');
    else if ((e as KeyboardEvent).key === 'Escape')
      for (const time of (e.currentTarget as Element).querySelectorAll('time:focus, time:hover')) time.classList.add('quiet');
  }

  protected override render() {
    const o = this._o;
    if (!o.source) return nothing;
    const { t, lang } = stringsFor('wall', o.lang, STRINGS);
    const f = formats(lang);
    const reader = this._reader;
    const phase = this._phase;
    const empty = phase === 'ready' && !reader?.items.length;
    const status = phase === 'loading' ? t.loading : phase === 'failed' ? t.failed : empty ? t.empty : '';
    const skipped = reader?.skipped ?? 0;
    return html`<section class="wall" part="base" lang=${lang} dir=${dirOf(lang)} aria-labelledby="title">
      <h2 id="title" part="title">${t.title}</h2>
      <p class="status" part="status" role="status">${status || nothing}</p>
      ${phase === 'failed' ? html`<button class="retry" part="retry" @click=${this._load}>${t.retry}</button>` : nothing}
      ${reader && !empty ? this._summary(reader, t, f) : nothing}
      ${skipped ? html`<p class="muted" part="skipped">${t.skipped(f.number(skipped), skipped)}</p>` : nothing}
      ${reader && !empty ? this._list(reader, t, f, lang) : nothing}
    </section>`;
  }
}
