import { Component } from 'preact';
import { EMOTIONS } from '../../core/answer.js';
import type { Period } from '../period.js';
import type { Station } from '../stations.js';
import { DIGITS, type Trend } from '../trend.js';
import type { NameOf, Words } from './props.js';
import { ARROWS } from './TrendMark.js';

const NONE = '–';

type Props = Words & { stations: Station[]; period: Period; name: NameOf };
/** Which column orders the rows; none keeps the journey's order. */
interface State {
  by: string | null;
  descending: boolean;
}

interface Column {
  head: string;
  /** What the column sorts by; absent for columns that do not sort. */
  value?: (s: Station) => number | string | null;
}

/**
 * The same numbers as the map, as a real table: one row per touchpoint, in journey order until a
 * header button sorts it (again for the other direction; numbers without a value go last).
 * A class rather than a hook keeps `preact/hooks` out of the bundle.
 */
export class JourneyTable extends Component<Props, State> {
  override state: State = { by: null, descending: false };

  sortBy(key: string): void {
    this.setState(({ by, descending }) => ({ by: key, descending: by === key ? !descending : false }));
  }

  override render({ t, f, stations, period, name }: Props, { by, descending }: State) {
    const c = t.columns;
    const trends = period !== 'all';
    const columns: Column[] = [
      { head: c.touchpoint, value: (s) => name(s.touchpoint) },
      { head: c.stage },
      { head: c.answers, value: (s) => s.stats?.count ?? 0 },
      { head: c.effort, value: (s) => s.stats?.effortMean ?? null },
      { head: c.easy, value: (s) => s.stats?.easyShare ?? null },
      { head: c.hard, value: (s) => s.stats?.hardShare ?? null },
      ...EMOTIONS.map((e): Column => ({ head: t.emotions[e], value: (s) => s.stats?.emotions[e] ?? 0 })),
      { head: c.net, value: (s) => s.stats?.netEmotion ?? null },
    ];
    if (trends) columns.push({ head: c.effortChange, value: (s) => s.effortTrend?.delta ?? null }, { head: c.netChange, value: (s) => s.emotionTrend?.delta ?? null });
    columns.push({ head: c.moment });

    const sorting = columns.find((col) => col.head === by && col.value);
    const rows = sorting ? sorted(stations, sorting.value!, descending) : stations;

    const num = (x: number | null | undefined, format: (x: number) => string) => <td class="num">{x == null ? NONE : format(x)}</td>;
    const change = (trend: Trend | null, digits: number) => (
      <td class="num">
        {trend ? (
          <>
            <span aria-hidden="true">{ARROWS[trend.direction]} </span>
            {f.signed(trend.delta, digits)}
          </>
        ) : (
          NONE
        )}
      </td>
    );

    return (
      <div class="scroll" part="table" role="region" aria-labelledby="table-caption" tabIndex={0}>
        <table>
          <caption id="table-caption">{t.table}</caption>
          <thead>
            <tr>
              {columns.map((col) => (
                <th
                  key={col.head}
                  scope="col"
                  class={col.value && col.head !== c.touchpoint ? 'num' : undefined}
                  aria-sort={sorting === col ? (descending ? 'descending' : 'ascending') : undefined}
                >
                  {col.value ? (
                    <button type="button" class="sort" onClick={() => this.sortBy(col.head)}>
                      {col.head}
                    </button>
                  ) : (
                    col.head
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ touchpoint, stage, stats: s, effortTrend, emotionTrend }) => (
              <tr key={touchpoint}>
                <th scope="row">{name(touchpoint)}</th>
                <td>{t.stages[stage]}</td>
                {num(s?.count ?? 0, f.integer)}
                {num(s?.effortMean, (x) => f.fixed(x, DIGITS.effort))}
                {num(s?.easyShare, f.percent)}
                {num(s?.hardShare, f.percent)}
                {EMOTIONS.map((e) => num(s?.emotions[e] ?? 0, f.integer))}
                {num(s?.netEmotion, (x) => f.signed(x, DIGITS.net))}
                {trends && change(effortTrend, DIGITS.effort)}
                {trends && change(emotionTrend, DIGITS.net)}
                <td>
                  {s?.momentOfTruth ? (
                    <>
                      <span aria-hidden="true">⚠ </span>
                      {t.yes}
                    </>
                  ) : (
                    t.no
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }
}

/** A stable sort: equal values keep the journey's order; missing numbers go last either way. */
function sorted(stations: Station[], value: (s: Station) => number | string | null, descending: boolean): Station[] {
  const sign = descending ? -1 : 1;
  return stations
    .map((s, i) => ({ s, i, v: value(s) }))
    .sort((a, b) => {
      if (a.v === null || b.v === null) return a.v === b.v ? a.i - b.i : a.v === null ? 1 : -1;
      const d = typeof a.v === 'string' ? a.v.localeCompare(b.v as string) : a.v - (b.v as number);
      return sign * d || a.i - b.i;
    })
    .map(({ s }) => s);
}
