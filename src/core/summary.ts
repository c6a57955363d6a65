import { EMOTIONS, effortOn7, type Answer, type Emotion } from './answer.js';
import { WITHHELD_REASONS, type WithheldReason } from './inbox.js';

/**
 * Summary maths, shared by the collector (`/api/summary`), `<cx-wall>` and `<cx-journey>`.
 *
 * - effortMean: mean effort on the 7-point scale (5-point answers mapped linearly, 1→1, 5→7).
 * - easyShare / hardShare: share of effort answers above / below the scale's midpoint
 *   (7-point: 5–7 easy, 1–3 hard; 5-point: 4–5 easy, 1–2 hard).
 * - netEmotion: share satisfied or delighted minus share frustrated or disappointed, −1…1.
 * - easyShareInterval / netEmotionInterval: 95 % Wilson score intervals around them (see `wilson`).
 * - A touchpoint is a moment of truth when it has at least `minAnswers` answers and, with 95 %
 *   confidence, fewer than half found it easy (the interval's upper bound is below 0.5) or more
 *   customers felt bad than good (the upper bound of net emotion is below 0). A small sample near
 *   the threshold stays undecided (`isUndecided`), so one or two more answers do not flip it.
 * - impact: customers touched × how far the interval's most favourable side still falls below
 *   the threshold; `ranking` lists the moments of truth by impact, most urgent first.
 */
export const THRESHOLDS = { minAnswers: 5, easyShare: 0.5, netEmotion: 0 } as const;
/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;
export const NEGATIVE: readonly Emotion[] = ['frustrated', 'disappointed'];
export const POSITIVE: readonly Emotion[] = ['satisfied', 'delighted'];
const LATEST = 3;

export type SummaryInput = Pick<Answer, 'id' | 'touchpoint' | 'effort' | 'effortScale' | 'emotion' | 'comment' | 'createdAt'> & {
  context?: Record<string, string>;
  /** Why the owner keeps its comment off the public wall, if they do (`comment` is then null in the public feed). */
  withheld?: WithheldReason | null;
};

/** Comments withheld from the public wall, and why: the ratings still count everywhere. */
export interface WithheldCounts {
  count: number;
  reasons: Record<WithheldReason, number>;
}

export interface NegativeComment {
  id: string;
  comment: string;
  createdAt: string;
  effort: number | null;
  effortScale: 5 | 7;
  emotion: Emotion | null;
}

export interface Stats {
  count: number;
  firstAt: string | null;
  lastAt: string | null;
  effortCount: number;
  effortMean: number | null;
  easyShare: number | null;
  hardShare: number | null;
  /** Answers per point, index 0 = 1 = very difficult, one array per scale. */
  effortCounts: { '5': number[]; '7': number[] };
  emotionCount: number;
  emotions: Record<Emotion, number>;
  netEmotion: number | null;
  /** 95 % Wilson interval of easyShare over effortCount; null without effort answers. */
  easyShareInterval: Interval | null;
  /**
   * 95 % interval of netEmotion: a Wilson interval of p = (good + ½ indifferent) / emotionCount,
   * mapped by net = 2p − 1 (exact: 2p − 1 = (good − bad) / emotionCount). Null without emotions.
   */
  netEmotionInterval: Interval | null;
  negativeShare: number | null;
  /** The newest comments from answers that found it hard or felt bad, newest first (never a withheld one). */
  latestNegative: NegativeComment[];
  withheld: WithheldCounts;
}

export interface TouchpointSummary extends Stats {
  touchpoint: string;
  /** `after` when most of its answers carry `context.stage = "after"`: the experience after the sale. */
  stage: 'during' | 'after';
  momentOfTruth: boolean;
  /**
   * How urgent it is: `count` × how far the interval's most favourable side still falls below the
   * threshold (0.5 − upper bound of easyShare, or −upper bound of netEmotion halved onto the same
   * 0…1 scale, whichever is larger). 0 unless a moment of truth.
   */
  impact: number;
}

/** [low, high], both rounded to 4 decimals. */
export type Interval = [number, number];

