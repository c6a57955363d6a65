import type { Summary, TouchpointSummary } from '../core/summary.js';
import { DIGITS, trendOf, type Trend } from './trend.js';

/** One touchpoint on the map. */
export interface Station {
  touchpoint: string;
  stage: 'during' | 'after';
  /** Null when the touchpoint is listed in `touchpoints` but nobody answered there in this period. */
  stats: TouchpointSummary | null;
  /** Against the previous period of the same length; null without numbers in both. */
  effortTrend: Trend | null;
  emotionTrend: Trend | null;
}

/** The `touchpoints` attribute's order first, then the others as the summary lists them (by first appearance). */
export function journeyOrder(listed: readonly string[], seen: readonly string[]): string[] {
  return [...new Set([...listed, ...seen])];
}

/**
 * The stations of the journey, in order. A listed touchpoint without answers keeps its place, so
 * the journey keeps its shape; its stage comes from the previous period when that knows it.
 */
export function stationsOf(current: Summary, previous: Summary | null, listed: readonly string[]): Station[] {
  const now = new Map(current.touchpoints.map((t) => [t.touchpoint, t]));
  const before = new Map(previous?.touchpoints.map((t) => [t.touchpoint, t]));
  return journeyOrder(listed, [...now.keys()]).map((touchpoint) => {
    const stats = now.get(touchpoint) ?? null;
    const then = before.get(touchpoint) ?? null;
    return {
      touchpoint,
      stage: (stats ?? then)?.stage ?? 'during',
      stats,
      effortTrend: trendOf(stats?.effortMean ?? null, then?.effortMean ?? null, DIGITS.effort),
      emotionTrend: trendOf(stats?.netEmotion ?? null, then?.netEmotion ?? null, DIGITS.net),
    };
  });
}
