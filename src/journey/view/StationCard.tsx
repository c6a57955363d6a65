import { isUndecided } from '../../core/summary.js';
import type { Period } from '../period.js';
import type { Station } from '../stations.js';
import { DIGITS } from '../trend.js';
import { EmotionBar } from './EmotionBar.js';
import { NegativeComments } from './NegativeComments.js';
import type { NameOf, Words } from './props.js';
import { TrendMark } from './TrendMark.js';

/** One touchpoint: answers, effort score, emotion mix, net emotion, and whether it is a moment of truth. */
export function StationCard({ t, f, station, period, name, inbox }: Words & { station: Station; period: Period; name: NameOf; inbox: string | null }) {
  const s = station.stats;
  const moment = !!s?.momentOfTruth;
  const undecided = !!s && isUndecided(s);
  const notAnswered = <span class="muted">{t.notAnswered}</span>;
  return (
    <li class={moment ? 'station moment' : 'station'} part={moment ? 'station moment' : 'station'}>
      <h4 class="name">{name(station.touchpoint)}</h4>
      {moment && (
        <p class="flag" part="moment-flag">
          <span aria-hidden="true">⚠ </span>
          {t.moment}
        </p>
      )}
      {undecided && (
        <p class="unsure" part="undecided-flag">
          {t.tooFew}
        </p>
      )}
      {!s ? (
        <p class="empty" part="empty">
          {t.noAnswers}
        </p>
      ) : (
        <>
          <p class="count">{t.answers(s.count, f.integer(s.count))}</p>
          <dl class="metrics">
            <div>
              <dt>{t.effort}</dt>
              <dd>
                {s.effortMean === null
                  ? notAnswered
                  : (
                    <>
                      <span class="value">{t.effortOf(f.fixed(s.effortMean, DIGITS.effort))}</span>
                      {s.easyShare !== null && <span>{t.easy(f.percent(s.easyShare))}</span>}
                      {s.easyShareInterval && (
                        <span class="range">{t.range(f.percent(s.easyShareInterval[0]), f.percent(s.easyShareInterval[1]))}</span>
                      )}
                      <TrendMark t={t} f={f} trend={station.effortTrend} what={t.effort} digits={DIGITS.effort} period={period} />
                    </>
                  )}
              </dd>
            </div>
            <div>
              <dt>{t.emotion}</dt>
              <dd>
                {s.netEmotion === null
                  ? notAnswered
                  : (
                    <>
                      <EmotionBar t={t} emotions={s.emotions} />
                      <span>
                        {t.net} <span class="value">{f.signed(s.netEmotion, DIGITS.net)}</span>
                      </span>
                      {s.netEmotionInterval && (
                        <span class="range">
                          {t.range(f.signed(s.netEmotionInterval[0], DIGITS.net), f.signed(s.netEmotionInterval[1], DIGITS.net))}
                        </span>
                      )}
                      <TrendMark t={t} f={f} trend={station.emotionTrend} what={t.net} digits={DIGITS.net} period={period} />
                    </>
                  )}
              </dd>
            </div>
          </dl>
          {/* Also where it looks bad but is undecided: what customers wrote says more than too few numbers. */}
          {(moment || (undecided && s.latestNegative.length > 0)) && <NegativeComments t={t} f={f} touchpoint={station.touchpoint} name={name} comments={s.latestNegative} inbox={inbox} />}
        </>
      )}
    </li>
  );
}