export interface Summary {
  since: string | null;
  until: string | null;
  thresholds: typeof THRESHOLDS;
  total: Stats;
  /** In order of first appearance. */
  touchpoints: TouchpointSummary[];
  /** The moments of truth by impact, most urgent first (ties in order of first appearance). */
  ranking: string[];
}

/**
 * Answers of one touchpoint already counted elsewhere (the collector's daily rollups): counts
 * per effort point and emotion, and the first and last answer, which ties at the same
 * millisecond settle by the smaller id, as reading the answers in (time, id) order would.
 */
export interface Counts {
  touchpoint: string;
  count: number;
  /** How many carry `context.stage = "after"`. */
  after: number;
  first: { ms: number; id: string; at: string };
  last: { ms: number; id: string; at: string };
  effortCounts: { '5': number[]; '7': number[] };
  emotions: Record<Emotion, number>;
  /** Withheld comments per reason; absent: none. */
  withheld?: Record<WithheldReason, number>;
}

interface Tally {
  count: number;
  after: number;
  firstAt: string | null;
  lastAt: string | null;
  first: number;
  last: number;
  /** Only for `addCounts`: the ids that settle ties of `first` and `last`. */
  firstId: string;
  lastId: string;
  effortSum: number;
  easy: number;
  hard: number;
  effortCounts: { '5': number[]; '7': number[] };
  emotions: Record<Emotion, number>;
  withheld: Record<WithheldReason, number>;
  latest: Timed[];
}

const newTally = (): Tally => ({
  count: 0,
  after: 0,
  firstAt: null,
  lastAt: null,
  first: Infinity,
  last: -Infinity,
  firstId: '',
  lastId: '',
  effortSum: 0,
  easy: 0,
  hard: 0,
  effortCounts: { '5': [0, 0, 0, 0, 0], '7': [0, 0, 0, 0, 0, 0, 0] },
  emotions: { frustrated: 0, disappointed: 0, indifferent: 0, satisfied: 0, delighted: 0 },
  withheld: { 'personal-data': 0, abusive: 0, spam: 0, 'off-topic': 0, other: 0 },
  latest: [],
});

const sum = <K extends string>(counts: Record<K, number>, which: readonly K[]) => which.reduce((n, e) => n + counts[e], 0);
const round = (x: number) => Math.round(x * 10_000) / 10_000;
const share = (part: number, whole: number) => (whole ? round(part / whole) : null);

// Times are compared as numbers: ISO strings with and without milliseconds do not sort as text.
function tallyOne(t: Tally, a: SummaryInput, at: number): void {
  t.count++;
  if (a.context?.stage === 'after') t.after++;
  if (at < t.first) (t.first = at), (t.firstAt = a.createdAt);
  if (at > t.last) (t.last = at), (t.lastAt = a.createdAt);
  if (a.effort !== null) {
    const e7 = effortOn7(a.effort, a.effortScale);
    t.effortSum += e7;
    t.effortCounts[a.effortScale][a.effort - 1]++;
    if (e7 > 4) t.easy++;
    if (e7 < 4) t.hard++;
  }
  if (a.emotion !== null) t.emotions[a.emotion]++;
  if (a.withheld) t.withheld[a.withheld]++;
  else if (isNegativeComment(a)) keepLatest(t.latest, a, at);
}

const isNegativeEmotion = (e: Emotion | null) => e !== null && NEGATIVE.includes(e);

/** Whether an answer's comment is one `latestNegative` may show: it found it hard, or felt bad. */
export const isNegativeComment = (a: Pick<SummaryInput, 'effort' | 'effortScale' | 'emotion' | 'comment'>): boolean =>
  !!a.comment && ((a.effort !== null && effortOn7(a.effort, a.effortScale) < 4) || isNegativeEmotion(a.emotion));

type Timed = NegativeComment & { at: number };

function keepLatest(latest: Timed[], a: Omit<NegativeComment, 'comment'> & { comment: string | null }, at: number): void {
  if (latest.length === LATEST && at <= latest[LATEST - 1].at) return;
  const { id, createdAt, effort, effortScale, emotion } = a;
  let i = latest.findIndex((x) => at > x.at);
  if (i < 0) i = latest.length;
  latest.splice(i, 0, { id, comment: a.comment!, createdAt, effort, effortScale, emotion, at });
  if (latest.length > LATEST) latest.pop();
}

