import type { Answer, Emotion } from '../../core/answer.js';
import { isNegativeComment, summarizer, type Counts, type NegativeComment, type Summary } from '../../core/summary.js';

/**
 * Daily rollups: per UTC day, touchpoint and stage, the counts `/api/summary` needs, kept in the
 * same transaction as the answers. A summary then reads days × touchpoints rows, not answers.
 */
export const DAY_MS = 86_400_000;
export const dayOf = (ms: number): number => Math.floor(ms / DAY_MS);

/** The columns an answer contributes to rollups and to the index of negative comments. */
export interface Row {
  id: string;
  touchpoint: string;
  stage: string;
  effort: number | null;
  effortScale: 5 | 7;
  emotion: Emotion | null;
  createdAt: string;
  createdMs: number;
}

/** One rollup row: `Counts` for a day, a touchpoint and a stage. */
export interface Rollup extends Counts {
  day: number;
  stage: string;
}

/** Rows are stored with ids in lower case: ids are unique whatever their case, and order as text. */
export function rowOf(a: Answer): Row & { negative: boolean; journey: string; comment: string | null } {
  const createdMs = Date.parse(a.createdAt);
  return {
    id: a.id.toLowerCase(),
    touchpoint: a.touchpoint,
    stage: a.context.stage ?? '',
    effort: a.effort,
    effortScale: a.effortScale,
    emotion: a.emotion,
    createdAt: a.createdAt,
    createdMs,
    negative: isNegativeComment(a),
    journey: a.journey.toLowerCase(),
    comment: a.comment,
  };
}

const emptyCounts = (touchpoint: string, r: Row): Counts => ({
  touchpoint,
  count: 0,
  after: 0,
  first: { ms: r.createdMs, id: r.id, at: r.createdAt },
  last: { ms: r.createdMs, id: r.id, at: r.createdAt },
  effortCounts: { '5': [0, 0, 0, 0, 0], '7': [0, 0, 0, 0, 0, 0, 0] },
  emotions: { frustrated: 0, disappointed: 0, indifferent: 0, satisfied: 0, delighted: 0 },
});

const before = (a: { ms: number; id: string }, b: { ms: number; id: string }) => a.ms < b.ms || (a.ms == b.ms && a.id < b.id);

function countInto(c: Counts, r: Row): void {
  c.count++;
  if (r.stage === 'after') c.after++;
  if (before({ ms: r.createdMs, id: r.id }, c.first)) c.first = { ms: r.createdMs, id: r.id, at: r.createdAt };
  // The last answer is the latest; at the same millisecond, the smaller id (as a summary read in order picks).
  if (r.createdMs > c.last.ms || (r.createdMs == c.last.ms && r.id < c.last.id)) c.last = { ms: r.createdMs, id: r.id, at: r.createdAt };
  if (r.effort !== null) c.effortCounts[r.effortScale][r.effort - 1]++;
  if (r.emotion !== null) c.emotions[r.emotion]++;
}

/** Rows counted per day, touchpoint and stage, in key order (so concurrent writers lock rollup rows in one order). */
export function rollupsOf(rows: Iterable<Row>): Rollup[] {
  const byKey = new Map<string, Rollup>();
  for (const r of rows) {
    const day = dayOf(r.createdMs);
    const key = JSON.stringify([day, r.touchpoint, r.stage]);
    let rollup = byKey.get(key);
    if (!rollup) byKey.set(key, (rollup = { day, stage: r.stage, ...emptyCounts(r.touchpoint, r) }));
    countInto(rollup, r);
  }
  return [...byKey.values()].sort(compareKeys);
}

export const compareKeys = (a: Rollup, b: Rollup): number =>
  a.day - b.day || (a.touchpoint < b.touchpoint ? -1 : a.touchpoint > b.touchpoint ? 1 : a.stage < b.stage ? -1 : +(a.stage > b.stage));

/** Counts of one touchpoint over any rows (a part of a day, or several rollups merged by the summarizer). */
export function countsOf(rows: Iterable<Row>): Counts[] {
  const byTouchpoint = new Map<string, Counts>();
  for (const r of rows) {
    let c = byTouchpoint.get(r.touchpoint);
    if (!c) byTouchpoint.set(r.touchpoint, (c = emptyCounts(r.touchpoint, r)));
    countInto(c, r);
  }
  return [...byTouchpoint.values()];
}

