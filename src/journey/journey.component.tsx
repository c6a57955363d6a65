import { render } from 'preact';
import { ElementBase } from '../elements/base.js';
import { stringsFor } from '../core/i18n/locales.js';
import { warnOnce } from '../elements/warn.js';
import { adoptSheet } from '../elements/sheet.js';
import { journeyCsv } from './csv.js';
import { mergeNames } from '../core/names.js';
import { download } from './download.js';
import { LoadError } from '../elements/fetch-json.js';
import { formatFor } from './format.js';
import styles from './journey.styles.js';
import { readOptions, type JourneyOptions } from './options.js';
import { isPeriod } from './period.js';
import { journeySource, type JourneySource } from './source.js';
import type { Station } from './stations.js';
import { measure } from './timing.js';
import en from './translations/en.js';
import es from './translations/es.js';
import { Journey, type ViewState } from './view/Journey.js';

const STRINGS = { en, es };
const ATTRIBUTES = ['source', 'touchpoints', 'since', 'lang', 'touchpoint-names', 'inbox'];
/** Options of the element's events: they bubble out of the page's shadow roots too. */
const eventInit = <T,>(detail: T, cancelable = false) => ({ detail, bubbles: true, composed: true, cancelable });

/**
 * @summary The owner's journey map: every touchpoint in order, its effort and emotion, and the moments of truth where to act first.
 * @tagname cx-journey
 *
 * @attr {string} source - URL of the collector's `/api/summary`, or of a JSON array of schema-1 answers (read whole, once; every period is then computed in the browser with the collector's maths). Required.
 * @attr {string} touchpoints - Space-separated order of the journey, e.g. `home product cart checkout`. Listed touchpoints come first, in this order, and stay on the map with no answers; the others follow by first appearance.
 * @attr {string} touchpoint-names - Display names of touchpoints per language, as JSON: `{"checkout": {"en": "Checkout", "es": "Pago"}}`. Used in the lanes, the table, where to act first and the CSV's `name` column (the `touchpoint` column keeps the ids); a language without a name falls back to `en`, then to the id. Over the collector's own names (`TOUCHPOINT_NAMES`, in its `/api/summary`), language by language. Invalid JSON warns once and is ignored.
 * @attr {string} inbox - URL of the owner's inbox page (the collector's `/admin`), absolute or relative, http or https. When set, each negative comment on the map links to its answer there (`<inbox>#answer=<id>`). Without it, comments link nowhere.
 * @attr {'7d' | '30d' | '90d' | 'all'} since - Period shown: `7d`, `30d`, `90d` or `all`. Default: `30d`. The period selector sets it. Trends compare with the previous period of the same length (none for `all`).
 * @attr {'en' | 'es' | 'fr' | 'de' | 'pt' | 'it' | 'ca' | 'nl' | 'ar'} lang - `en`, `es` (built in), `fr`, `de`, `pt`, `it`, `ca`, `nl` or `ar` (with its locale script, `dist/locales/<lang>.js`). Default: the nearest `lang` attribute, then the browser's language, then `en`.
 * @attr {'auto' | 'light' | 'dark'} theme - `auto` (the host page's own `color-scheme`), `light` or `dark`. Default: `auto`.
 *
 * @event {{ summary: Summary, previous: Summary | null, skipped: number, period: string, kind: 'summary' | 'answers' }} cx-load - The map shows a newly loaded period.
 * @event {{ reason: 'source' | 'network' | 'http' | 'json' | 'shape', status: number }} cx-error - The source could not be loaded or read.
 * @event {{ csv: string, filename: string }} cx-export - The CSV is about to be downloaded. Cancelable: `preventDefault()` to handle the file yourself.
 *
 * @csspart base - The card holding the whole map.
 * @csspart header - The title, the period selector and the download button.
 * @csspart period - The period selector.
 * @csspart download - The CSV download button.
 * @csspart status - Loading, error, and how many answers the map shows.
 * @csspart moments - Where to act first: the moments of truth by impact with their reasons, and the undecided ones.
 * @csspart legend - The emotion colours' legend.
 * @csspart lane - Each lane: the journey, and after the service.
 * @csspart station - Each touchpoint.
 * @csspart moment - A touchpoint that is a moment of truth (with `station`).
 * @csspart moment-flag - The moment-of-truth mark.
 * @csspart undecided-flag - "Too few answers to decide" on a touchpoint below a threshold whose interval still reaches it.
 * @csspart empty - "No answers yet" on a listed touchpoint without answers.
 * @csspart emotion-bar - The emotion mix bar.
 * @csspart trend - A trend arrow and its change.
 * @csspart comments-toggle - The button that shows the latest negative comments of a moment of truth, or of an undecided touchpoint that has some.
 * @csspart comments - The list of those comments (each a link to its answer in the owner's inbox, with `inbox`).
 * @csspart table - The scrolling box around the table of numbers.
 *
 * @cssproperty --cx-bg - Background colour.
 * @cssproperty --cx-fg - Text colour.
 * @cssproperty --cx-muted - Secondary text colour.
 * @cssproperty --cx-border - Border and connector colour.
 * @cssproperty --cx-surface - Background of touchpoints and table headers.
 * @cssproperty --cx-accent - Colour of the download button.
 * @cssproperty --cx-on-accent - Text colour on the accent colour.
 * @cssproperty --cx-focus - Focus ring colour.
 * @cssproperty --cx-alert - Colour of moments of truth.
 * @cssproperty --cx-good - Colour of a change for the better.
 * @cssproperty --cx-bad - Colour of a change for the worse.
 * @cssproperty --cx-emotion-frustrated - Emotion bar colour.
 * @cssproperty --cx-emotion-disappointed - Emotion bar colour.
 * @cssproperty --cx-emotion-indifferent - Emotion bar colour.
 * @cssproperty --cx-emotion-satisfied - Emotion bar colour.
 * @cssproperty --cx-emotion-delighted - Emotion bar colour.
 * @cssproperty --cx-radius - Corner radius.
 * @cssproperty --cx-font - Font family.
 * @cssproperty --cx-font-size - Base font size.
 */
