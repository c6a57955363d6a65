import { EMOTIONS } from '../core/answer.js';
import type { Station } from './stations.js';

/**
 * The journey as CSV (RFC 4180): a header row, one row per touchpoint in journey order, CRLF
 * line ends. Column names are fixed English identifiers whatever the element's language, so
 * spreadsheets and scripts can rely on them. Numbers are plain (`-0.25`, dot decimal); empty
 * means no data.
 */
export const CSV_HEADER = [
  'touchpoint',
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

/**
 * Text a spreadsheet would run as a formula gets a leading apostrophe (OWASP, "CSV Injection").
 * Only text is guarded: numbers are written by this code, so −0.25 stays a number.
 */
export const guardFormula = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/** Quotes a field holding a quote, comma, CR or LF, doubling its quotes. */
export const quoteField = (field: string): string => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);

const cell = (x: Cell): string => (x === null ? '' : typeof x === 'string' ? quoteField(guardFormula(x)) : String(x));

function row(s: Station): Cell[] {
  const t = s.stats;
  return [
    s.touchpoint,
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

export function journeyCsv(stations: readonly Station[]): string {
  return [[...CSV_HEADER], ...stations.map(row)].map((r) => r.map(cell).join(',') + '\r\n').join('');
}