/** A summary period split into whole UTC days (read from rollups) and the parts of days at either end (read from answers). */
export interface Split {
  /** Whole days: [fromDay, toDay). */
  fromDay: number;
  toDay: number;
  /** Answer time ranges [since, until) outside the whole days; none, one or two. */
  edges: [number, number][];
}

export function splitPeriod(sinceMs: number | undefined, untilMs: number | undefined): Split {
  const fromDay = sinceMs === undefined ? -Infinity : Math.ceil(sinceMs / DAY_MS);
  const toDay = untilMs === undefined ? Infinity : Math.floor(untilMs / DAY_MS);
  if (fromDay >= toDay) {
    // Less than one whole day: read the answers of the whole period.
    return { fromDay: 0, toDay: 0, edges: [[sinceMs ?? -8.64e15, untilMs ?? 8.64e15]] };
  }
  const edges: [number, number][] = [];
  if (sinceMs !== undefined && sinceMs < fromDay * DAY_MS) edges.push([sinceMs, fromDay * DAY_MS]);
  if (untilMs !== undefined && untilMs > toDay * DAY_MS) edges.push([toDay * DAY_MS, untilMs]);
  return { fromDay, toDay, edges };
}

/**
 * The summary from rollups and the answers at the edges of the period, and the newest negative
 * comments per touchpoint (from their index): the same numbers as reading every answer.
 */
export function summaryOf(
  period: { since?: string; until?: string },
  parts: { rollups: Iterable<Counts>; edges: Iterable<Counts>; negative: Iterable<NegativeComment & { touchpoint: string; at: number }> },
): Summary {
  const s = summarizer(period);
  for (const c of parts.rollups) s.addCounts(c);
  for (const c of parts.edges) s.addCounts(c);
  // Stored ids keep the case they were sent in; they order (and are unique) regardless of it.
  const id = (c: { id: string }) => c.id.toLowerCase();
  const negative = [...parts.negative].sort((a, b) => a.at - b.at || (id(a) < id(b) ? -1 : +(id(a) > id(b))));
  for (const { touchpoint, at, ...comment } of negative) s.addNegative(touchpoint, comment, at);
  return s.result();
}

/** Rollup columns, in the order both engines store them. */
export const EFFORT5 = ['e5_1', 'e5_2', 'e5_3', 'e5_4', 'e5_5'] as const;
export const EFFORT7 = ['e7_1', 'e7_2', 'e7_3', 'e7_4', 'e7_5', 'e7_6', 'e7_7'] as const;
export const EMOTION_COLUMNS = ['frustrated', 'disappointed', 'indifferent', 'satisfied', 'delighted'] as const;

/** A rollup row as both engines read it back. */
export interface RollupRecord {
  day: number;
  touchpoint: string;
  stage: string;
  count: number;
  first_ms: number;
  first_id: string;
  first_at: string;
  last_ms: number;
  last_id: string;
  last_at: string;
  [column: string]: number | string;
}

export const countsOfRecord = (r: RollupRecord): Counts => ({
  touchpoint: r.touchpoint,
  count: Number(r.count),
  after: r.stage === 'after' ? Number(r.count) : 0,
  first: { ms: Number(r.first_ms), id: r.first_id, at: r.first_at },
  last: { ms: Number(r.last_ms), id: r.last_id, at: r.last_at },
  effortCounts: { '5': EFFORT5.map((k) => Number(r[k])), '7': EFFORT7.map((k) => Number(r[k])) },
  emotions: Object.fromEntries(EMOTION_COLUMNS.map((k) => [k, Number(r[k])])) as Record<Emotion, number>,
});

/** A rollup as the values of its columns, in the order of `ROLLUP_COLUMNS`. */
export const ROLLUP_COLUMNS = ['day', 'touchpoint', 'stage', 'count', ...EFFORT5, ...EFFORT7, ...EMOTION_COLUMNS, 'first_ms', 'first_id', 'first_at', 'last_ms', 'last_id', 'last_at'] as const;

export const valuesOf = (r: Rollup): (number | string)[] => [
  r.day,
  r.touchpoint,
  r.stage,
  r.count,
  ...r.effortCounts['5'],
  ...r.effortCounts['7'],
  ...EMOTION_COLUMNS.map((e) => r.emotions[e]),
  r.first.ms,
  r.first.id,
  r.first.at,
  r.last.ms,
  r.last.id,
  r.last.at,
];