export class CxJourney extends ElementBase {
  static get observedAttributes() {
    return ATTRIBUTES;
  }

  private declare _mount: HTMLElement;
  private declare _view: ViewState;
  private declare _source: JourneySource | null;
  private declare _abort: AbortController | null;
  /** What the next microtask does: 'render', or 'load' (which renders too). */
  private declare _queued: '' | 'render' | 'load';

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    adoptSheet(root, styles);
    // Preact owns this container only, so nothing else in the shadow root is diffed away.
    this._mount = root.appendChild(document.createElement('div'));
    this._view = { loading: false, error: null, data: null };
    this._source = this._abort = null;
    this._queued = '';
  }

  connectedCallback(): void {
    addEventListener('cx-locale', this._relocale);
    this._schedule('load');
  }

  disconnectedCallback(): void {
    removeEventListener('cx-locale', this._relocale);
    this._abort?.abort();
    this._abort = null;
  }

  /** A locale script arrived: speak it. */
  private _relocale = () => this._schedule('render');

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old !== value) this._schedule(name === 'source' || name === 'since' ? 'load' : 'render');
  }

  /** Loads the source again, forgetting answers read before. */
  refresh(): void {
    this._source = null;
    this._schedule('load');
  }

  // Several attributes set together make one load and one render.
  private _schedule(what: 'render' | 'load'): void {
    const idle = !this._queued;
    if (this._queued !== 'load') this._queued = what;
    if (idle)
      queueMicrotask(() => {
        const load = this._queued === 'load';
        this._queued = '';
        if (!this.isConnected) return;
        const o = readOptions(this);
        if (load) this._load(o);
        this._render(o);
      });
  }

  private async _load(o: JourneyOptions): Promise<void> {
    this._abort?.abort();
    this._abort = null;
    if (!o.source) {
      this._view = { loading: false, error: new LoadError('source'), data: null };
      this.dispatchEvent(new CustomEvent('cx-error', eventInit({ reason: 'source', status: 0 })));
      return;
    }
    if (this._source?.url !== o.source) this._source = journeySource(o.source);
    const abort = (this._abort = new AbortController());
    this._view = { ...this._view, loading: true, error: null };
    try {
      const data = await this._source.load(o.period, Date.now(), abort.signal);
      if (abort.signal.aborted) return;
      this._view = { loading: false, error: null, data: { ...data, period: o.period } };
      this._render(readOptions(this));
      const { current: summary, previous, skipped, kind } = data;
      this.dispatchEvent(new CustomEvent('cx-load', eventInit({ summary, previous, skipped, period: o.period, kind })));
    } catch (error) {
      if (abort.signal.aborted) return;
      const e = error instanceof LoadError ? error : new LoadError('network');
      // Another period's numbers under this period's name would mislead: show none.
      this._view = { loading: false, error: e, data: null };
      warnOnce(`<cx-journey> could not load ${o.source.slice(0, 200)}: ${e.message}.`);
      this._render(readOptions(this));
      this.dispatchEvent(new CustomEvent('cx-error', eventInit({ reason: e.reason, status: e.status })));
    }
  }

  private _render(o: JourneyOptions): void {
    const start = performance.now();
    try {
      const { t, lang } = stringsFor('journey', o.lang, STRINGS);
      render(
        <Journey
          t={t}
          f={formatFor(lang)}
          lang={lang}
          period={o.period}
          listed={o.touchpoints}
          view={this._view}
          names={mergeNames(this._view.data?.names, o.names)}
          inbox={o.inbox}
          onPeriod={this._onPeriod}
          onDownload={this._onDownload}
        />,
        this._mount,
      );
    } catch (error) {
      // Whatever went wrong, the host page goes on.
      warnOnce(`<cx-journey> could not render: ${error}`, 'error');
    }
    if (this._view.data) measure('render', start);
  }

  private _onPeriod = (period: string): void => {
    if (isPeriod(period)) this.setAttribute('since', period);
  };

  private _onDownload = (stations: Station[], name: (touchpoint: string) => string): void => {
    const period = this._view.data?.period;
    if (!period) return;
    const csv = journeyCsv(stations, name);
    const filename = `journey-${period}-${new Date().toISOString().slice(0, 10)}.csv`;
    if (this.dispatchEvent(new CustomEvent('cx-export', eventInit({ csv, filename }, true)))) download(csv, filename, 'text/csv;charset=utf-8', this.shadowRoot!);
  };
}
