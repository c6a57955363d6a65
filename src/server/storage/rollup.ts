import type { Answer, Emotion } from '../../core/answer.js';
import { WITHHELD_REASONS, type State, type StateCounts, type WithheldReason } from '../../core/inbox.js';
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
  state: State;
  withheld: WithheldReason | null;
}

/** One rollup row: `Counts` for a day, a touchpoint and a stage, and the owner's triage of them. */
export interface Rollup extends Counts {
  day: number;
  stage: string;
  acknowledged: number;
  resolved: number;
  withheld: Record<WithheldReason, number>;
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
    state: 'new',
    withheld: null,
    negative: isNegativeComment(a),
    journey: a.journey.toLowerCase(),
    comment: a.comment,
  };
}

const noneWithheld = (): Record<WithheldReason, number> => ({ 'personal-data': 0, abusive: 0, spam: 0, 'off-topic': 0, other: 0 });

const emptyCounts = (touchpoint: string, r: Row): Omit<Rollup, 'day' | 'stage'> => ({
  touchpoint,
  count: 0,
  after: 0,
  first: { ms: r.createdMs, id: r.id, at: r.createdAt },
  last: { ms: r.createdMs, id: r.id, at: r.createdAt },
  effortCounts: { '5': [0, 0, 0, 0, 0], '7': [0, 0, 0, 0, 0, 0, 0] },
  emotions: { frustrated: 0, disappointed: 0, indifferent: 0, satisfied: 0, delighted: 0 },
  acknowledged: 0,
  resolved: 0,
  withheld: noneWithheld(),
});

const before = (a: { ms: number; id: string }, b: { ms: number; id: string }) => a.ms < b.ms || (a.ms == b.ms && a.id < b.id);

