import { COMMENT_MAX, EMOTIONS, isObject, TOUCHPOINT_PATTERN, type Emotion } from '../core/answer.js';
import { readShownList } from '../core/shown.js';
import { WITHHELD_REASONS } from '../core/inbox.js';
import { impactOf, intervalsOf, isMomentOfTruth, rankMoments, THRESHOLDS, type NegativeComment, type Stats, type Summary, type SummaryInput, type TouchpointSummary, type WithheldCounts } from '../core/summary.js';

/**
 * Reading what a source sent, trusting nothing: a collector's summary is checked number by
 * number, raw answers one by one against schema 1. What cannot be used is skipped and counted.
 */

export type SourceJson =
  | { kind: 'summary'; summary: Summary; skipped: number }
  | { kind: 'answers'; answers: SummaryInput[]; skipped: number };

type Json = Record<string, unknown>;

/** A summary is an object with a `touchpoints` array and a `total`; an array is raw answers. Anything else: null. */
export function readSource(json: unknown): SourceJson | null {
  if (Array.isArray(json)) return { kind: 'answers', ...readAnswers(json) };
  if (isObject(json) && Array.isArray(json.touchpoints) && 'total' in json) return { kind: 'summary', ...readSummary(json) };
  return null;
}

/** Raw answers, read as the wall reads them (core/shown.ts): what cannot be shown is skipped and counted. */
export function readAnswers(list: readonly unknown[]): { answers: SummaryInput[]; skipped: number } {
  const { items, skipped } = readShownList(list);
  return { answers: items, skipped };
}

export function readSummary(json: Json): { summary: Summary; skipped: number } {
  const list = json.touchpoints as unknown[];
  const touchpoints: TouchpointSummary[] = [];
  const seen = new Set<string>();
  for (const x of list) {
    const t = readTouchpoint(x);
    if (t && !seen.has(t.touchpoint)) {
      seen.add(t.touchpoint);
      touchpoints.push(t);
    }
  }
  return {
    summary: {
      since: time(json.since),
      until: time(json.until),
      thresholds: THRESHOLDS,
      total: readStats(isObject(json.total) ? json.total : {}),
      touchpoints,
      ranking: rankMoments(touchpoints).map((t) => t.touchpoint),
    },
    skipped: list.length - touchpoints.length,
  };
}

function readTouchpoint(x: unknown): TouchpointSummary | null {
  if (!isObject(x) || typeof x.touchpoint !== 'string' || !TOUCHPOINT_PATTERN.test(x.touchpoint)) return null;
  const stats = readStats(x);
  return {
    touchpoint: x.touchpoint,
    stage: x.stage === 'after' ? 'after' : 'during',
    ...stats,
    // Decided here from the counts, so a collector of any version is judged by the same rule.
    momentOfTruth: isMomentOfTruth(stats),
    impact: impactOf(stats),
  };
}

const inRange = (x: unknown, min: number, max: number): number | null =>
  typeof x === 'number' && Number.isFinite(x) && x >= min && x <= max ? x : null;
const count = (x: unknown): number => (Number.isSafeInteger(x) && (x as number) >= 0 ? (x as number) : 0);
const time = (x: unknown): string | null => (typeof x === 'string' && x.length <= 64 && !Number.isNaN(Date.parse(x)) ? x : null);
const counts = (x: unknown, length: number): number[] =>
  Array.from({ length }, (_, i) => count(Array.isArray(x) && x.length === length ? x[i] : 0));

function readStats(x: Json): Stats {
  const emotions = Object.fromEntries(EMOTIONS.map((e) => [e, count(isObject(x.emotions) ? x.emotions[e] : 0)])) as Record<Emotion, number>;
  const effortCounts = isObject(x.effortCounts) ? x.effortCounts : {};
  const readEffortCounts = { '5': counts(effortCounts['5'], 5), '7': counts(effortCounts['7'], 7) };
  return {
    count: count(x.count),
    firstAt: time(x.firstAt),
    lastAt: time(x.lastAt),
    effortCount: count(x.effortCount),
    effortMean: inRange(x.effortMean, 1, 7),
    easyShare: inRange(x.easyShare, 0, 1),
    hardShare: inRange(x.hardShare, 0, 1),
    effortCounts: readEffortCounts,
    // Counted from the emotions kept, so the bar and its numbers always agree.
    emotionCount: EMOTIONS.reduce((n, e) => n + emotions[e], 0),
    emotions,
    netEmotion: inRange(x.netEmotion, -1, 1),
    ...intervalsOf(readEffortCounts, emotions),
    negativeShare: inRange(x.negativeShare, 0, 1),
    latestNegative: Array.isArray(x.latestNegative) ? x.latestNegative.slice(0, 3).flatMap(readComment) : [],
    withheld: readWithheld(x.withheld),
  };
}

/** Withheld comments per reason (a collector before them has none); the count is the sum of the reasons kept. */
function readWithheld(x: unknown): WithheldCounts {
  const reasons = Object.fromEntries(WITHHELD_REASONS.map((r) => [r, count(isObject(x) && isObject(x.reasons) ? x.reasons[r] : 0)])) as WithheldCounts['reasons'];
  return { count: WITHHELD_REASONS.reduce((n, r) => n + reasons[r], 0), reasons };
}

function readComment(x: unknown): NegativeComment[] {
  if (!isObject(x) || typeof x.comment !== 'string' || !x.comment.trim()) return [];
  const effortScale = x.effortScale === 5 ? 5 : 7;
  return [
    {
      id: typeof x.id === 'string' ? x.id.slice(0, 64) : '',
      // Slice by UTF-16 first, so a hostile megabyte is not spread into an array.
      comment: [...x.comment.slice(0, COMMENT_MAX * 2)].slice(0, COMMENT_MAX).join(''),
      createdAt: time(x.createdAt) ?? '',
      effort: Number.isInteger(x.effort) && (x.effort as number) >= 1 && (x.effort as number) <= effortScale ? (x.effort as number) : null,
      effortScale,
      emotion: EMOTIONS.includes(x.emotion as Emotion) ? (x.emotion as Emotion) : null,
    },
  ];
}
