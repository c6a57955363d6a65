import { EMOTIONS } from '../core/answer.js';
import { guardFormula, quoteField } from '../core/csv.js';
import type { Station } from './stations.js';

/**
 * The journey as CSV (RFC 4180): a header row, one row per touchpoint in journey order, CRLF
 * line ends. Column names are fixed English identifiers whatever the element's language (the
 * `name` column holds the touchpoint's display name in that language), so
 * spreadsheets and scripts can rely on them. Numbers are plain (`-0.25`, dot decimal); empty
 * means no data.
 */
export const CSV_HEADER = [
  'touchpoint',
  'name',
  'stage',
  'answers',
  'effort_mean',
  'easy_share',
  'hard_share',
  ...EMOTIONS,
  'net_emotion',
  'effort_change',
  'net_emotion_change',
  'moment_of_truth',
  'latest_negative_comments',
] as const;

type Cell = string | number | boolean | null;

export { guardFormula, quoteField };

const cell = (x: Cell): string => (x === null ? '' : typeof x === 'string' ? quoteField(guardFormula(x)) : String(x));

function row(s: Station, name: (touchpoint: string) => string): Cell[] {
  const t = s.stats;
  return [
    s.touchpoint,
    name(s.touchpoint),
    s.stage,
    t?.count ?? 0,
    t?.effortMean ?? null,
    t?.easyShare ?? null,
    t?.hardShare ?? null,
    ...EMOTIONS.map((e) => t?.emotions[e] ?? 0),
    t?.netEmotion ?? null,
    s.effortTrend?.delta ?? null,
    s.emotionTrend?.delta ?? null,
    t?.momentOfTruth ?? false,
    // One per line inside the one quoted field.
    t?.latestNegative.map((c) => c.comment).join('\n') || null,
  ];
}

/** `name` gives each touchpoint's display name in the element's language (its id when it has none). */
export function journeyCsv(stations: readonly Station[], name: (touchpoint: string) => string = (id) => id): string {
  return [[...CSV_HEADER], ...stations.map((s) => row(s, name))].map((r) => r.map(cell).join(',') + '\r\n').join('');
}