function countInto(c: Rollup, r: Row): void {
  c.count++;
  if (r.stage === 'after') c.after++;
  if (before({ ms: r.createdMs, id: r.id }, c.first)) c.first = { ms: r.createdMs, id: r.id, at: r.createdAt };
  // The last answer is the latest; at the same millisecond, the smaller id (as a summary read in order picks).
  if (r.createdMs > c.last.ms || (r.createdMs == c.last.ms && r.id < c.last.id)) c.last = { ms: r.createdMs, id: r.id, at: r.createdAt };
  if (r.effort !== null) c.effortCounts[r.effortScale][r.effort - 1]++;
  if (r.emotion !== null) c.emotions[r.emotion]++;
  if (r.state !== 'new') c[r.state]++;
  if (r.withheld) c.withheld[r.withheld]++;
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

/** A summary period split into whole UTC days (read from rollups) and the parts of days at either end (read from answers). */
export interface Split {
  /** Whole days: [fromDay, toDay), finite (an open side is the whole range of a Date). */
  fromDay: number;
  toDay: number;
  /** Answer time ranges [since, until) outside the whole days; none, one or two. */
  edges: [number, number][];
  /** The whole period [since, until) in milliseconds, open sides filled in. */
  window: [number, number];
}

/** The whole range of a JavaScript Date, in milliseconds and in days. */
const EARLIEST = -8.64e15;
const LATEST = 8.64e15;

export function splitPeriod(sinceMs: number | undefined, untilMs: number | undefined): Split {
  const window: [number, number] = [sinceMs ?? EARLIEST, untilMs ?? LATEST];
  const fromDay = Math.ceil(window[0] / DAY_MS);
  const toDay = Math.floor(window[1] / DAY_MS);
  // Less than one whole day: read the answers of the whole period.
  if (fromDay >= toDay) return { fromDay: 0, toDay: 0, edges: [window], window };
  const edges: [number, number][] = [];
  if (window[0] < fromDay * DAY_MS) edges.push([window[0], fromDay * DAY_MS]);
  if (window[1] > toDay * DAY_MS) edges.push([toDay * DAY_MS, window[1]]);
  return { fromDay, toDay, edges, window };
}

/**
 * The summary from counts (rollups of whole days, answers of the days' parts at either end) and
 * the newest negative comments per touchpoint (from their index): the same numbers as reading
 * every answer one by one.
 */
export function summaryOf(
  period: { since?: string; until?: string },
  parts: { counts: Iterable<Counts>; negative: Iterable<NegativeComment & { touchpoint: string; at: number }> },
): Summary {
  const s = summarizer(period);
  for (const c of parts.counts) s.addCounts(c);
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
/** Answers not `new` (the rest are). */
export const STATE_COLUMNS = ['acknowledged', 'resolved'] as const;
/** Withheld comments per reason: `w_personal_data` for `personal-data`. */
export const WITHHELD_COLUMNS = WITHHELD_REASONS.map((r) => `w_${r.replace('-', '_')}`) as readonly string[];

/** Every rollup column, in the order both engines store them and `valuesOf` gives them. */
export const ROLLUP_COLUMNS = ['day', 'touchpoint', 'stage', 'count', ...EFFORT5, ...EFFORT7, ...EMOTION_COLUMNS, ...STATE_COLUMNS, ...WITHHELD_COLUMNS, 'first_ms', 'first_id', 'first_at', 'last_ms', 'last_id', 'last_at'] as const;
/** The counting columns the first rollups migration created (later ones add theirs): migrations must not change with the code. */
export const FIRST_COUNT_COLUMNS = ['count', ...EFFORT5, ...EFFORT7, ...EMOTION_COLUMNS] as const;
/** The columns that count answers: everything between the key and the first and last answer. */
export const COUNT_COLUMNS = ROLLUP_COLUMNS.slice(3, -6);

const firstWins = 'excluded.first_ms < r.first_ms OR (excluded.first_ms = r.first_ms AND excluded.first_id < r.first_id)';
const lastWins = 'excluded.last_ms > r.last_ms OR (excluded.last_ms = r.last_ms AND excluded.last_id < r.last_id)';

/**
 * How both engines fold a new rollup row into the stored one (`INSERT INTO rollups AS r … ROLLUP_MERGE`):
 * counts add up; the first and last answer are the earlier and the later one, ties by the smaller id.
 */
export const ROLLUP_MERGE = `
  ON CONFLICT (day, touchpoint, stage) DO UPDATE SET
    ${COUNT_COLUMNS.map((c) => `${c} = r.${c} + excluded.${c}`).join(', ')},
    ${['ms', 'id', 'at'].map((f) => `first_${f} = CASE WHEN ${firstWins} THEN excluded.first_${f} ELSE r.first_${f} END`).join(', ')},
    ${['ms', 'id', 'at'].map((f) => `last_${f} = CASE WHEN ${lastWins} THEN excluded.last_${f} ELSE r.last_${f} END`).join(', ')}`;

/** A rollup as the values of its columns, in the order of `ROLLUP_COLUMNS`. */
export const valuesOf = (r: Rollup): (number | string)[] => [
  r.day,
  r.touchpoint,
  r.stage,
  r.count,
  ...r.effortCounts['5'],
  ...r.effortCounts['7'],
  ...EMOTION_COLUMNS.map((e) => r.emotions[e]),
  r.acknowledged,
  r.resolved,
  ...WITHHELD_REASONS.map((w) => r.withheld[w]),
  r.first.ms,
  r.first.id,
  r.first.at,
  r.last.ms,
  r.last.id,
  r.last.at,
];

/**
 * The SQL both engines run for a summary. Sums and firsts are computed by the database, so a
 * summary turns a few rows per touchpoint into objects, whatever the number of days or answers.
 * `?` placeholders; PostgreSQL's `$n` come from `numbered`.
 */
const effortFilters = (effort: string, scale: string) => [
  ...EFFORT5.map((c, i) => `count(*) FILTER (WHERE ${scale} = 5 AND ${effort} = ${i + 1}) AS ${c}`),
  ...EFFORT7.map((c, i) => `count(*) FILTER (WHERE ${scale} = 7 AND ${effort} = ${i + 1}) AS ${c}`),
];
const firstsAndLasts = (ms: string, id: string, at: string, lastMs = ms, lastId = id, lastAt = at) => `
  SELECT DISTINCT touchpoint,
    first_value(${ms}) OVER f AS first_ms, first_value(${id}) OVER f AS first_id, first_value(${at}) OVER f AS first_at,
    first_value(${lastMs}) OVER l AS last_ms, first_value(${lastId}) OVER l AS last_id, first_value(${lastAt}) OVER l AS last_at`;

export const SUMMARY_SQL = {
  /** Whole days: the rollups summed per touchpoint and stage. */
  daySums: `
    SELECT touchpoint, stage, ${COUNT_COLUMNS.map((c) => `sum(${c}) AS ${c}`).join(', ')}
    FROM rollups WHERE day >= ? AND day < ? GROUP BY touchpoint, stage`,
  /** Whole days: each touchpoint's first and last answer (ties at one millisecond: the smaller id). */
  dayEnds: `${firstsAndLasts('first_ms', 'first_id', 'first_at', 'last_ms', 'last_id', 'last_at')}
    FROM rollups WHERE day >= ? AND day < ?
    WINDOW f AS (PARTITION BY touchpoint ORDER BY first_ms, first_id), l AS (PARTITION BY touchpoint ORDER BY last_ms DESC, last_id)`,
  /** Part of a day: the answers counted per touchpoint and stage. */
  answerSums: `
    SELECT touchpoint, coalesce(stage, '') AS stage, count(*) AS count, ${effortFilters('effort', 'effort_scale').join(', ')},
      ${EMOTION_COLUMNS.map((e) => `count(*) FILTER (WHERE emotion = '${e}') AS ${e}`).join(', ')},
      ${STATE_COLUMNS.map((st) => `count(*) FILTER (WHERE state = '${st}') AS ${st}`).join(', ')},
      ${WITHHELD_REASONS.map((w, i) => `count(*) FILTER (WHERE withheld_reason = '${w}') AS ${WITHHELD_COLUMNS[i]}`).join(', ')}
    FROM answers WHERE created_ms >= ? AND created_ms < ? GROUP BY touchpoint, coalesce(stage, '')`,
  /** Part of a day: each touchpoint's first and last answer. */
  answerEnds: `${firstsAndLasts('created_ms', 'lower(id)', 'created_at')}
    FROM answers WHERE created_ms >= ? AND created_ms < ?
    WINDOW f AS (PARTITION BY touchpoint ORDER BY created_ms, id), l AS (PARTITION BY touchpoint ORDER BY created_ms DESC, id)`,
};

/** `?` → `$1`, `$2`, … for PostgreSQL. */
export const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

export interface SumsRecord {
  touchpoint: string;
  stage: string;
  [column: string]: number | string;
}

export interface EndsRecord {
  touchpoint: string;
  first_ms: number;
  first_id: string;
  first_at: string;
  last_ms: number;
  last_id: string;
  last_at: string;
}

/**
 * Counts from summed rows (per touchpoint and stage) and each touchpoint's first and last answer
 * (a count of zero: the summarizer merges it into the touchpoint like any other).
 */
export function countsOfSums(sums: SumsRecord[], ends: EndsRecord[]): Counts[] {
  const none = { ms: 0, id: '', at: '' };
  const counts: Counts[] = sums.map((r) => ({
    touchpoint: r.touchpoint,
    count: Number(r.count),
    after: r.stage === 'after' ? Number(r.count) : 0,
    first: { ...none, ms: Infinity },
    last: { ...none, ms: -Infinity },
    effortCounts: { '5': EFFORT5.map((k) => Number(r[k])), '7': EFFORT7.map((k) => Number(r[k])) },
    emotions: Object.fromEntries(EMOTION_COLUMNS.map((k) => [k, Number(r[k])])) as Record<Emotion, number>,
    withheld: Object.fromEntries(WITHHELD_REASONS.map((w, i) => [w, Number(r[WITHHELD_COLUMNS[i]])])) as Record<WithheldReason, number>,
  }));
  for (const e of ends)
    counts.push({
      touchpoint: e.touchpoint,
      count: 0,
      after: 0,
      first: { ms: Number(e.first_ms), id: e.first_id, at: e.first_at },
      last: { ms: Number(e.last_ms), id: e.last_id, at: e.last_at },
      effortCounts: { '5': [0, 0, 0, 0, 0], '7': [0, 0, 0, 0, 0, 0, 0] },
      emotions: { frustrated: 0, disappointed: 0, indifferent: 0, satisfied: 0, delighted: 0 },
    });
  return counts;
}

/** [from, to) cut at `step` boundaries, so each part can be read in its own turn of the event loop. */
export function slices(from: number, to: number, step: number): [number, number][] {
  const parts: [number, number][] = [];
  for (let a = from; a < to; ) {
    const b = Math.min(to, (Math.floor(a / step) + 1) * step);
    parts.push([a, b]);
    a = b;
  }
  return parts;
}

/** Answers per triage state from the same summed rows: exact, whatever the number of answers. */
export function stateCountsOfSums(sums: SumsRecord[], touchpoint?: string): StateCounts {
  const counts: StateCounts = { new: 0, acknowledged: 0, resolved: 0 };
  for (const r of sums) {
    if (touchpoint !== undefined && r.touchpoint !== touchpoint) continue;
    counts.acknowledged += Number(r.acknowledged);
    counts.resolved += Number(r.resolved);
    counts.new += Number(r.count) - Number(r.acknowledged) - Number(r.resolved);
  }
  return counts;
}

/**
 * `UPDATE rollups …`: adds (or, negative, takes) one answer's triage to its rollup row when the
 * owner changes it. Values: the deltas in `STATE_COLUMNS` then `WITHHELD_COLUMNS` order, then the key.
 */
export const ROLLUP_ADJUST = `
  UPDATE rollups SET ${[...STATE_COLUMNS, ...WITHHELD_COLUMNS].map((c) => `${c} = ${c} + ?`).join(', ')}
  WHERE day = ? AND touchpoint = ? AND stage = ?`;

/** The values for `ROLLUP_ADJUST` when one answer goes from `from` to `to`. */
export function adjustValues(key: { day: number; touchpoint: string; stage: string }, from: Pick<Row, 'state' | 'withheld'>, to: Pick<Row, 'state' | 'withheld'>): (number | string)[] {
  const delta = (was: boolean, is: boolean) => Number(is) - Number(was);
  return [
    ...STATE_COLUMNS.map((st) => delta(from.state === st, to.state === st)),
    ...WITHHELD_REASONS.map((w) => delta(from.withheld === w, to.withheld === w)),
    key.day,
    key.touchpoint,
    key.stage,
  ];
}
