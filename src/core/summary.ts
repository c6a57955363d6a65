import { EMOTIONS, effortOn7, type Answer, type Emotion } from './answer.js';

/**
 * Summary maths, shared by the collector (`/api/summary`), `<cx-wall>` and `<cx-journey>`.
 *
 * - effortMean: mean effort on the 7-point scale (5-point answers mapped linearly, 1→1, 5→7).
 * - easyShare / hardShare: share of effort answers above / below the scale's midpoint
 *   (7-point: 5–7 easy, 1–3 hard; 5-point: 4–5 easy, 1–2 hard).
 * - netEmotion: share satisfied or delighted minus share frustrated or disappointed, −1…1.
 * - A touchpoint is a moment of truth when it has at least `minAnswers` answers and fewer than
 *   half found it easy, or more customers felt bad than good.
 */
export const THRESHOLDS = { minAnswers: 5, easyShare: 0.5, netEmotion: 0 } as const;
export const NEGATIVE: readonly Emotion[] = ['frustrated', 'disappointed'];
export const POSITIVE: readonly Emotion[] = ['satisfied', 'delighted'];
const LATEST = 3;

export type SummaryInput = Pick<Answer, 'id' | 'touchpoint' | 'effort' | 'effortScale' | 'emotion' | 'comment' | 'createdAt'> & {
  context?: Record<string, string>;
};

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
  negativeShare: number | null;
  /** The newest comments from answers that found it hard or felt bad, newest first. */
  latestNegative: NegativeComment[];
}

export interface TouchpointSummary extends Stats {
  touchpoint: string;
  /** `after` when most of its answers carry `context.stage = "after"`: the experience after the sale. */
  stage: 'during' | 'after';
  momentOfTruth: boolean;
}

export interface Summary {
  since: string | null;
  until: string | null;
  thresholds: typeof THRESHOLDS;
  total: Stats;
  /** In order of first appearance. */
  touchpoints: TouchpointSummary[];
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
  latest: [],
});

const sum = (counts: Record<Emotion, number>, which: readonly Emotion[]) => which.reduce((n, e) => n + counts[e], 0);
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
  if (isNegativeComment(a)) keepLatest(t.latest, a, at);
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
    negativeShare: share(negative, emotionCount),
    latestNegative: t.latest.map(({ at: _, ...c }) => c),
  };
}

/** Whether these numbers fall below the thresholds above. */
export function isMomentOfTruth(s: Stats): boolean {
  return (
    s.count >= THRESHOLDS.minAnswers &&
    ((s.easyShare !== null && s.easyShare < THRESHOLDS.easyShare) || (s.netEmotion !== null && s.netEmotion < THRESHOLDS.netEmotion))
  );
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
        return { touchpoint, stage: t.after * 2 > t.count ? 'after' : 'during', ...s, momentOfTruth: isMomentOfTruth(s) };
      });
      const tally = (s: TouchpointSummary) => byTouchpoint.get(s.touchpoint)!;
      const firstId = (s: TouchpointSummary) => tally(s).firstId;
      touchpoints.sort((a, b) => tally(a).first - tally(b).first || (firstId(a) < firstId(b) ? -1 : +(firstId(a) > firstId(b))));
      return { since: period.since ?? null, until: period.until ?? null, thresholds: THRESHOLDS, total: stats(total), touchpoints };
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