function tallyCounts(t: Tally, c: Counts): void {
  t.count += c.count;
  t.after += c.after;
  const { first, last } = c;
  if (first.ms < t.first || (first.ms == t.first && first.id < t.firstId)) (t.first = first.ms), (t.firstId = first.id), (t.firstAt = first.at);
  if (last.ms > t.last || (last.ms == t.last && last.id < t.lastId)) (t.last = last.ms), (t.lastId = last.id), (t.lastAt = last.at);
  for (const scale of ['5', '7'] as const)
    c.effortCounts[scale].forEach((n, i) => {
      const e7 = effortOn7(i + 1, +scale as 5 | 7);
      t.effortCounts[scale][i] += n;
      // Sums of multiples of 0.5: exact in floating point, so in any order the same as one by one.
      t.effortSum += n * e7;
      if (e7 > 4) t.easy += n;
      if (e7 < 4) t.hard += n;
    });
  for (const e of EMOTIONS) t.emotions[e] += c.emotions[e];
  if (c.withheld) for (const r of WITHHELD_REASONS) t.withheld[r] += c.withheld[r];
}

function stats(t: Tally): Stats {
  const effortCount = t.effortCounts['5'].concat(t.effortCounts['7']).reduce((a, b) => a + b, 0);
  const emotionCount = sum(t.emotions, EMOTIONS);
  const negative = sum(t.emotions, NEGATIVE);
  return {
    count: t.count,
    firstAt: t.firstAt,
    lastAt: t.lastAt,
    effortCount,
    effortMean: effortCount ? round(t.effortSum / effortCount) : null,
    easyShare: share(t.easy, effortCount),
    hardShare: share(t.hard, effortCount),
    effortCounts: t.effortCounts,
    emotionCount,
    emotions: t.emotions,
    netEmotion: emotionCount ? round((sum(t.emotions, POSITIVE) - negative) / emotionCount) : null,
    ...intervalsOf(t.effortCounts, t.emotions),
    negativeShare: share(negative, emotionCount),
    latestNegative: t.latest.map(({ at: _, ...c }) => c),
    withheld: { count: sum(t.withheld, WITHHELD_REASONS), reasons: t.withheld },
  };
}

/**
 * The Wilson score interval of a share `k / n` at `z` (95 % by default): the shares p for which
 * |k/n − p| ≤ z·√(p(1 − p)/n). Unlike k/n ± z·√(k/n·(1 − k/n)/n) it stays inside 0…1 and does not
 * collapse to a point at 0 or n. `k` may be fractional (see `netEmotionInterval`). Null when n is 0.
 */
export function wilson(k: number, n: number, z = Z95): Interval | null {
  if (!(n > 0)) return null;
  const p = k / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))) / (1 + z2n);
  return [round(Math.max(0, centre - half)), round(Math.min(1, centre + half))];
}

/** The intervals of `Stats`, from the counts (so a page can recompute them from any summary). */
export function intervalsOf(effortCounts: Stats['effortCounts'], emotions: Record<Emotion, number>): Pick<Stats, 'easyShareInterval' | 'netEmotionInterval'> {
  let easy = 0;
  let n = 0;
  for (const scale of ['5', '7'] as const)
    effortCounts[scale].forEach((c, i) => {
      n += c;
      if (effortOn7(i + 1, +scale as 5 | 7) > 4) easy += c;
    });
  const emotionCount = sum(emotions, EMOTIONS);
  const p = wilson(sum(emotions, POSITIVE) + emotions.indifferent / 2, emotionCount);
  return {
    easyShareInterval: wilson(easy, n),
    netEmotionInterval: p && [round(2 * p[0] - 1), round(2 * p[1] - 1)],
  };
}

/** How far, at best, these numbers fall below the thresholds, on a 0…1 share scale; 0 if not surely below. */
function shortfall(s: Pick<Stats, 'easyShareInterval' | 'netEmotionInterval'>): number {
  const easy = s.easyShareInterval ? THRESHOLDS.easyShare - s.easyShareInterval[1] : 0;
  const net = s.netEmotionInterval ? (THRESHOLDS.netEmotion - s.netEmotionInterval[1]) / 2 : 0;
  return Math.max(0, easy, net);
}

