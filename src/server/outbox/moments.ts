import { summarizer } from '../../core/summary.js';
import { countsOfSums, DAY_MS, dayOf, type SumsRecord } from '../storage/rollup.js';

/**
 * Moments of truth for webhooks: a touchpoint is one when the journey map's rule says so
 * (`isMomentOfTruth`: enough answers, and the 95 % interval of easy share or net emotion wholly
 * below its threshold) over the last 30 UTC days, today included.
 */
export const MOMENT_WINDOW_DAYS = 30;

export interface Moment {
  touchpoint: string;
  active: boolean;
  data: Record<string, unknown>;
}

/** The touched touchpoints' state from the window's summed rollups, with what the event tells. */
export function momentsOf(sums: SumsRecord[], touched: ReadonlySet<string>, nowMs: number): Moment[] {
  const s = summarizer();
  for (const c of countsOfSums(sums.filter((r) => touched.has(r.touchpoint)), [])) s.addCounts(c);
  const since = new Date((dayOf(nowMs) - MOMENT_WINDOW_DAYS + 1) * DAY_MS).toISOString();
  return s.result().touchpoints.map((t) => ({
    touchpoint: t.touchpoint,
    active: t.momentOfTruth,
    data: {
      touchpoint: t.touchpoint,
      window: { since, until: new Date(nowMs).toISOString() },
      count: t.count,
      easyShare: t.easyShare,
      easyShareInterval: t.easyShareInterval,
      netEmotion: t.netEmotion,
      netEmotionInterval: t.netEmotionInterval,
      impact: t.impact,
    },
  }));
}
