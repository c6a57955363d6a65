import { EMOTIONS } from '../../core/answer.js';
import type { Period } from '../period.js';
import type { Station } from '../stations.js';
import { DIGITS, type Trend } from '../trend.js';
import type { Words } from './props.js';
import { ARROWS } from './TrendMark.js';

const NONE = '–';

/** The same numbers as the map, as a real table: one row per touchpoint, in journey order. */
export function JourneyTable({ t, f, stations, period }: Words & { stations: Station[]; period: Period }) {
  const c = t.columns;
  const trends = period !== 'all';
  const heads = [c.touchpoint, c.stage, c.answers, c.effort, c.easy, c.hard, ...EMOTIONS.map((e) => t.emotions[e]), c.net];
  if (trends) heads.push(c.effortChange, c.netChange);
  heads.push(c.moment);

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
            {heads.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {stations.map(({ touchpoint, stage, stats: s, effortTrend, emotionTrend }) => (
            <tr key={touchpoint}>
              <th scope="row">{touchpoint}</th>
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
