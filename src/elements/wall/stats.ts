import { EMOTIONS, type Emotion, isObject } from '../../core/answer.js';
import type { FeedItem } from '../../core/feed.js';
import { WITHHELD_REASONS, type TouchpointNames, type WithheldReason } from '../../core/inbox.js';
import { readNames } from '../../core/names.js';
import { summarize, type Stats, type WithheldCounts } from '../../core/summary.js';
import { fetchJson } from '../fetch-json.js';

/** The numbers the wall's header shows; `withheld` is null when the source does not say (a collector before moderation). */
export type WallStats = Pick<Stats, 'count' | 'effortCounts' | 'emotions' | 'hardShare' | 'negativeShare'> & { withheld: WithheldCounts | null };

/** What the wall takes from the collector's `/api/summary`. */
export interface WallSummary {
  stats: WallStats | null;
  names: TouchpointNames | null;
}

const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isShare = (x: unknown): x is number | null => x === null || (typeof x === 'number' && x >= 0 && x <= 1);
const countsOf = (x: unknown, length: number): number[] | null =>
  Array.isArray(x) && x.length === length && x.every(isCount) ? [...x] : null;

/** Withheld comments per reason, or null when `x` is not such an object; the count is the sum of the reasons, as the header lists them. */
export function withheldOf(x: unknown): WithheldCounts | null {
  if (!isObject(x) || !isObject(x.reasons)) return null;
  const reasons = {} as Record<WithheldReason, number>;
  let count = 0;
  for (const r of WITHHELD_REASONS) count += reasons[r] = isCount(x.reasons[r]) ? x.reasons[r] : 0;
  return { count, reasons };
}

/** The header's numbers from one `Stats` object of a summary, copied, or null when anything is off. */
export function statsOf(x: unknown): WallStats | null {
  if (!isObject(x)) return null;
  const { count, effortCounts, emotions, hardShare, negativeShare } = x;
  if (!isCount(count) || !isShare(hardShare) || !isShare(negativeShare) || !isObject(effortCounts) || !isObject(emotions)) return null;
  const five = countsOf(effortCounts['5'], 5);
  const seven = countsOf(effortCounts['7'], 7);
  if (!five || !seven) return null;
  if (Object.keys(emotions).some((k) => !EMOTIONS.includes(k as Emotion)) || !EMOTIONS.every((e) => isCount(emotions[e]))) return null;
  return {
    count,
    effortCounts: { '5': five, '7': seven },
    emotions: Object.fromEntries(EMOTIONS.map((e) => [e, emotions[e]])) as Record<Emotion, number>,
    hardShare,
    negativeShare,
    withheld: withheldOf(x.withheld),
  };
}

/**
 * The numbers for `touchpoint` (or for all touchpoints) from the collector's `/api/summary` body,
 * or null when it is not a usable summary or does not know the touchpoint.
 */
export function statsFromSummary(body: unknown, touchpoint: string | null): WallStats | null {
  if (!isObject(body) || !Array.isArray(body.touchpoints)) return null;
  if (touchpoint !== null) return statsOf(body.touchpoints.find((t) => isObject(t) && t.touchpoint === touchpoint));
  const stats = statsOf(body.total);
  // The collector gives the whole count at the top level too.
  return stats && { ...stats, withheld: withheldOf(body.withheld) ?? stats.withheld };
}

/**
 * The collector's numbers and touchpoint names, or null when the summary cannot be had: the
 * caller then counts what it loaded.
 */
export async function fetchSummary(url: string, touchpoint: string | null, signal: AbortSignal): Promise<WallSummary | null> {
  try {
    const body = await fetchJson(url, signal);
    return { stats: statsFromSummary(body, touchpoint), names: isObject(body) ? readNames(body.names) : null };
  } catch {
    return null;
  }
}

/** The numbers over the items loaded (already limited to the touchpoint, when there is one). */
export function statsOfLoaded(items: readonly FeedItem[]): WallStats {
  return summarize(items).total;
}
