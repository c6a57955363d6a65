/**
 * The answer, schema version 1: the exact JSON an endpoint receives.
 * Documented for other implementations in `schema/answer.v1.schema.json`;
 * `test/unit/answer.test.ts` checks that this validator and that file agree.
 */

export const EMOTIONS = ['frustrated', 'disappointed', 'indifferent', 'satisfied', 'delighted'] as const;
export type Emotion = (typeof EMOTIONS)[number];
export type EffortScale = 5 | 7;
/**
 * The languages Touchpoint speaks: English and Spanish built into every bundle, the others from
 * a locale script (`dist/locales/<lang>.js`, or `touchpoint-cx/locales/<lang>`). An answer
 * carries the one its questions were asked in.
 */
export const LANGS = ['en', 'es', 'fr', 'de', 'pt', 'it', 'ca', 'nl', 'ar'] as const;
export type Lang = (typeof LANGS)[number];

export interface Answer {
  id: string;
  v: 1;
  touchpoint: string;
  journey: string;
  effort: number | null;
  effortScale: EffortScale;
  emotion: Emotion | null;
  comment: string | null;
  page: string;
  lang: Lang;
  createdAt: string;
  context: Record<string, string>;
}

export const TOUCHPOINT_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const CONTEXT_KEY_PATTERN = /^[a-z0-9_.:-]{1,64}$/;
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/;
const PAGE_PATTERN = /^https?:\/\/[^\s?#]+$/;

export const COMMENT_MAX = 1000;
export const CONTEXT_MAX_KEYS = 20;
export const CONTEXT_VALUE_MAX = 200;
export const PAGE_MAX = 2048;
const FIELDS = ['id', 'v', 'touchpoint', 'journey', 'effort', 'effortScale', 'emotion', 'comment', 'page', 'lang', 'createdAt', 'context'];

/** Length in code points, as JSON Schema's `maxLength` counts. */
export const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** Names sent by a client, made safe to repeat in a one-line error. */
const oneLine = (name: string) => name.replace(/[\u0000-\u001f\u007f]+/g, ' ').slice(0, 64);

/** A JSON object: not null, not an array. */
export const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Why `x` is not a valid schema-1 answer, as "field: reason", or `null` when it is.
 * `maxFutureMs` bounds how far ahead `createdAt` may be (the collector allows a day);
 * `allowExtra` accepts fields beyond the schema (a feed adds `reply`).
 */
export function answerError(
  x: unknown,
  { now = Date.now(), maxFutureMs = Infinity, allowExtra = false } = {},
): string | null {
  if (!isObject(x)) return 'answer: must be a JSON object';
  if (!allowExtra) {
    const extra = Object.keys(x).find((k) => !FIELDS.includes(k));
    if (extra) return `${oneLine(extra)}: unknown field`;
  }
  const { id, v, touchpoint, journey, effort, effortScale, emotion, comment, page, lang, createdAt, context } = x;
  if (typeof id !== 'string' || !UUID_PATTERN.test(id)) return 'id: must be a UUID';
  if (v !== 1) return 'v: must be 1';
  if (typeof touchpoint !== 'string' || !TOUCHPOINT_PATTERN.test(touchpoint))
    return 'touchpoint: must be 1-64 characters of A-Z a-z 0-9 . _ : -';
  if (typeof journey !== 'string' || !UUID_PATTERN.test(journey)) return 'journey: must be a UUID';
  if (effortScale !== 5 && effortScale !== 7) return 'effortScale: must be 5 or 7';
  if (effort !== null && !(Number.isInteger(effort) && (effort as number) >= 1 && (effort as number) <= effortScale))
    return `effort: must be an integer from 1 to ${effortScale}, or null`;
  if (emotion !== null && !EMOTIONS.includes(emotion as Emotion))
    return `emotion: must be one of ${EMOTIONS.join(', ')}, or null`;
  if (comment !== null && (typeof comment !== 'string' || codePoints(comment) > COMMENT_MAX))
    return `comment: must be a string of at most ${COMMENT_MAX} characters, or null`;
  if (effort === null && emotion === null && (comment === null || (comment as string).trim() === ''))
    return 'answer: needs an effort, an emotion or a comment';
  if (typeof page !== 'string' || page.length > PAGE_MAX || !PAGE_PATTERN.test(page))
    return `page: must be an http(s) URL without query or hash, at most ${PAGE_MAX} characters`;
  if (!LANGS.includes(lang as Lang)) return `lang: must be one of ${LANGS.join(', ')}`;
  const time = typeof createdAt === 'string' && ISO_UTC.test(createdAt) ? Date.parse(createdAt) : NaN;
  // Date.parse rolls 02-31 and 24:00 over to the next day: a real instant reads back the same.
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 19) !== (createdAt as string).slice(0, 19))
    return 'createdAt: must be an ISO 8601 UTC timestamp';
  if (time - now > maxFutureMs) return 'createdAt: is too far in the future';
  if (!isObject(context)) return 'context: must be an object';
  const keys = Object.keys(context);
  if (keys.length > CONTEXT_MAX_KEYS) return `context: at most ${CONTEXT_MAX_KEYS} keys`;
  for (const key of keys) {
    if (!CONTEXT_KEY_PATTERN.test(key)) return `context: key "${oneLine(key)}" must be 1-64 characters of a-z 0-9 . _ : -`;
    const value = context[key];
    if (typeof value !== 'string' || codePoints(value) > CONTEXT_VALUE_MAX)
      return `context.${key}: must be a string of at most ${CONTEXT_VALUE_MAX} characters`;
  }
  return null;
}

/** Effort on the 7-point scale, so 5- and 7-point answers can be compared: 1 → 1, top → 7. */
export const effortOn7 = (effort: number, scale: EffortScale): number => 1 + ((effort - 1) * 6) / (scale - 1);