/**
 * Whether these numbers fall below the thresholds above with 95 % confidence: at least
 * `minAnswers` answers, and the upper bound of easyShare below 0.5 or that of netEmotion below 0.
 */
export function isMomentOfTruth(s: Stats): boolean {
  return s.count >= THRESHOLDS.minAnswers && shortfall(s) > 0;
}

/**
 * Whether it looks below a threshold (easyShare < 0.5 or netEmotion < 0) but there are too few
 * answers to say so: under `minAnswers`, or an interval that still reaches the threshold.
 */
export function isUndecided(s: Stats): boolean {
  const looksBad = (s.easyShare !== null && s.easyShare < THRESHOLDS.easyShare) || (s.netEmotion !== null && s.netEmotion < THRESHOLDS.netEmotion);
  return looksBad && !isMomentOfTruth(s);
}

/** `TouchpointSummary.impact`: customers touched × shortfall; 0 unless a moment of truth. */
export function impactOf(s: Stats): number {
  return isMomentOfTruth(s) ? round(s.count * shortfall(s)) : 0;
}

/** The moments of truth among these, by impact, most urgent first; ties keep the given order. */
export function rankMoments<T extends { momentOfTruth: boolean; impact: number }>(touchpoints: readonly T[]): T[] {
  return touchpoints.filter((t) => t.momentOfTruth).sort((a, b) => b.impact - a.impact);
}

/**
 * Adds answers one at a time, so the collector can stream rows from SQLite without holding
 * them all. Answers must already be valid (see `answerError`); `since`/`until` filter is the caller's.
 */
export function summarizer(period: { since?: string | null; until?: string | null } = {}) {
  const total = newTally();
  const byTouchpoint = new Map<string, Tally>();
  return {
    add(a: SummaryInput, at = Date.parse(a.createdAt)): void {
      tallyOne(total, a, at);
      let t = byTouchpoint.get(a.touchpoint);
      if (!t) byTouchpoint.set(a.touchpoint, (t = newTally()));
      tallyOne(t, a, at);
    },
    /** Adds answers counted elsewhere; their negative comments come through `addNegative`. */
    addCounts(c: Counts): void {
      tallyCounts(total, c);
      let t = byTouchpoint.get(c.touchpoint);
      if (!t) byTouchpoint.set(c.touchpoint, (t = newTally()));
      tallyCounts(t, c);
    },
    /**
     * A comment from an answer that found it hard or felt bad, for `latestNegative`. Give them
     * oldest first (ties by id) to pick the same ones as adding the answers one by one.
     */
    addNegative(touchpoint: string, c: NegativeComment, at = Date.parse(c.createdAt)): void {
      keepLatest(total.latest, c, at);
      const t = byTouchpoint.get(touchpoint);
      if (t) keepLatest(t.latest, c, at);
    },
    result(): Summary {
      const touchpoints = [...byTouchpoint].map(([touchpoint, t]): TouchpointSummary => {
        const s = stats(t);
        return { touchpoint, stage: t.after * 2 > t.count ? 'after' : 'during', ...s, momentOfTruth: isMomentOfTruth(s), impact: impactOf(s) };
      });
      const tally = (s: TouchpointSummary) => byTouchpoint.get(s.touchpoint)!;
      const firstId = (s: TouchpointSummary) => tally(s).firstId;
      touchpoints.sort((a, b) => tally(a).first - tally(b).first || (firstId(a) < firstId(b) ? -1 : +(firstId(a) > firstId(b))));
      const ranking = rankMoments(touchpoints).map((t) => t.touchpoint);
      return { since: period.since ?? null, until: period.until ?? null, thresholds: THRESHOLDS, total: stats(total), touchpoints, ranking };
    },
  };
}

/** The summary of answers given in [since, until). */
export function summarize(answers: Iterable<SummaryInput>, period: { since?: string | null; until?: string | null } = {}): Summary {
  const s = summarizer(period);
  const since = period.since ? Date.parse(period.since) : -Infinity;
  const until = period.until ? Date.parse(period.until) : Infinity;
  for (const a of answers) {
    const at = Date.parse(a.createdAt);
    if (at >= since && at < until) s.add(a, at);
  }
  return s.result();
}
