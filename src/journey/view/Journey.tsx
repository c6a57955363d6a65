import { dirOf } from '../../core/i18n/lang.js';
import type { Lang } from '../../core/answer.js';
import { touchpointName, type TouchpointNames } from '../../core/inbox.js';
import { isUndecided, rankMoments, THRESHOLDS, type TouchpointSummary } from '../../core/summary.js';
import type { LoadError } from '../../elements/fetch-json.js';
import type { Period } from '../period.js';
import type { JourneyData } from '../source.js';
import { stationsOf, type Station } from '../stations.js';
import { DIGITS } from '../trend.js';
import { Legend } from './EmotionBar.js';
import { JourneyTable } from './JourneyTable.js';
import { NoticeImpacts } from './NoticeImpacts.js';
import { PeriodSelect } from './PeriodSelect.js';
import type { Words } from './props.js';
import { StationCard } from './StationCard.js';
import { Status } from './Status.js';

/** More would make the map unreadable and slow to draw; the CSV still has them all. */
export const MAX_STATIONS = 100;

export interface ViewState {
  loading: boolean;
  error: LoadError | null;
  /** What is shown: while another period loads, the last one stays. */
  data: (JourneyData & { period: Period }) | null;
}

interface Props extends Words {
  lang: Lang;
  /** The period asked for, which may still be loading. */
  period: Period;
  /** The `touchpoints` attribute's order. */
  listed: readonly string[];
  view: ViewState;
  /** Display names of touchpoints per language. */
  names: TouchpointNames;
  /** The owner's inbox page, where each negative comment links; null: no links. */
  inbox: string | null;
  onPeriod(period: string): void;
  onDownload(stations: Station[], name: (touchpoint: string) => string): void;
}

export function Journey({ t, f, lang, period, listed, view, names, inbox, onPeriod, onDownload }: Props) {
  const { data } = view;
  const name = (touchpoint: string) => touchpointName(names, touchpoint, lang);
  const stations = data ? stationsOf(data.current, data.previous, listed) : [];
  const shown = stations.slice(0, MAX_STATIONS);
  const during = shown.filter((s) => s.stage === 'during');
  const after = shown.filter((s) => s.stage === 'after');
  const answered = stations.flatMap((s) => (s.stats ? [s.stats] : []));
  // Most urgent first; equal impact keeps the journey's order.
  const moments = rankMoments(answered);
  const undecided = answered.filter(isUndecided).map((s) => name(s.touchpoint));
  const why = (s: TouchpointSummary) => {
    const reasons: string[] = [];
    if (s.easyShare !== null && s.easyShareInterval && s.easyShareInterval[1] < THRESHOLDS.easyShare)
      reasons.push(t.hardReason(f.percent(s.easyShare), f.percent(s.easyShareInterval[1])));
    if (s.netEmotion !== null && s.netEmotionInterval && s.netEmotionInterval[1] < THRESHOLDS.netEmotion)
      reasons.push(t.badReason(f.signed(s.netEmotion, DIGITS.net), f.signed(s.netEmotionInterval[1], DIGITS.net)));
    return t.why(name(s.touchpoint), t.answers(s.count, f.integer(s.count)), f.list(reasons));
  };
  const lane = (id: string, title: string, list: Station[]) =>
    list.length > 0 && (
      <div class="lane" part="lane">
        <h3 id={`lane-${id}`}>{title}</h3>
        {/* Wraps instead of scrolling: every station stays in view at any width. */}
        <div class="track" role="region" aria-labelledby={`lane-${id}`}>
          <ol class="stations">
            {list.map((s) => (
              <StationCard key={s.touchpoint} t={t} f={f} station={s} period={data!.period} name={name} inbox={inbox} />
            ))}
          </ol>
        </div>
      </div>
    );

  return (
    <section class="card" part="base" lang={lang} dir={dirOf(lang)} aria-labelledby="title" aria-busy={view.loading}>
      <div class="head" part="header">
        <h2 id="title">{t.title}</h2>
        <div class="tools">
          <PeriodSelect t={t} f={f} period={period} onPeriod={onPeriod} />
          {data && (
            <button type="button" class="download" part="download" onClick={() => onDownload(stations, name)}>
              {t.download}
            </button>
          )}
        </div>
      </div>
      <Status t={t} f={f} view={view} stations={stations.length} shown={shown.length} />
      {data && stations.length > 0 && (
        <>
          <div class="moments" part="moments">
            {moments.length ? (
              <>
                <p id="act-first">
                  <span aria-hidden="true">⚠ </span>
                  {t.actFirst}
                </p>
                <ol class="ranking" aria-labelledby="act-first">
                  {moments.map((s) => (
                    <li key={s.touchpoint} data-touchpoint={s.touchpoint}>
                      {why(s)}
                    </li>
                  ))}
                </ol>
              </>
            ) : (
              <p>{t.noMoments}</p>
            )}
            {undecided.length > 0 && <p class="undecided">{t.undecided(f.list(undecided))}</p>}
          </div>
          <Legend t={t} />
          {lane('during', t.lane, during)}
          {lane('after', t.afterLane, after)}
          <NoticeImpacts t={t} f={f} lang={lang} notices={data.notices} name={name} inbox={inbox} />
          <p class="note">
            {t.threshold(f.integer(THRESHOLDS.minAnswers), f.percent(THRESHOLDS.easyShare))}
            {data.period !== 'all' && ` ${t.trendNote(t.previous[data.period])}`}
          </p>
          <JourneyTable t={t} f={f} stations={shown} period={data.period} name={name} />
        </>
      )}
    </section>
  );
}
